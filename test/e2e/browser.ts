// Shared E2E harness: builds the renderer once, starts the HTTP transport on a temp data folder,
// launches Debian Chromium headless. Skips (with a visible notice) only when Chromium is missing
// and never under CI=true, where a missing browser is a failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../core/node/http-server';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}: E2E tests must run under CI`);
  console.warn(`[e2e] SKIPPED: Chromium not found at ${CHROMIUM} (install it with apt-get install chromium)`);
  return false;
}

let built: Promise<void> | null = null;
/**
 * vite build → dist-web/ when it is missing or stale, once per process, under a cross-process lock
 * (test files run in parallel forks; two builds emptying dist-web at once would break both).
 */
export function buildOnce(): Promise<void> {
  built ??= (async () => {
    const lock = join(ROOT, 'test-output', '.dist-web.lock');
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    const deadline = Date.now() + 300_000;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        // A lock left by a killed run is stale after five minutes.
        if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000)
          rmSync(lock, { recursive: true, force: true });
        if (Date.now() > deadline) throw new Error('timed out waiting for another test to build dist-web');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    try {
      const { needsBuild, buildRenderer } = await import('../../scripts/web');
      if (needsBuild()) await buildRenderer();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  })();
  return built;
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  page: Page;
  dataDir: string;
  errors: string[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await buildOnce();
  const dataDir = mkdtempSync(join(tmpdir(), 'huibian-e2e-'));
  const server = await startServer({ dataDir, staticDir: join(ROOT, 'dist-web') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // antd prints deprecation notices as console errors; they are not failures of the app.
    if (m.type() === 'error' && !/favicon|status of 404|^Warning: \[antd:/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    dataDir,
    errors,
    async close() {
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
    },
  };
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

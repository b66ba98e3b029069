// Shared E2E harness: builds the renderer once, starts the HTTP transport on a temp data folder
// (or the portal fixture's server), launches Debian Chromium headless with one page per context,
// and offers the helpers every E2E file uses (api, poll, nav, settle, shot). Skips (with a visible notice) only when Chromium is missing
// and never under CI=true, where a missing browser is a failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** What a test needs from its server: a running HTTP transport on a data folder it may read. */
export interface StartedServer {
  server: RunningServer;
  dataDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Starts the server (default: the HTTP transport on a fresh temp data folder); portal tests pass startPortal. */
  start?: (staticDir: string) => Promise<StartedServer>;
  /** The first page's viewport (default 1440×900). */
  viewport?: { width: number; height: number };
  /** Console errors that are not failures of the app (default: favicon, 404s, antd deprecation notices). */
  ignoreConsole?: RegExp;
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Page errors and console errors of every page this harness opened. */
  errors: string[];
  /** A contract call straight to the service (setting up or reading back, not what the clerk does). */
  api<T>(name: string, input: unknown): Promise<T>;
  /** One more page in a context of its own (another device, another window), watched for errors too. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * Stops the server, runs `whileDown` (damage a file as a crash would), and starts the server again
   * on the same data folder (a new port, a new origin).
   */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_IGNORED = /favicon|status of 404|^Warning: \[antd:/;
const WEB = join(ROOT, 'dist-web');

async function plainServer(staticDir: string, dataDir = mkdtempSync(join(tmpdir(), 'huibian-e2e-'))) {
  const server = await startServer({ dataDir, staticDir });
  return { server, dataDir, close: () => server.close() };
}

/** The renderer built once, a server on a data folder, one headless Chromium and a first page. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  await buildOnce();
  let started: StartedServer = await (opts.start ?? plainServer)(WEB);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const ignored = opts.ignoreConsole ?? DEFAULT_IGNORED;
  const newPage = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
      deviceScaleFactor: 1,
      ...options,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !ignored.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    return page;
  };
  const page = await newPage(opts.viewport ? { viewport: opts.viewport } : {});
  mkdirSync(SHOTS, { recursive: true });
  const h: Harness = {
    server: started.server,
    browser,
    page,
    dataDir: started.dataDir,
    errors,
    async api<T>(name: string, input: unknown): Promise<T> {
      const r = await h.server.dispatcher.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    },
    newPage,
    async restart(whileDown) {
      await h.server.close();
      await whileDown?.();
      started = await plainServer(WEB, started.dataDir);
      h.server = started.server;
    },
    async close() {
      await browser.close().catch(() => {});
      await started.close().catch(() => {});
    },
  };
  return h;
}

/** expect.poll with the E2E defaults: the machine is shared, so waits are generous and assertions exact. */
export const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, interval: 100, ...opts });

/** Goes to a screen through the side menu. */
export const nav = (page: Page, label: string) =>
  page
    .locator('.ant-menu-item')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();

/** From 会议, opens the first listed session and waits for its title. */
export async function openFirstSession(page: Page, button: string | RegExp = /打开/): Promise<void> {
  await page.getByTestId('session-row').first().getByRole('button', { name: button }).click();
  await page.getByTestId('session-title').waitFor();
}

/**
 * Waits until the page is still: six animation frames in a row with no finite CSS animation or
 * transition running (antd's modal, drawer and menu motions; rc-motion leaves a frame or two without
 * one between its steps, so a single look is not enough). Infinite ones (spinners) do not count.
 * Used before screenshots instead of a fixed sleep.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((done) => {
        let quiet = 0;
        const tick = () => {
          const busy = document
            .getAnimations()
            .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
          quiet = busy ? 0 : quiet + 1;
          if (quiet >= 6) done(true);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    undefined,
    { timeout: 10_000 },
  );
}

export async function shot(page: Page, name: string): Promise<string> {
  await settle(page);
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

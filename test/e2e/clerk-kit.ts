// What the two clerk E2E files share: a harness that also records every 404, a photograph of the
// screen at both sizes, a download read back, and a generated Markdown speech.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { settle, SHOTS, startHarness, type Harness } from './browser';

/** The harness, with every 404 the page meets collected in `notFound` (the favicon was one). */
export async function startClerk(): Promise<{ h: Harness; notFound: string[] }> {
  const h = await startHarness();
  const notFound: string[] = [];
  h.page.on('response', (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  return { h, notFound };
}

/** The screen at both sizes: 1440×900, then 1024×768, back to 1440×900. */
export async function shots(p: Page, name: string): Promise<void> {
  await settle(p);
  await p.screenshot({ path: join(SHOTS, `clerk-${name}-1440.png`) });
  await p.setViewportSize({ width: 1024, height: 768 });
  await settle(p);
  await p.screenshot({ path: join(SHOTS, `clerk-${name}-1024.png`) });
  await p.setViewportSize({ width: 1440, height: 900 });
  await settle(p);
}

export async function download(page: Page, click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

export const md = (title: string, author: string, n: number) =>
  Buffer.from(`# ${title}\n\n${author}\n\n${'各位委员：关于本议题，现提出如下建议。'.repeat(n)}\n`);

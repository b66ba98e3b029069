// The 印刷与分发 dialog end to end in headless Chromium against the real HTTP transport, service and
// print producer: from the sample session, a booklet and 3 numbered copies with their register are
// made through the dialog, downloaded as a clerk would, and read back (page count and size with
// pdf-lib, the copy numbers and names with pdf.js). Screenshot: 11-print-dialog.png.
// (antd puts data-testid of a Radio / Checkbox / InputNumber on its <input>, hence `inputOf`.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import type { SessionView } from '../../core/contract';
import { chromiumAvailable, nav, openFirstSession, poll, ROOT, shot, startHarness, type Harness } from './browser';

const run = chromiumAvailable();

let h: Harness;
let page: Page;
let sessionId = '';

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    out.push(
      c.items
        .map((x) => ('str' in x ? x.str : ''))
        .join('')
        .replace(/\s+/g, ''),
    );
  }
  await doc.destroy();
  return out;
}

const inputOf = (l: import('playwright-core').Locator) => l.locator('xpath=self::input | .//input').first();

async function download(row: import('playwright-core').Locator): Promise<Uint8Array> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    row.getByTestId('print-download').click(),
  ]);
  return new Uint8Array(readFileSync((await dl.path())!));
}

describe.skipIf(!run)('印刷与分发 dialog, end to end', () => {
  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    const v = await h.api<SessionView>('sessions.create', {
      name: '政协××市第十三届委员会常务委员会第九次会议',
      template: 'sample',
    });
    sessionId = v.session.id;
    await page.goto(h.server.openUrl);
    await openFirstSession(page);
    await nav(page, '预览与生成');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('makes a saddle-stitch booklet on A3 and downloads it', async () => {
    await page.getByTestId('print-open').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '印刷与分发' });
    await dialog.waitFor();
    // Keyboard: the product list is a radio group reachable and changeable from the keyboard.
    await inputOf(dialog.getByTestId('print-kind-print')).focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => inputOf(dialog.getByTestId('print-kind-booklet')).isChecked()).toBe(true);
    await expect(dialog.getByTestId('print-explain').textContent()).resolves.toContain('骑马订');
    await dialog.getByTestId('print-produce').click();
    await dialog.getByTestId('print-result').waitFor({ timeout: 60_000 });
    const rows = dialog.getByTestId('print-file');
    expect(await rows.count()).toBe(1);
    const bytes = await download(rows.first());
    const pdf = await PDFDocument.load(bytes);
    const first = pdf.getPage(0).getSize();
    // A3 landscape: two A4 pages side by side.
    expect(Math.round(Math.max(first.width, first.height))).toBe(1191);
    expect(Math.round(Math.min(first.width, first.height))).toBe(842);
    expect(first.width).toBeGreaterThan(first.height);
    // Pages shown in the dialog = sheet sides of the file; a booklet's sides are a multiple of 2 (4 pages a sheet).
    const shownPages = Number((await rows.first().locator('.ant-tag-blue').textContent())!.replace(/\D/g, ''));
    expect(shownPages).toBe(pdf.getPageCount());
    expect(pdf.getPageCount() % 2).toBe(0);
    expect(await dialog.getByTestId('print-sheet-info').textContent()).toContain('骑马订');
  });

  it('makes 3 numbered copies with pasted recipients and the return register', async () => {
    const dialog = page.locator('.ant-modal').filter({ hasText: '印刷与分发' });
    await dialog.getByText('编号本（份号）', { exact: true }).click();
    await dialog.getByTestId('print-recipients').getByText('粘贴名单').click();
    await dialog.getByTestId('print-names').fill('1. 张明华\n2、李秀英\n王建国');
    await poll(() => inputOf(dialog.getByTestId('print-copies')).inputValue()).toBe('3');
    expect(await inputOf(dialog.getByTestId('print-with-register')).isChecked()).toBe(true);
    await dialog.getByTestId('print-produce').click();
    await dialog
      .getByTestId('print-progress')
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    await dialog.getByTestId('print-result').waitFor({ timeout: 90_000 });
    await shot(page, '11-print-dialog');
    const rows = dialog.getByTestId('print-file');
    expect(await rows.count()).toBe(2);
    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    const regIndex = names.findIndex((n) => n.includes('登记表'));
    expect(regIndex).toBeGreaterThanOrEqual(0);
    const copiesBytes = await download(rows.nth(1 - regIndex));
    writeFileSync(join(ROOT, 'test-output', 'e2e-copies.pdf'), copiesBytes);
    const copies = await PDFDocument.load(copiesBytes);
    expect(copies.getPageCount() % 3).toBe(0);
    const perCopy = copies.getPageCount() / 3;
    const texts = await pageTexts(copiesBytes);
    // Each copy's cover carries its own six-digit number.
    expect(texts[0]).toContain('000001');
    expect(texts[perCopy]).toContain('000002');
    expect(texts[2 * perCopy]).toContain('000003');
    expect(texts[perCopy]).not.toContain('000001');
    const reg = (await pageTexts(await download(rows.nth(regIndex)))).join('');
    for (const n of ['张明华', '李秀英', '王建国', '000001', '000003']) expect(reg).toContain(n);
    expect(h.errors).toEqual([]);
  });

  it('shows progress and cancels a long run: no file, a clear message, and the dialog is usable again', async () => {
    const dialog = page.locator('.ant-modal').filter({ hasText: '印刷与分发' });
    // 300 unnamed copies: long enough that the cancel (sent right away) lands while it runs. The
    // dialog is free again at once (the service says 'cancelled' before the producer's next step).
    await dialog.getByText('编号本（份号）', { exact: true }).click();
    await dialog.getByTestId('print-recipients').getByText('不写姓名').click();
    await inputOf(dialog.getByTestId('print-copies')).fill('300');
    await dialog.getByTestId('print-produce').click();
    await dialog.getByTestId('print-progress').waitFor({ timeout: 10_000 });
    await dialog.getByTestId('print-cancel').click({ timeout: 5_000 });
    await dialog.getByTestId('print-cancelled').waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId('print-result').count()).toBe(0);
    expect(await dialog.getByTestId('print-produce').isEnabled()).toBe(true);
  });

  it('explains what is missing instead of failing: a handout needs a selection', async () => {
    const dialog = page.locator('.ant-modal').filter({ hasText: '印刷与分发' });
    await dialog.getByText('分发材料', { exact: true }).click();
    await expect(dialog.getByTestId('print-blocker').textContent()).resolves.toContain('请选择');
    expect(await dialog.getByTestId('print-produce').isDisabled()).toBe(true);
    await dialog.getByTestId('print-sel').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await dialog.getByTestId('print-renumber').getByText('重新编页').click();
    await dialog.getByTestId('print-produce').click();
    await dialog.getByTestId('print-result').waitFor({ timeout: 60_000 });
    const bytes = await download(dialog.getByTestId('print-file').first());
    const texts = await pageTexts(bytes);
    const first = (await h.api<{ title: string }[]>('export.items', { sessionId }))[0];
    expect(texts.join('')).toContain(first.title.replace(/\s+/g, '').slice(0, 6));
  });
});

// Issue 14 end to end in headless Chromium (browser build, real HTTP service), on the sample session:
// names in stroke order with 界别, import progress with cancel, folder import, drop overlay, PDF
// blank-page warning, 新建栏目 with Enter, preview zoom / fit at 1024 px / jump / thumbnails / print,
// first-compile progress, print wording and register order, 统计 pages and xlsx export, 上次打开,
// neutral focus and link colours. Every screen is photographed at 1440×900 and 1024×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { CompileJob, SessionView } from '../../core/contract';
import { chromiumAvailable, nav, openFirstSession, poll, ROOT, settle, SHOTS, type Harness } from './browser';
import { download, md, shots, startClerk } from './clerk-kit';
import { memberLabels, membersInSessionOrder } from '../../renderer/state/member-order';

const run = chromiumAvailable();

let h: Harness;
let page: Page;
let sessionId = '';
let notFound: string[] = [];

const state = () => h.api<SessionView>('sessions.state', { sessionId });

describe.skipIf(!run)('issue 14: the app as clerks live in it — on the sample session', () => {
  beforeAll(async () => {
    ({ h, notFound } = await startClerk());
    page = h.page;
    // The sample as 打开示例会议 makes it (clerk.e2e.test.ts clicks that button itself).
    const v = await h.api<SessionView>('sessions.create', { name: '示例会议（齐文化传承与创新）', template: 'sample' });
    sessionId = v.session.id;
    await page.goto(h.server.openUrl);
    await openFirstSession(page);
    await nav(page, '委员名单');
    await page.locator('[data-screen=roster]').waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('委员名单: 党派 never wraps, focus is neutral, links are not antd blue', async () => {
    await page.locator('[data-testid=roster-table] .ant-table-row').first().waitFor();
    const party = await page
      .locator('[data-testid=roster-table] .ant-table-row')
      .first()
      .locator('td')
      .nth(4)
      .evaluate((td) => getComputedStyle(td).whiteSpace);
    expect(party).toBe('nowrap');
    await page.getByTestId('roster-search').locator('input').focus();
    const border = await page
      .getByTestId('roster-search')
      .locator('.ant-input-affix-wrapper, input')
      .first()
      .evaluate((e) => getComputedStyle(e.closest('.ant-input-affix-wrapper') ?? e).borderColor);
    expect(border).not.toBe('rgb(183, 28, 28)');
    const link = await page
      .locator('[data-testid=roster-table] .ant-btn-link')
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    expect(link).not.toBe('rgb(22, 119, 255)');
    expect(link).not.toBe('rgb(183, 28, 28)');
    await shots(page, '04-roster');
  });

  it('材料收集: the board and 尚未提交 follow stroke order; a shared name shows its 界别', async () => {
    // Two members named 王丽华 in different 界别, not yet submitted.
    for (const sector of ['经济界', '教育界']) {
      const v = await state();
      await h.api('roster.add', {
        sessionId,
        revision: v.revision,
        member: { name: '王丽华', sector, title: '', unit: '', standing: true },
      });
    }
    await nav(page, '材料收集');
    const v = await state();
    const s = v.session;
    const labels = memberLabels(s.members);
    const expected = membersInSessionOrder(v)
      .filter((m) => m.standing)
      .map((m) => labels.get(m.id));
    await poll(() => page.getByTestId('slot-name').allTextContents()).toEqual(expected);
    expect(expected).toContain('王丽华（经济界）');
    expect(expected).toContain('王丽华（教育界）');
    // Not the roster's row order.
    expect(expected).not.toEqual(s.members.filter((m) => m.standing).map((m) => labels.get(m.id)));
    const missing = await page.getByTestId('missing-list').inputValue();
    const order = missing.split('、');
    const slotOrder = await page
      .locator('[data-testid=slot][data-state=missing] [data-testid=slot-name]')
      .allTextContents();
    expect(order).toEqual(slotOrder);
    await shots(page, '05-intake');
  });

  it('importing shows n of N with the current file, and can be cancelled between files', async () => {
    const files = Array.from({ length: 30 }, (_, i) => ({
      name: `补充材料${String(i + 1).padStart(2, '0')}.md`,
      mimeType: 'text/markdown',
      buffer: md(`关于第${i + 1}项工作的建议`, '市政协常委 王丽华', 1500 + i),
    }));
    const before = (await state()).session.submissions.length;
    await page
      .locator('[data-testid=dropzone] input[type=file], [data-dropzone] input[type=file]')
      .first()
      .setInputFiles(files);
    const bar = page.getByTestId('import-progress');
    await bar.waitFor({ timeout: 10_000 });
    const text = (await bar.textContent())!;
    const current = (await page.getByTestId('import-current').textContent())!;
    // The bar changes with every file; a DOM click does not wait for it to hold still.
    await page.getByTestId('import-cancel').dispatchEvent('click');
    expect(text).toMatch(/正在导入 第 \d+ \/ 30 个/);
    expect(current).toMatch(/补充材料\d\d\.md/);
    await page.screenshot({ path: join(SHOTS, 'clerk-05b-import-progress-1440.png') });
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText(/已停止，其余 \d+ 个没有导入/).waitFor();
    const imported = (await state()).session.submissions.length - before;
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(30);
    expect(await page.locator('[data-testid=import-report] .ant-table-row').count()).toBe(Math.min(imported, 12));
  });

  it('the browser build imports a whole folder (webkitdirectory), documents only', async () => {
    const input = page.getByTestId('folder-input');
    expect(await input.getAttribute('webkitdirectory')).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'huibian-folder-'));
    writeFileSync(join(dir, '文件夹材料甲.md'), md('文件夹中的第一篇', '市政协常委 丁一', 30));
    writeFileSync(join(dir, '文件夹材料乙.md'), md('文件夹中的第二篇', '市政协常委 于海', 31));
    writeFileSync(join(dir, '~$文件夹材料甲.docx'), Buffer.alloc(162, 0x20));
    writeFileSync(join(dir, '说明.xlsx'), Buffer.from('x'));
    await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout: 60_000 });
    const before = (await state()).session.submissions.length;
    await input.setInputFiles(dir);
    await poll(async () => (await state()).session.submissions.length, { timeout: 30_000 }).toBe(before + 2);
    const titles = (await state()).session.submissions.map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['文件夹中的第一篇', '文件夹中的第二篇']));
  });

  it('a PDF with a blank page imports with a warning that names the page', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const p = doc.addPage([595, 842]);
    const { StandardFonts } = await import('pdf-lib');
    const font = await doc.embedFont(StandardFonts.Helvetica);
    p.drawText('Annual report of the culture committee, with many words in it for the text layer check.', {
      x: 40,
      y: 700,
      size: 10,
      font,
    });
    const bytes = Buffer.from(await doc.save());
    await page
      .locator('[data-testid=dropzone] input[type=file], [data-dropzone] input[type=file]')
      .first()
      .setInputFiles({ name: '扫描件-文化委员会.pdf', mimeType: 'application/pdf', buffer: bytes });
    const row = page.locator('[data-testid=import-report] .ant-table-row').filter({ hasText: '扫描件-文化委员会.pdf' });
    await row.waitFor({ timeout: 30_000 });
    // The kept import report says why, in words, on the row itself.
    await row.filter({ hasText: '第 1 页是空白页' }).waitFor();
    expect(await row.textContent()).toContain('暂用文件名作标题');
  });

  it('files dragged over the window show words saying what a drop does', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], '发言.md'));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const overlay = page.getByTestId('drop-overlay');
    await overlay.waitFor();
    expect(await overlay.textContent()).toContain('松开鼠标，把文件导入');
    await page.screenshot({ path: join(SHOTS, 'clerk-05c-drop-overlay-1440.png') });
    await page.evaluate(() => window.dispatchEvent(new DragEvent('dragleave', { bubbles: true })));
    await overlay.waitFor({ state: 'detached' });
  });

  it('编排: 新建栏目 takes Enter, and a fourth and fifth column come into view at 1024 px', async () => {
    await nav(page, '编排');
    await page.setViewportSize({ width: 1024, height: 768 });
    const count = (await state()).session.sections.length;
    for (const title of ['提案选编', '社情民意信息']) {
      await page.getByTestId('new-section').click();
      await page.getByTestId('section-title-input').fill(title);
      await page.getByTestId('section-title-input').press('Enter');
      const col = page.locator('[data-testid=column]').filter({ hasText: title });
      await col.waitFor();
      await poll(async () => {
        const b = (await col.boundingBox())!;
        return b.x >= 0 && b.x + b.width <= 1024;
      }).toBe(true);
    }
    expect((await state()).session.sections.length).toBe(count + 2);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shots(page, '06-arrange');
  });

  it('材料详情 is shown at both sizes', async () => {
    const s = (await state()).session;
    await page
      .locator(`[data-testid=column][data-section="${s.sections[0].id}"] [data-testid=card]`)
      .first()
      .dblclick();
    await page.locator('[data-screen=item]').waitFor();
    await shots(page, '07-item');
  });

  it('预览与生成: the first compile reports reading the sources; fit, zoom, jump and thumbnails at 1024 px', async () => {
    const progress: CompileJob[] = [];
    const off = h.server.dispatcher.on('compile.progress', (j) => progress.push(j as CompileJob));
    await nav(page, '预览与生成');
    await page.getByTestId('compile').click();
    await page.locator('[data-testid=compile-state][data-state=done]').waitFor({ timeout: 120_000 });
    off();
    const reads = progress.filter((j) => j.progress.phase === 'read' && j.state === 'running');
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.some((j) => j.progress.done > 0 && /^正在读取材料 \d+\/\d+：/.test(j.progress.message))).toBe(true);
    await page.locator('canvas[data-testid=pdf-page][data-rendered=true]').first().waitFor({ timeout: 30_000 });
    await shots(page, '08-preview');

    await page.setViewportSize({ width: 1024, height: 768 });
    await settle(page);
    const pages = page.getByTestId('pdf-pages');
    const fits = async () => {
      const box = (await pages.boundingBox())!;
      const c = (await page.locator('canvas[data-testid=pdf-page]').first().boundingBox())!;
      return c.x >= box.x && c.x + c.width <= box.x + box.width;
    };
    await poll(fits).toBe(true);
    const fitPct = Number((await page.getByTestId('zoom-pct').textContent())!.replace('%', ''));
    await page.getByTestId('zoom-in').click();
    await poll(async () =>
      Number((await page.getByTestId('zoom-pct').textContent())!.replace('%', '')),
    ).toBeGreaterThan(fitPct);
    await poll(
      async () => (await page.locator('canvas[data-testid=pdf-page]').first().boundingBox())!.width,
    ).toBeGreaterThan((await pages.boundingBox())!.width);
    // Wider than the pane: it scrolls sideways instead of being cut off on the left.
    expect(await pages.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await page.getByTestId('zoom').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '适合宽度' }).click();
    await poll(fits).toBe(true);

    // 跳到材料: only the page list scrolls; the toolbar stays on screen; the thumbnail follows.
    await page.locator('.ant-card').filter({ hasText: '跳到材料' }).locator('.ant-list-item').last().click();
    await poll(() => pages.evaluate((e) => e.scrollTop)).toBeGreaterThan(1000);
    expect(await page.locator('.hb-content').evaluate((e) => e.scrollTop)).toBe(0);
    const bar = (await page.getByTestId('compile').boundingBox())!;
    expect(bar.y).toBeGreaterThanOrEqual(0);
    const active = page.locator('.hb-thumb[data-active=true]');
    const activeIndex = Number(await active.getAttribute('data-thumb'));
    expect(activeIndex).toBeGreaterThan(5);
    await poll(() => page.getByTestId('pdf-thumbs').evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    const tb = (await active.boundingBox())!;
    const tbox = (await page.getByTestId('pdf-thumbs').boundingBox())!;
    expect(tb.y >= tbox.y - 1 && tb.y + tb.height <= tbox.y + tbox.height + 1).toBe(true);
    // Scrolling the pages by hand moves the marked thumbnail too.
    await pages.evaluate((e) => e.scrollTo({ top: 0 }));
    await poll(() => active.getAttribute('data-thumb')).toBe('0');
    await poll(() => page.getByTestId('page-indicator').textContent()).toContain('（1 / ');
    await page.screenshot({ path: join(SHOTS, 'clerk-08b-preview-jump-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    // 打印… in the browser: the PDF goes to a hidden frame whose viewer prints it. Headless Chromium
    // has no print dialog, so the frame's print() is recorded instead of called.
    await page.evaluate(() => {
      const desc = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get(this: HTMLIFrameElement) {
          if (this.dataset.testid !== 'print-frame') return desc.get!.call(this);
          const w = window as unknown as { __printed?: string[] };
          return { focus() {}, print: () => (w.__printed ??= []).push(this.src) };
        },
      });
    });
    await page.getByTestId('print-pdf').click();
    await poll(() => page.evaluate(() => (window as unknown as { __printed?: string[] }).__printed ?? [])).toEqual([
      expect.stringMatching(/^blob:/),
    ]);
    await page.evaluate(() => document.querySelectorAll('iframe[data-testid=print-frame]').forEach((f) => f.remove()));
  });

  it('印刷与分发: the words match the output; the register follows stroke order; file names carry the session name', async () => {
    await page.getByTestId('print-open').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '印刷与分发' });
    await dialog.waitFor();
    await dialog.getByTestId('print-binding').getByText('双面印刷').click();
    const explain = dialog.getByTestId('print-binding-explain');
    expect((await state()).session.layout.itemStart).toBe('newPage');
    expect(await explain.textContent()).toContain('可能从左页开始，不插空白页');
    expect(await explain.textContent()).not.toContain('每篇从单页（右页）开始');
    await shots(page, '09-print-dialog');
    await dialog.getByTestId('print-odd-start').click();
    await poll(async () => (await state()).session.layout.itemStart).toBe('oddPage');
    await poll(() => explain.textContent()).toContain('每篇从单页（右页）开始');
    // The register from the roster: stroke order, namesakes with their 界别.
    await dialog.getByTestId('print-kind-register').click();
    await dialog.getByTestId('print-produce').click();
    await dialog.getByTestId('print-result').waitFor({ timeout: 90_000 });
    const s = (await state()).session;
    expect(await dialog.getByTestId('print-file-name').first().textContent()).toBe(`${s.name}-分发清退登记表.pdf`);
    const { name, bytes } = await download(page, () => dialog.getByTestId('print-download').first().click());
    expect(name).toBe(`${s.name}-分发清退登记表.pdf`);
    const pdfPath = join(ROOT, 'test-output', 'clerk-register.pdf');
    writeFileSync(pdfPath, bytes);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const labels = memberLabels(s.members);
    const order = membersInSessionOrder(await state()).map((m) => labels.get(m.id)!);
    const at = order.slice(0, 8).map((n) => text.indexOf(n));
    for (const i of at) expect(i).toBeGreaterThan(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('王丽华（经济界）');
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('统计: pages follow the last compile, say when things changed since, and export as xlsx', async () => {
    await page.getByTestId('compile').click();
    const current = async () => {
      const j = await h.api<CompileJob | null>('compile.status', { sessionId });
      return j?.state === 'done' && j.revision === (await state()).revision ? j : null;
    };
    await poll(current, { timeout: 120_000 }).not.toBeNull();
    const job = (await current())!;
    await nav(page, '统计');
    await poll(() => page.getByTestId('stat-pages').locator('.ant-statistic-content').textContent()).toBe(
      job.result!.pageCount!.toLocaleString('zh-CN'),
    );
    expect(await page.getByTestId('stats-pages-note').count()).toBe(0);
    expect(await page.getByTestId('stats-missing').textContent()).toBe('王丽华（经济界）、王丽华（教育界）');
    await shots(page, '10-stats');
    const { name, bytes } = await download(page, () => page.getByTestId('stats-export').click());
    expect(name).toBe(`${(await state()).session.name}-统计.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '各栏目', '未编排']);
    const total = wb
      .getWorksheet('各栏目')!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1))
      .find((r) => r[0] === '合计')!;
    expect(total[2]).toBe(job.result!.pageCount);
    // A settings change after the compile: the old count is named as such, with a way to recompile.
    const v = await state();
    await h.api('settings.update', { sessionId, revision: v.revision, layout: { marginTop: 38 } });
    const note = page.getByTestId('stats-pages-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`共 ${job.result!.pageCount} 页`);
    expect(await note.textContent()).toContain('此后会议内容或设置');
    expect(await page.getByTestId('stat-pages').textContent()).toContain('已过时');
  });

  it('上次打开 is updated when a session is opened again', async () => {
    await nav(page, '会议');
    const desc = page.getByTestId('session-row').first().locator('.ant-list-item-meta-description');
    const first = /上次打开 (.+)$/.exec((await desc.textContent())!)![1];
    await page.waitForTimeout(1100);
    await page.getByTestId('session-row').first().getByRole('button', { name: '打开' }).click();
    await page.locator('[data-screen=arrange]').waitFor();
    await nav(page, '会议');
    await poll(async () => /上次打开 (.+)$/.exec((await desc.textContent())!)?.[1]).not.toBe(first);
    await shots(page, '11-sessions');
  });

  it('the console stayed clean: no 404 (favicon), no unhandled rejection, no page error', () => {
    expect(notFound).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

// Issue 14 end to end in headless Chromium (browser build, real HTTP service): a tab without the
// token, favicon, one-click sample, 使用说明 from every screen, 会议信息 (号/磅, DatePicker, sample page
// and cover, autosave and the leave guard, no unhandled rejection), names in stroke order with 界别,
// import progress with cancel, folder import, drop overlay, 新建栏目 with Enter, preview zoom / fit at
// 1024 px / jump / thumbnails / print, first-compile progress, print wording and register order,
// PDF blank-page warning, 统计 pages and xlsx export, 上次打开, neutral focus and link colours.
// Every screen is photographed at 1440×900 and 1024×768 into test-output/screenshots/clerk-*.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { CompileJob, SessionView } from '../../core/contract';
import { chromiumAvailable, ROOT, SHOTS, startHarness, type Harness } from './browser';
import { memberLabels, membersInSessionOrder } from '../../renderer/state/member-order';

const run = chromiumAvailable();
const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, interval: 100, ...opts });

let h: Harness;
let page: Page;
let sessionId = '';
const notFound: string[] = [];

async function api<T>(name: string, input: unknown): Promise<T> {
  const r = await h.server.dispatcher.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}
const state = () => api<SessionView>('sessions.state', { sessionId });
const nav = (label: string) =>
  page
    .locator('.ant-menu-item')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
const saved = () => poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');

/** The screen at both sizes: 1440×900, then 1024×768, back to 1440×900. */
async function shots(name: string, p: Page = page): Promise<void> {
  await p.waitForTimeout(250);
  await p.screenshot({ path: join(SHOTS, `clerk-${name}-1440.png`) });
  await p.setViewportSize({ width: 1024, height: 768 });
  await p.waitForTimeout(400);
  await p.screenshot({ path: join(SHOTS, `clerk-${name}-1024.png`) });
  await p.setViewportSize({ width: 1440, height: 900 });
  await p.waitForTimeout(200);
}

async function download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

const md = (title: string, author: string, n: number) =>
  Buffer.from(`# ${title}\n\n${author}\n\n${'各位委员：关于本议题，现提出如下建议。'.repeat(n)}\n`);

describe.skipIf(!run)('issue 14: the app as clerks live in it', () => {
  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    page.on('response', (r) => {
      if (r.status() === 404) notFound.push(r.url());
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a tab without the token says how to open the app (no spinner, no live buttons)', async () => {
    const tab = await page.context().newPage();
    await tab.goto(h.server.url);
    await tab.getByTestId('no-access').waitFor();
    expect(await tab.getByText('请从启动汇编时显示的地址打开').count()).toBe(1);
    expect(await tab.locator('.ant-menu-item').count()).toBe(0);
    expect(await tab.locator('.ant-spin').count()).toBe(0);
    await shots('00-no-token', tab);
    await tab.close();
  });

  it('has a favicon, and opens the sample in one click from the empty state', async () => {
    await page.goto(h.server.openUrl);
    await page.getByTestId('empty-open-sample').waitFor();
    const icon = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=icon]') as HTMLLinkElement;
      const r = await fetch(link.href);
      return { status: r.status, type: r.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
    await shots('01-sessions-empty');
    await page.getByTestId('empty-open-sample').click();
    await page.locator('[data-screen=arrange] [data-testid=card]').first().waitFor();
    const list = await api<{ id: string; name: string }[]>('sessions.list', {});
    expect(list).toHaveLength(1);
    sessionId = list[0].id;
    expect((await state()).session.submissions.length).toBeGreaterThan(20);
    // A second click opens the same sample instead of making another.
    await nav('会议');
    await page.getByTestId('open-sample').click();
    await page.locator('[data-screen=arrange]').waitFor();
    expect(await api<unknown[]>('sessions.list', {})).toHaveLength(1);
    await saved();
  });

  it('使用说明 is one click (or F1) away on every screen and leads to each step', async () => {
    for (const label of ['会议', '会议信息', '委员名单', '材料收集', '编排', '预览与生成', '统计']) {
      await nav(label);
      await page.getByTestId('help-open').waitFor();
    }
    await page.getByTestId('help-open').click();
    const drawer = page.getByTestId('help');
    await drawer.waitFor();
    expect(await drawer.getByTestId('help-step').count()).toBe(5);
    const titles = await drawer.locator('.ant-steps-item-title').allTextContents();
    expect(titles).toEqual(['新建会议', '导入名单', '收集材料', '编排', '生成']);
    await shots('02-help');
    await drawer.getByRole('button', { name: '去“材料收集”' }).click();
    await page.locator('[data-screen=intake]').waitFor();
    await page.keyboard.press('F1');
    await drawer.waitFor();
    await page.locator('.ant-drawer-close').click();
    await poll(() => page.locator('.ant-drawer-mask:visible').count()).toBe(0);
  });

  it('会议信息: sizes in 号 and 磅, a zh-CN date picker, a sample page that keeps every character, a cover', async () => {
    await nav('会议信息');
    await page.getByTestId('sample-page').waitFor();
    const s = (await state()).session;
    const haos = await page.getByTestId('size-hao').allTextContents();
    expect(haos[0]).toBe({ 16: '三号', 22: '二号' }[s.layout.bodySize as 16 | 22]);
    expect(haos[1]).toBe({ 16: '三号', 22: '二号' }[s.layout.titleSize as 16 | 22]);
    // 三号 → 四号 sets 14 磅 in the number box beside it.
    await page.getByTestId('size-hao').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^四号$/ })
      .click();
    await poll(() => page.getByLabel('字号（磅）').first().inputValue()).toBe('14');
    await poll(async () => (await state()).session.layout.bodySize, { timeout: 10_000 }).toBe(14);
    await page.keyboard.press('Escape');
    await page.getByTestId('save-state').click();
    await page.keyboard.press('Control+z');
    await poll(async () => (await state()).session.layout.bodySize).toBe(16);
    await poll(() => page.getByTestId('size-hao').first().textContent()).toBe('三号');
    // The date: antd DatePicker, shown the Chinese way.
    expect(await page.locator('input#date').inputValue()).toBe('2023年9月20日');
    await page.locator('input#date').click();
    expect(await page.locator('.ant-picker-dropdown:visible').textContent()).toContain('2023年');
    await page.keyboard.press('Escape');
    // The sample page: no character lost at a line end, no line starting with "，".
    const lines = await page.getByTestId('sample-line').allTextContents();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('')).toContain('市政协组织部分委员');
    for (const l of lines) expect('，。、；：'.includes(l.trim()[0]), l).toBe(false);
    await shots('03-info');
    await page.getByTestId('sketch-kind').getByText('封面示意').click();
    const cover = page.getByTestId('cover-sketch');
    await cover.waitFor();
    expect(await cover.textContent()).toContain(s.name);
    expect(await cover.textContent()).toContain('二〇二三年九月');
    // Typing changes the cover at once and is saved by itself shortly after.
    await page.locator('#theme').fill('齐文化传承与创新发展');
    await poll(() => cover.textContent()).toContain('齐文化传承与创新发展');
    await poll(async () => (await state()).session.theme, { timeout: 10_000 }).toBe('齐文化传承与创新发展');
    await saved();
    await shots('03b-info-cover');
  });

  it('an empty 会议名称 stays at its field: no unhandled rejection, no false 已保存, leaving asks first', async () => {
    const before = h.errors.length;
    const name = (await state()).session.name;
    await page.locator('#name').fill('');
    await poll(() => page.getByTestId('save-state').textContent()).toBe('有未保存的输入');
    await page.getByTestId('save-info').click();
    await page.getByText('请填写会议名称').waitFor();
    await page.waitForTimeout(1200);
    expect(h.errors.slice(before)).toEqual([]);
    expect((await state()).session.name).toBe(name);
    await nav('统计');
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有尚未保存的输入' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '留在此页' }).click();
    expect(await page.locator('[data-screen=info]').count()).toBe(1);
    await page.locator('#name').fill(name);
    await saved();
    await nav('委员名单');
    await page.locator('[data-screen=roster]').waitFor();
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
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
    await shots('04-roster');
  });

  it('材料收集: the board and 尚未提交 follow stroke order; a shared name shows its 界别', async () => {
    // Two members named 王丽华 in different 界别, not yet submitted.
    for (const sector of ['经济界', '教育界']) {
      const v = await state();
      await api('roster.add', {
        sessionId,
        revision: v.revision,
        member: { name: '王丽华', sector, title: '', unit: '', standing: true },
      });
    }
    await nav('材料收集');
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
    await shots('05-intake');
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
    await nav('编排');
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
    await shots('06-arrange');
  });

  it('材料详情 is shown at both sizes', async () => {
    const s = (await state()).session;
    await page
      .locator(`[data-testid=column][data-section="${s.sections[0].id}"] [data-testid=card]`)
      .first()
      .dblclick();
    await page.locator('[data-screen=item]').waitFor();
    await page.waitForTimeout(500);
    await shots('07-item');
  });

  it('预览与生成: the first compile reports reading the sources; fit, zoom, jump and thumbnails at 1024 px', async () => {
    const progress: CompileJob[] = [];
    const off = h.server.dispatcher.on('compile.progress', (j) => progress.push(j as CompileJob));
    await nav('预览与生成');
    await page.getByTestId('compile').click();
    await page.locator('[data-testid=compile-state][data-state=done]').waitFor({ timeout: 120_000 });
    off();
    const reads = progress.filter((j) => j.progress.phase === 'read' && j.state === 'running');
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.some((j) => j.progress.done > 0 && /^正在读取材料 \d+\/\d+：/.test(j.progress.message))).toBe(true);
    await page.locator('canvas[data-testid=pdf-page][data-rendered=true]').first().waitFor({ timeout: 30_000 });
    await shots('08-preview');

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(600);
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
    await shots('09-print-dialog');
    await dialog.getByTestId('print-odd-start').click();
    await poll(async () => (await state()).session.layout.itemStart).toBe('oddPage');
    await poll(() => explain.textContent()).toContain('每篇从单页（右页）开始');
    // The register from the roster: stroke order, namesakes with their 界别.
    await dialog.getByTestId('print-kind-register').click();
    await dialog.getByTestId('print-produce').click();
    await dialog.getByTestId('print-result').waitFor({ timeout: 90_000 });
    const s = (await state()).session;
    expect(await dialog.getByTestId('print-file-name').first().textContent()).toBe(`${s.name}-分发清退登记表.pdf`);
    const { name, bytes } = await download(() => dialog.getByTestId('print-download').first().click());
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
      const j = await api<CompileJob | null>('compile.status', { sessionId });
      return j?.state === 'done' && j.revision === (await state()).revision ? j : null;
    };
    await poll(current, { timeout: 120_000 }).not.toBeNull();
    const job = (await current())!;
    await nav('统计');
    await poll(() => page.getByTestId('stat-pages').locator('.ant-statistic-content').textContent()).toBe(
      job.result!.pageCount!.toLocaleString('zh-CN'),
    );
    expect(await page.getByTestId('stats-pages-note').count()).toBe(0);
    expect(await page.getByTestId('stats-missing').textContent()).toBe('王丽华（经济界）、王丽华（教育界）');
    await shots('10-stats');
    const { name, bytes } = await download(() => page.getByTestId('stats-export').click());
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
    await api('settings.update', { sessionId, revision: v.revision, layout: { marginTop: 38 } });
    const note = page.getByTestId('stats-pages-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`共 ${job.result!.pageCount} 页`);
    expect(await note.textContent()).toContain('此后会议内容或设置');
    expect(await page.getByTestId('stat-pages').textContent()).toContain('已过时');
  });

  it('上次打开 is updated when a session is opened again', async () => {
    await nav('会议');
    const desc = page.getByTestId('session-row').first().locator('.ant-list-item-meta-description');
    const first = /上次打开 (.+)$/.exec((await desc.textContent())!)![1];
    await page.waitForTimeout(1100);
    await page.getByTestId('session-row').first().getByRole('button', { name: '打开' }).click();
    await page.locator('[data-screen=arrange]').waitFor();
    await nav('会议');
    await poll(async () => /上次打开 (.+)$/.exec((await desc.textContent())!)?.[1]).not.toBe(first);
    await shots('11-sessions');
  });

  it('the console stayed clean: no 404 (favicon), no unhandled rejection, no page error', () => {
    expect(notFound).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

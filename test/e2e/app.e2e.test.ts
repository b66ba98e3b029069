// The browser build end to end in headless Chromium against the real HTTP transport and service:
// create a session; import a roster (GBK CSV and .xlsx with a title row, column mapping by the service) and the sample files; watch the
// expected-vs-received board change; reorder by drag and by rule, undo; compile with progress; the
// preview shows pages; exported PDF and DOCX exist and are valid. A screenshot of each main screen
// goes to test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { unzipSync, strFromU8 } from 'fflate';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import type { Session } from '../../core/model/session';
import type { SessionView, Stats, CompileJob } from '../../core/contract';
import { chromiumAvailable, nav, poll, ROOT, shot, startHarness, type Harness } from './browser';

const run = chromiumAvailable();
const SAMPLE = join(ROOT, 'resources', 'samples', 'qi-culture');
const sample = JSON.parse(readFileSync(join(SAMPLE, 'session.json'), 'utf8')) as Session;
const sourceFiles = readdirSync(join(SAMPLE, 'sources'))
  .filter((f) => f.endsWith('.md'))
  .sort();

let h: Harness;
let page: Page;
let sessionId = '';

const state = () => h.api<SessionView>('sessions.state', { sessionId });
const slots = (s: string) => page.locator(`[data-testid=slot][data-state=${s}]`).count();
const columnCards = (sectionId: string) =>
  page.locator(`[data-testid=column][data-section="${sectionId}"] [data-testid=card]`);

async function drag(
  from: import('playwright-core').Locator,
  to: import('playwright-core').Locator,
  where: 'center' | 'below' = 'center',
) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 3 });
  const ty = where === 'below' ? b.y + b.height * 0.8 : b.y + b.height / 2;
  await page.mouse.move(b.x + b.width / 2, ty, { steps: 12 });
  await page.waitForTimeout(80);
  await page.mouse.move(b.x + b.width / 2, ty + 2, { steps: 2 });
  await page.mouse.up();
}

describe.skipIf(!run)('browser build, end to end', () => {
  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(h.server.openUrl);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts on 会议 with a helpful empty state, and keeps the token out of the address bar', async () => {
    await page.getByText('还没有会议').waitFor();
    expect(page.url()).not.toContain('token');
    await shot(page, '01-sessions-empty');
  });

  it('creates a blank session and shows 会议信息 with a live sample page', async () => {
    await page.getByTestId('new-session').click();
    await page.getByTestId('session-name').fill('政协××市第十三届委员会常务委员会第九次会议');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('sample-page').waitFor();
    const list = await h.api<{ id: string; name: string }[]>('sessions.list', {});
    expect(list).toHaveLength(1);
    sessionId = list[0].id;
    await poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    // A layout change shows in the sample page before saving, and is saved as one step.
    const before = await page.getByTestId('sample-page').locator('> div').first().boundingBox();
    const top = page.locator('#layout_marginTop').or(page.getByLabel('天头'));
    await top.fill('45');
    await poll(
      async () => (await page.getByTestId('sample-page').locator('> div').first().boundingBox())!.y,
    ).toBeGreaterThan(before!.y);
    // 会议信息 saves by itself shortly after typing stops (issue 14), as one step.
    await poll(async () => (await state()).session.layout.marginTop).toBe(45);
    await shot(page, '02-info');
  });

  it('imports the roster from CSV and .xlsx with column mapping', async () => {
    await nav(page, '委员名单');
    await page.getByText('名单是空的').waitFor();
    const header = ['序号', '委员姓名', '性别', '所在界别', '党派', '现任职务', '工作单位', '级别'];
    const rows = sample.members.map((m, i) =>
      [String(i + 1), m.name, m.gender ?? '', m.sector, m.party ?? '', m.title, m.unit, m.rank ?? '']
        .map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(','),
    );
    // As Excel on Chinese Windows saves CSV: GBK, no BOM. The service detects it (roster.preview).
    const csv = iconv.encode([header.join(','), ...rows].join('\r\n'), 'gbk');
    await page
      .locator('input[type=file][accept=".xlsx,.csv,.tsv,.txt"]')
      .setInputFiles({ name: '常委名单.csv', mimeType: 'text/csv', buffer: csv });
    const modal = page.locator('.ant-modal').filter({ hasText: '对应列' });
    await modal.waitFor();
    // The guessed mapping: 委员姓名 → 姓名, 工作单位 → 单位, 序号 → 不导入.
    await poll(() => modal.locator('.ant-select-content, .ant-select-selection-item').allTextContents()).toEqual(
      expect.arrayContaining(['不导入', '姓名', '界别', '单位']),
    );
    expect(await modal.getByText(/GBK/).count()).toBeGreaterThan(0);
    expect(await modal.getByTestId('roster-preview-count').textContent()).toContain(
      `将导入 ${sample.members.length} 人`,
    );
    await modal.locator('.ant-btn-primary').click();
    await poll(async () => (await state()).session.members.length).toBe(sample.members.length);
    const tableRows = () => page.locator('[data-testid=roster-table] .ant-table-row').count();
    await poll(tableRows).toBe(sample.members.length);
    await page.getByTestId('roster-search').locator('input').fill(sample.members[3].name);
    await poll(tableRows).toBe(1);
    await page.getByTestId('roster-search').locator('input').fill('');
    await shot(page, '03-roster');

    // An .xlsx goes through the same mapping step; merge updates members with the same name.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    // A title row above the header, as office spreadsheets have.
    ws.addRow(['政协××市委员会常务委员补充名单']);
    ws.mergeCells('A1:C1');
    ws.addRow(['姓名', '所在界别', '手机号码']);
    ws.addRow([sample.members[0].name, '特邀界', '13800000000']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await page.locator('input[type=file][accept=".xlsx,.csv,.tsv,.txt"]').setInputFiles({
      name: '补充名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    const xmodal = page.locator('.ant-modal').filter({ hasText: '补充名单.xlsx' });
    await xmodal.waitFor();
    await poll(async () => [
      ...new Set(await xmodal.locator('.ant-select-content, .ant-select-selection-item').allTextContents()),
    ]).toEqual(['姓名', '界别', '不导入']);
    expect(await xmodal.getByText('表头在第 2 行').count()).toBe(1);
    await xmodal.locator('.ant-btn-primary').click();
    await poll(async () => (await state()).session.members.find((m) => m.name === sample.members[0].name)?.sector).toBe(
      '特邀界',
    );
    expect((await state()).session.members).toHaveLength(sample.members.length);
  });

  it('imports the sample files and the expected-vs-received board changes', async () => {
    await nav(page, '材料收集');
    const expected = sample.members.filter((m) => m.standing).length;
    await poll(() => slots('missing')).toBe(expected);
    expect(await slots('received')).toBe(0);
    const input = page.locator('[data-testid=dropzone] input[type=file], [data-dropzone] input[type=file]').first();
    const files = (names: string[]) =>
      names.map((n) => ({ name: n, mimeType: 'text/markdown', buffer: readFileSync(join(SAMPLE, 'sources', n)) }));
    await input.setInputFiles(files(sourceFiles.slice(0, 20)));
    // 20 files through the real importer: on a loaded 2-core machine this takes longer than 30 s.
    await poll(async () => (await state()).session.submissions.length, { timeout: 90_000 }).toBe(20);
    await poll(() => page.locator('[data-testid=import-report] .ant-table-row').count()).toBeGreaterThan(0);
    // Received = standing members with at least one item (an item may credit two members).
    const cur20 = (await state()).session;
    const with20 = new Set(cur20.submissions.flatMap((x) => x.memberIds));
    const receivedAfter20 = cur20.members.filter((m) => m.standing && with20.has(m.id)).length;
    expect(receivedAfter20).toBeGreaterThan(0);
    await poll(() => slots('missing')).toBe(expected - receivedAfter20);
    await shot(page, '04a-intake-partial');
    await page.getByTestId('missing-list').waitFor();
    const missingText = await page.getByTestId('missing-list').inputValue();
    expect(missingText.split('、')).toHaveLength(expected - receivedAfter20);
    // B1: an empty file and a Word lock file fail with their own message; the rest imports.
    const bad = [
      { name: '空文件.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
      { name: '~$会议发言.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(162, 0x20) },
    ];
    await input.setInputFiles([...bad, ...files(sourceFiles.slice(20))]);
    await poll(async () => (await state()).session.submissions.length, { timeout: 90_000 }).toBe(sourceFiles.length);
    const failed = page.locator('[data-testid=import-report] .ant-table-row').filter({ hasText: '未导入' });
    await poll(() => failed.count()).toBe(2);
    expect(await failed.first().textContent()).toContain('空文件.docx');
    // Received = standing members with at least one submission (placed or not yet).
    const cur = (await state()).session;
    const withItems = new Set(cur.submissions.flatMap((x) => x.memberIds));
    const received = cur.members.filter((m) => m.standing && withItems.has(m.id)).length;
    await poll(async () => (await slots('received')) + (await slots('review'))).toBe(received);
    expect(received).toBeGreaterThan(receivedAfter20);
    expect(await slots('missing')).toBe(expected - received);
    // 统计 agrees with the board although nothing is placed in a section yet.
    const st = await h.api<Stats>('stats.get', { sessionId });
    expect(st.members.received).toBe(received);
    expect(st.members.missing).toHaveLength(expected - received);
    // The importer files each item into the section of its kind; the rest wait unplaced.
    expect(st.unplacedItems.length + st.sections.reduce((a, x) => a + x.items, 0)).toBe(sourceFiles.length);
    await shot(page, '04-intake');
  });

  it('arranges: drag across and within sections, sort by a rule, undo', async () => {
    await nav(page, '编排');
    const s0 = (await state()).session;
    const [sec1, sec2] = s0.sections;
    // Start from nothing placed (the importer filed items by kind): all out of the sections, in one edit.
    await h.api('submissions.moveMany', {
      sessionId,
      revision: (await state()).revision,
      submissionIds: s0.submissions.map((x) => x.id),
      toSectionId: null,
    });
    await columnCards('__unplaced').first().waitFor();
    // Drag three unplaced items into the first section.
    for (let i = 0; i < 3; i++) {
      const target =
        i === 0 ? page.locator(`[data-testid=column][data-section="${sec1.id}"]`) : columnCards(sec1.id).last();
      await drag(columnCards('__unplaced').first(), target, i === 0 ? 'center' : 'below');
      await poll(async () => (await state()).session.sections[0].items.length, { timeout: 10_000 }).toBe(i + 1);
    }
    const afterAcross = (await state()).session.sections[0].items;
    expect(await columnCards(sec1.id).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(
      afterAcross,
    );
    // Within the section: the first card goes below the third.
    await drag(columnCards(sec1.id).first(), columnCards(sec1.id).nth(2), 'below');
    await poll(async () => (await state()).session.sections[0].items).not.toEqual(afterAcross);
    const afterWithin = (await state()).session.sections[0].items;
    expect(new Set(afterWithin)).toEqual(new Set(afterAcross));
    expect(afterWithin[afterWithin.length - 1]).toBe(afterAcross[0]);

    // Keyboard: Space picks the focused card up, ArrowDown moves it, Space drops it.
    await columnCards(sec1.id).first().focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(250);
    await page.keyboard.press('Space');
    await poll(async () => (await state()).session.sections[0].items).toEqual([
      afterWithin[1],
      afterWithin[0],
      ...afterWithin.slice(2),
    ]);

    // The rest go to the second section through the service (as another window would): the board follows.
    const placed = (await state()).session.sections[0].items;
    const rest = (await state()).session.submissions.map((x) => x.id).filter((id) => !placed.includes(id));
    for (const id of rest) {
      const v = await state();
      await h.api('sections.moveItem', { sessionId, revision: v.revision, submissionId: id, toSectionId: sec2.id });
    }
    await poll(() => columnCards(sec2.id).count(), { timeout: 10_000 }).toBe(rest.length);
    // The window has caught up with the other writer (S8: an edit from a stale view would be refused).
    const latest = (await state()).revision;
    await poll(async () => Number(await page.getByTestId('session-title').getAttribute('data-revision'))).toBe(latest);

    // Pin the first item of the second section: sorting must leave it in place.
    const pinnedId = (await state()).session.sections[1].items[0];
    await columnCards(sec2.id).first().getByTestId('pin').click();
    await poll(async () => (await state()).session.submissions.find((x) => x.id === pinnedId)!.options.pinned).toBe(
      true,
    );
    await poll(async () => Number(await page.getByTestId('session-title').getAttribute('data-revision'))).toBe(
      (await state()).revision,
    );

    // Sort the second section by surname strokes; then undo with Ctrl+Z.
    const manual = (await state()).session.sections[1].items;
    await page.locator(`[data-testid=column][data-section="${sec2.id}"] .ant-select`).first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '按姓氏笔画' })
      .click();
    await poll(async () => (await state()).session.sections[1].sortRule).toBe('stroke');
    const sorted = (await state()).session.sections[1].items;
    expect(sorted).not.toEqual(manual);
    expect(new Set(sorted)).toEqual(new Set(manual));
    expect(sorted[0]).toBe(pinnedId);
    await poll(() => columnCards(sec2.id).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(
      sorted,
    );
    await page.getByTestId('save-state').click(); // focus away from the select
    await page.keyboard.press('Control+z');
    await poll(async () => (await state()).session.sections[1].items).toEqual(manual);
    await page.keyboard.press('Control+y');
    await poll(async () => (await state()).session.sections[1].items).toEqual(sorted);
    await poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    // Word counts come from submissions.list (one call, counted by the service), not one preview per card.
    const listed = await h.api<{ id: string; words?: number }[]>('submissions.list', { sessionId });
    const sec0 = (await state()).session.sections[0];
    const w = listed.find((x) => x.id === sec0.items[0])!.words!;
    expect(w).toBeGreaterThan(100);
    await poll(() => columnCards(sec0.id).first().textContent()).toContain(`${w.toLocaleString('zh-CN')} 字`);
    await shot(page, '05-arrange');
  });

  it('shows an item with its detected title, author and structured text', async () => {
    await columnCards((await state()).session.sections[0].id)
      .first()
      .dblclick();
    await page.getByTestId('doc-preview').locator('p').first().waitFor();
    const cur = (await state()).session;
    const sub = cur.submissions.find((x) => x.id === cur.sections[0].items[0])!;
    expect(await page.getByTestId('item-title').inputValue()).toBe(sub.title);
    expect(await page.getByTestId('doc-preview').locator('h2, h3, h4').count()).toBeGreaterThan(1);
    await shot(page, '06-item');
  });

  it('compiles with progress, previews pages, jumps to an item, exports valid PDF and DOCX', async () => {
    const progress: CompileJob[] = [];
    const off = h.server.dispatcher.on('compile.progress', (j) => progress.push(j as CompileJob));
    await nav(page, '预览与生成');
    // Cancel first: the job ends as cancelled and the button comes back.
    await page.getByTestId('compile').click();
    await page.getByTestId('cancel').click();
    await page.locator('[data-testid=compile-state][data-state=cancelled]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('compile-state').textContent()).toBe('已取消');
    progress.length = 0;
    await page.getByTestId('compile').click();
    await page.getByTestId('compile-progress').waitFor();
    await page.locator('[data-testid=compile-state][data-state=done]').waitFor({ timeout: 60_000 });
    off();
    expect(progress.some((j) => j.state === 'running' || j.state === 'queued')).toBe(true);
    expect(progress.at(-1)?.state).toBe('done');
    await page.locator('canvas[data-testid=pdf-page][data-rendered=true]').first().waitFor({ timeout: 20_000 });
    const job = progress.at(-1)!;
    const pages = job.result!.pageCount!;
    expect(pages).toBeGreaterThan(sourceFiles.length);
    await poll(() => page.locator('canvas[data-testid=pdf-thumb]').count()).toBe(pages);
    // The rendered page is not blank: it has dark pixels (text).
    const ink = await page
      .locator('canvas[data-testid=pdf-page][data-rendered=true]')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
        return n;
      });
    expect(ink).toBeGreaterThan(500);
    await shot(page, '07-preview');
    // Jump to the last item: the page list scrolls.
    await page.locator('.ant-card').filter({ hasText: '跳到材料' }).locator('.ant-list-item').last().click();
    await poll(() => page.getByTestId('pdf-pages').evaluate((e) => e.scrollTop)).toBeGreaterThan(1000);

    const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
    const pdfPath = join(ROOT, 'test-output', 'e2e-export.pdf');
    await pdfDl.saveAs(pdfPath);
    const pdfBytes = readFileSync(pdfPath);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBe(pages);

    const [docxDl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-docx').click(),
    ]);
    const docxPath = join(ROOT, 'test-output', 'e2e-export.docx');
    await docxDl.saveAs(docxPath);
    const zip = unzipSync(new Uint8Array(readFileSync(docxPath)));
    const xml = strFromU8(zip['word/document.xml']);
    const cur = (await state()).session;
    const first = cur.submissions.find((x) => x.id === cur.sections[0].items[0])!;
    expect(xml).toContain(first.title.slice(0, 8));
    writeFileSync(join(ROOT, 'test-output', 'e2e-export.json'), JSON.stringify({ pages, pdfBytes: pdfBytes.length }));
  });

  it('shows statistics per section and in total', async () => {
    await nav(page, '统计');
    await page.getByText('各栏目').waitFor();
    const stats = await h.api<Stats>('stats.get', { sessionId });
    expect(stats.totals.items).toBe(sourceFiles.length);
    await poll(() => page.locator('.ant-table-summary').textContent()).toContain(String(stats.totals.items));
    expect(await page.getByTestId('stat-received').textContent()).toContain(
      `${stats.members.received} / ${stats.members.expected}`,
    );
    await shot(page, '08-stats');
  });

  it('lists snapshots and exports a session bundle from 会议', async () => {
    await nav(page, '会议');
    const row = page.getByTestId('session-row').first();
    await row.getByRole('button', { name: /历史版本/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '历史版本' });
    await poll(() => modal.locator('.ant-list-item').count()).toBeGreaterThan(0);
    // shot() waits for the modal's opening animation to finish.
    await shot(page, '09-snapshots');
    await modal.locator('.ant-modal-close').click();
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      row.getByRole('button', { name: /导出会议包/ }).click(),
    ]);
    const zip = unzipSync(new Uint8Array(readFileSync(await dl.path())));
    expect(Object.keys(zip).some((n) => /session/.test(n))).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('S2 in the UI: a damaged session file is offered for recovery from a snapshot, never lost', async () => {
    const before = (await state()).session;
    // The store snapshots at most every few minutes; recovery brings back the newest snapshot.
    const snaps = await h.api<{ submissionCount: number; name: string }[]>('snapshots.list', { sessionId });
    expect(snaps.length).toBeGreaterThan(0);
    await h.restart(() => writeFileSync(join(h.dataDir, 'sessions', sessionId, 'session.json'), '\0'.repeat(4096)));
    await page.goto(h.server.openUrl);
    // A new port is a new origin: the tab starts on 会议, where the session is flagged damaged.
    const row = page.getByTestId('session-row').first();
    await row.getByText('文件损坏').waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: /打开/ }).click();
    const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '会议文件已损坏' });
    await dialog.waitFor({ timeout: 20_000 });
    await shot(page, '10-recovery');
    await dialog.locator('.ant-btn-primary').click();
    await poll(async () => (await state()).session.submissions.length).toBe(snaps[0].submissionCount);
    await poll(() => page.getByTestId('session-title').textContent()).toBe(before.name);
    // The damaged file was moved aside, not overwritten.
    const kept = readdirSync(join(h.dataDir, 'sessions', sessionId), { recursive: true }).map(String);
    expect(
      kept.some((f) => /damaged|corrupt|broken|bad|损坏/i.test(f)),
      kept.join(', '),
    ).toBe(true);
  });
});

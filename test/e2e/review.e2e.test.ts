// 材料详情 and bulk actions end to end in headless Chromium (real HTTP transport and service):
// import generated DOCX speeches, reopen the kept import report after a reload, open a review item
// from it, see why it needs review, fix its author (the header never says 已保存 over typed input),
// use a body paragraph as the subtitle and put it back, put a recognised line back into the body,
// mark it reviewed, bulk-move two items (one undo step), bulk re-type, delete and restore.
// Screenshots at 1440×900 and 1024×768 go to test-output/screenshots/review-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SessionView } from '../../core/contract';
import type { SourceDoc } from '../../core/model/document';
import { chromiumAvailable, nav, poll, shot, startHarness, type Harness } from './browser';
import { speechDocx } from './review-fixtures';

const run = chromiumAvailable();

let h: Harness;
let page: Page;
let sessionId = '';

const state = () => h.api<SessionView>('sessions.state', { sessionId });
const byTitle = async (t: string) => (await state()).session.submissions.find((s) => s.title.includes(t))!;
const saveState = () => page.getByTestId('save-state').textContent();
/** Ctrl+Z with the focus outside any text field (the session's undo, not the field's). */
async function undo() {
  await page.locator('h4').first().click();
  await page.keyboard.press('Control+z');
}

const SUBTITLE = '——在政协××市第十三届委员会常务委员会第九次会议上的发言';
const FILES = [
  {
    name: '01-丁建国-关于推动文旅融合发展的建议.docx',
    spec: {
      title: '关于推动文旅融合发展的建议',
      subtitle: SUBTITLE,
      byline: '市政协委员　丁建国',
      body: ['主席、各位副主席，各位常委：', '文旅融合是推动高质量发展的重要抓手。', '谢谢大家！'],
    },
  },
  {
    name: '02-王五-关于加强非遗保护的建议.docx',
    spec: {
      title: '关于加强非遗保护的建议',
      subtitle: SUBTITLE,
      byline: '市政协常委　王五',
      body: ['非遗保护要见人见物见生活。', '建议建立传承人档案。'],
    },
  },
  {
    name: '03-李四-稷下学宫遗址保护利用.docx',
    spec: { title: '关于稷下学宫遗址保护利用的建议', byline: '市政协委员　李四', body: ['稷下学宫是齐文化的标志。'] },
  },
  // No author anywhere and an unhelpful file name: must go to review.
  {
    name: '新建 Microsoft Word 文档.docx',
    spec: { title: '关于完善城乡公交网络的建议', subtitle: SUBTITLE, body: ['城乡公交是民生实事。', '建议优化线路。'] },
  },
];

describe.skipIf(!run)('材料详情 and bulk actions, end to end', () => {
  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    const v = await h.api<SessionView>('sessions.create', {
      name: '政协××市第十三届委员会常务委员会第九次会议',
      date: '2023-09-20',
    });
    sessionId = v.session.id;
    let rev = v.revision;
    for (const name of ['丁建国', '王五', '李四', '孙喆'])
      rev = (
        await h.api<SessionView>('roster.add', {
          sessionId,
          revision: rev,
          member: { name, sector: '文化艺术界', title: '市政协委员' },
        })
      ).revision;
    await page.goto(h.server.openUrl);
    await page.getByTestId('session-row').first().getByRole('button', { name: '打开' }).click();
    await page.getByTestId('session-title').filter({ hasText: '第九次会议' }).waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports generated DOCX and keeps the import report across a reload; rows wrap and link to items', async () => {
    await nav(page, '材料收集');
    const files = await Promise.all(
      FILES.map(async (f) => ({
        name: f.name,
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await speechDocx(f.spec),
      })),
    );
    await page
      .locator('[data-testid=dropzone] input[type=file], [data-dropzone] input[type=file]')
      .first()
      .setInputFiles(files);
    await poll(async () => (await state()).session.submissions.length, { timeout: 60_000 }).toBe(4);
    const rows = page.locator('[data-testid=import-report] .ant-table-row');
    await poll(() => rows.count()).toBe(4);
    await page.reload();
    await page.getByTestId('session-title').filter({ hasText: '第九次会议' }).waitFor();
    await poll(() => rows.count()).toBe(4);
    // The long file name is wrapped, not cut with an ellipsis.
    const cell = rows.filter({ hasText: '新建 Microsoft Word 文档.docx' }).locator('td').first();
    expect(await cell.evaluate((el) => getComputedStyle(el).textOverflow)).not.toBe('ellipsis');
    expect(await cell.textContent()).toContain('新建 Microsoft Word 文档.docx');
    await shot(page, 'review-01-intake-report');
  });

  it('opens the review item from the report and says why it needs review', async () => {
    const review = await byTitle('城乡公交');
    expect(review.status).toBe('review');
    await page
      .locator('[data-testid=import-report] .ant-table-row')
      .filter({ hasText: '新建 Microsoft Word 文档.docx' })
      .getByTestId('report-link')
      .click();
    await page.getByTestId('review-reasons').waitFor();
    const reasons = await page.getByTestId('review-reason').allTextContents();
    expect(reasons.join('\n')).toMatch(/署名/);
    await page.getByTestId('printed-preview').waitFor();
    await shot(page, 'review-02-item-review');
  });

  it('fixes the author: typed input is never shown as 已保存, Enter saves it as one undoable edit', async () => {
    const field = page.getByTestId('field-authorLine');
    await field.click();
    await field.fill('市政协委员　孙喆');
    await poll(saveState).toBe('有未保存的输入');
    await field.press('Enter');
    await poll(async () => (await byTitle('城乡公交')).authorLine).toBe('市政协委员　孙喆');
    await poll(saveState).toBe('已保存');
    await poll(() => page.getByTestId('printed-byline').textContent()).toBe('市政协委员　孙喆');
    // The roster member, chosen from the list.
    await page.getByTestId('field-members').click();
    await page.keyboard.type('孙喆');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const sun = (await state()).session.members.find((m) => m.name === '孙喆')!;
    await poll(async () => (await byTitle('城乡公交')).memberIds).toEqual([sun.id]);
  });

  it('uses the first body paragraph as the subtitle, then puts it back into print', async () => {
    const first = () => page.getByTestId('printed-part').first().textContent();
    expect((await byTitle('城乡公交')).bodyEdits).toBeUndefined();
    // The subtitle line, as the first body paragraph (or the one after it when the reader already
    // recognised the subtitle as front matter).
    const sub0 = await byTitle('城乡公交');
    const doc = await h.api<SourceDoc>('submissions.preview', { sessionId, submissionId: sub0.id });
    const text = (i: number) => (doc.blocks[i] as { inlines: { text: string }[] }).inlines.map((x) => x.text).join('');
    const [p0, p1] = [text(0), text(1)];
    await poll(first).toBe(p0);
    await page.getByTestId('edge-head').click();
    await page.getByText('用作副标题（不再作为正文）').click();
    await poll(async () => (await byTitle('城乡公交')).subtitle).toBe(p0);
    expect((await byTitle('城乡公交')).bodyEdits?.omitHead).toBe(1);
    await poll(first).toBe(p1);
    expect(await page.getByTestId('printed-subtitle').textContent()).toBe(p0);
    await page.getByTestId('omitted-block').waitFor();
    await shot(page, 'review-03-item-subtitle');
    // Put the paragraph back into print (the subtitle field stays: the clerk clears it if wanted).
    await page.getByTestId('unomit').click();
    await poll(async () => (await byTitle('城乡公交')).bodyEdits?.omitHead).toBe(0);
    await poll(first).toBe(p0);
    // Marking reviewed clears the review state.
    await page.getByTestId('mark-reviewed').click();
    await poll(async () => (await byTitle('城乡公交')).status).toBe('ok');
    expect((await byTitle('城乡公交')).reviewReasons).toEqual([]);
  });

  it('puts a recognised front-matter line back into the body, undoable with Ctrl+Z', async () => {
    // The front-matter step of the reader (core/read, issue 10 part 1) stores recognised lines on
    // the body; stand in for it here when the reader on this branch does not yet do so.
    const sub = await byTitle('文旅融合');
    const bodyFile = join(h.dataDir, 'sessions', sessionId, 'bodies', `${sub.source.sha256}.json`);
    const doc = JSON.parse(readFileSync(bodyFile, 'utf8')) as SourceDoc;
    if (!doc.frontMatter?.length) {
      const text = (i: number) =>
        (doc.blocks[i] as { inlines: { text: string }[] }).inlines.map((x) => x.text).join('');
      expect([text(0), text(1)]).toEqual([SUBTITLE, '市政协委员　丁建国']);
      doc.frontMatter = [
        { role: 'subtitle', text: text(0), at: 'head', confidence: 0.95, block: doc.blocks[0] as never },
        { role: 'byline', text: text(1), at: 'head', confidence: 0.6, block: doc.blocks[1] as never },
      ];
      doc.blocks = doc.blocks.slice(2);
      writeFileSync(bodyFile, JSON.stringify(doc));
    }
    await page.evaluate((id) => (location.hash = `#/item/${encodeURIComponent(id)}`), sub.id);
    await page.reload();
    await page.getByTestId('printed-preview').waitFor();
    const lines = page.getByTestId('front-line');
    // Every recognised line not put back is listed, with its role.
    await poll(() => lines.count()).toBe(doc.frontMatter!.length);
    expect(await lines.filter({ hasText: '丁建国' }).textContent()).toMatch(/署名/);
    const byline = lines.filter({ hasText: '丁建国' });
    await byline.getByTestId('restore-line').click();
    await poll(async () => (await byTitle('文旅融合')).bodyEdits?.restore.length).toBe(1);
    await poll(() => page.getByTestId('printed-part').first().textContent()).toContain('丁建国');
    expect(await page.locator('[data-testid=printed-part][data-origin=front]').count()).toBe(1);
    await shot(page, 'review-04-item-restored');
    await undo();
    await poll(async () => (await byTitle('文旅融合')).bodyEdits?.restore ?? []).toEqual([]);
    await poll(() => page.locator('[data-testid=printed-part][data-origin=front]').count()).toBe(0);
  });

  it('saves typed input when the clerk leaves the screen', async () => {
    const title = page.getByTestId('item-title');
    await title.click();
    await title.fill('关于推动文旅深度融合发展的建议');
    await poll(saveState).toBe('有未保存的输入');
    await page.keyboard.press('Alt+4');
    await page.locator('[data-screen=intake]').waitFor();
    await poll(async () =>
      (await state()).session.submissions.some((s) => s.title === '关于推动文旅深度融合发展的建议'),
    ).toBe(true);
    await poll(saveState).toBe('已保存');
  });

  it('moves two items to a section in one action, undone by one Ctrl+Z', async () => {
    await nav(page, '编排');
    const s0 = (await state()).session;
    const target = s0.sections[1];
    const cards = page.getByTestId('card');
    await poll(() => cards.count()).toBe(4);
    const a = await byTitle('非遗保护');
    const b = await byTitle('稷下学宫');
    await page.locator(`[data-testid=card][data-id="${a.id}"] [data-testid=card-check]`).click();
    await page.locator(`[data-testid=card][data-id="${b.id}"]`).click({ modifiers: ['Control'] });
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('已选 2 份');
    await shot(page, 'review-05-arrange-selected');
    await page.getByTestId('bulk-move').click();
    await page.locator('.ant-select-dropdown:visible').getByText(`移到“${target.title}”`).click();
    await poll(async () => (await state()).session.sections[1].items).toEqual([a.id, b.id]);
    await poll(() => page.locator(`[data-testid=column][data-section="${target.id}"] [data-testid=card]`).count()).toBe(
      2,
    );
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    const rev = (await state()).revision;
    await undo();
    await poll(async () => (await state()).session.sections[1].items).toEqual([]);
    expect((await state()).revision).toBe(rev + 1);
    await page.keyboard.press('Control+y');
    await poll(async () => (await state()).session.sections[1].items).toEqual([a.id, b.id]);
  });

  it('deletes selected items to the trash and restores them to their place', async () => {
    const target = (await state()).session.sections[1];
    const [a, b] = target.items;
    await page.locator(`[data-testid=card][data-id="${a}"] [data-testid=card-check]`).click();
    await page.locator(`[data-testid=card][data-id="${b}"] [data-testid=card-check]`).click();
    await page.getByTestId('bulk-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous, .ant-popover .ant-btn-dangerous').click();
    await poll(async () => (await state()).session.submissions.length).toBe(2);
    expect((await state()).session.trash?.map((t) => t.submission.id).sort()).toEqual([a, b].sort());
    await poll(() => page.getByTestId('trash-open').textContent()).toContain('回收站（2）');
    await page.getByTestId('trash-open').click();
    await page.locator('.ant-modal').getByText('回收站').first().waitFor();
    await shot(page, 'review-06-trash');
    await page.getByTestId('trash-restore').first().click();
    await page.getByTestId('trash-restore').first().click();
    await poll(async () => (await state()).session.sections[1].items).toEqual([a, b]);
    expect((await state()).session.trash).toEqual([]);
  });

  it('deletes a single item from 材料详情 and restores it', async () => {
    const sub = await byTitle('城乡公交');
    await page.evaluate((id) => (location.hash = `#/item/${encodeURIComponent(id)}`), sub.id);
    await page.reload();
    await page.getByTestId('delete-item').click();
    await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').click();
    await poll(async () => (await state()).session.submissions.some((s) => s.id === sub.id)).toBe(false);
    await page.getByTestId('restore-item').click();
    await poll(async () => (await state()).session.submissions.some((s) => s.id === sub.id)).toBe(true);
  });

  it('shows a PDF item as its pages, not with a title and byline as if typeset', async () => {
    const { PDFDocument, rgb } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 2; i++)
      pdf.addPage([595, 842]).drawRectangle({ x: 60, y: 600, width: 300, height: 120, color: rgb(0.7, 0.1, 0.1) });
    await nav(page, '材料收集');
    await page
      .locator('[data-testid=dropzone] input[type=file], [data-dropzone] input[type=file]')
      .first()
      .setInputFiles([
        { name: '扫描件-调研报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) },
      ]);
    await poll(async () => (await state()).session.submissions.length, { timeout: 60_000 }).toBe(5);
    const sub = (await state()).session.submissions.find((s) => s.source.format === 'pdf')!;
    await page.evaluate((id) => (location.hash = `#/item/${encodeURIComponent(id)}`), sub.id);
    await page.reload();
    const pages = page.locator('[data-testid=pdf-item-pages] canvas');
    await poll(() => pages.count()).toBe(2);
    // The first page is drawn (its red box), and no typeset title is shown over it.
    await poll(() =>
      pages.first().evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] < 60 && d[i + 2] < 60) return true;
        return false;
      }),
    ).toBe(true);
    expect(await page.getByTestId('printed-preview').count()).toBe(0);
    await shot(page, 'review-11-item-pdf');
    // Put it back as it was for the counts below.
    await h.api('submissions.trash', { sessionId, revision: (await state()).revision, submissionIds: [sub.id] });
  });

  it('changes the kind of several items from 材料收集 in one action; screens fit 1024×768', async () => {
    await nav(page, '材料收集');
    const rows = page.getByTestId('item-row');
    await poll(() => rows.count()).toBe(4);
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).click({ modifiers: ['Shift'] });
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('已选 2 份');
    const picked = await Promise.all([0, 1].map((i) => rows.nth(i).getAttribute('data-id')));
    await page.getByTestId('bulk-kind').click();
    await page.locator('.ant-select-dropdown:visible').getByText('改为调研报告').click();
    await poll(async () =>
      (await state()).session.submissions.filter((s) => picked.includes(s.id)).map((s) => s.kind),
    ).toEqual(['report', 'report']);
    await shot(page, 'review-07-intake-bulk-1440');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'review-08-intake-1024');
    await nav(page, '编排');
    await page.getByTestId('card').first().locator('[data-testid=card-check]').click();
    await shot(page, 'review-09-arrange-1024');
    // Delete asks first; cancelling changes nothing.
    await page.keyboard.press('Delete');
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '删除选中的 1 份材料' });
    await ask.waitFor();
    await ask
      .getByRole('button', { name: '取 消' })
      .or(ask.getByRole('button', { name: '取消' }))
      .click();
    await poll(() => ask.count()).toBe(0);
    expect((await state()).session.submissions).toHaveLength(4);
    const sub = await byTitle('文旅');
    await page.evaluate((id) => (location.hash = `#/item/${encodeURIComponent(id)}`), sub.id);
    await page.reload();
    await page.getByTestId('printed-preview').waitFor();
    await shot(page, 'review-10-item-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(h.errors).toEqual([]);
  });
});

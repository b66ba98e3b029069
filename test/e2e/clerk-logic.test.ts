// Issue 14's non-visual parts, run in node (fast; the browser tests are clerk.e2e.test.ts): 号/磅,
// the sample page's line breaking (no character lost, no line starting with "，"), names in the
// session's order with 界别 for namesakes, who a roster merge added and why, the preview's page-in-view
// and compile percentage, the print wording that matches the output, printing in Electron through a
// hidden window (electron mocked), blank pages and file-name titles of PDF submissions, the 统计 workbook.
import { describe, expect, it, vi } from 'vitest';
import { PDFDocument, rgb } from 'pdf-lib';
import ExcelJS from 'exceljs';
import { haoName, sizeLabel } from '../../renderer/components/font-sizes';
import { sketchLines } from '../../renderer/components/sample-lines';
import { memberLabels, membersInSessionOrder } from '../../renderer/state/member-order';
import { addedMembers } from '../../renderer/screens/roster';
import { compilePercent, pageAtScroll } from '../../renderer/components/preview-math';
import { printExplain, sessionFileName } from '../../renderer/components/print-products';
import { printPdfFile, type PrintableWindow } from '../../electron/main/print-pdf';
import { createNativeHandlers } from '../../electron/main/native-actions';
import { blankPdfPages } from '../../core/read/pdf-blank';
import { pdfImportNotes } from '../../core/read/pdf-import-notes';
import { statsSheets } from '../../core/service/stats-sheet';
import { memberOrder } from '../../core/service/member-order';
import { tablesToXlsx } from '../../core/node/table-xlsx';
import { MemberSchema, type Member } from '../../core/model/session';
import type { Stats } from '../../core/contract';

const member = (id: string, name: string, extra: Partial<Member> = {}): Member =>
  MemberSchema.parse({ id, name, sector: '', title: '', unit: '', standing: true, ...extra });

describe('号 and 磅', () => {
  it('names the Chinese sizes clerks use and leaves custom sizes in points', () => {
    expect([22, 16, 14, 12, 10.5].map(haoName)).toEqual(['二号', '三号', '四号', '小四', '五号']);
    expect(haoName(17)).toBeNull();
    expect(sizeLabel(16)).toBe('三号（16 磅）');
    expect(sizeLabel(17)).toBe('17 磅');
  });
});

describe('the live sample page', () => {
  const body =
    '为深入贯彻落实市委关于齐文化传承与创新的部署要求，市政协组织部分委员开展专题调研，现将有关情况报告如下。';
  it('keeps every character (政协 included) and never starts a line with closing punctuation', () => {
    for (const per of [20, 26, 27, 28, 30]) {
      const lines = sketchLines(body.repeat(4), per, 2, 100);
      expect(lines.join('')).toBe(body.repeat(4));
      expect(lines.join('')).toContain('市政协组织');
      for (const l of lines) expect('，。、；：？！）'.includes(l[0]), `${per}: ${l}`).toBe(false);
      lines.forEach((l, i) => expect([...l].length).toBeLessThanOrEqual(per - (i === 0 ? 2 : 0)));
    }
  });
  it('pushes the character before a comma down instead of starting the line with "，"', () => {
    // 6 per line: "一二三四五六" then "，" would start line 2.
    const lines = sketchLines('一二三四五六，七八九', 6, 0, 10);
    expect(lines).toEqual(['一二三四五', '六，七八九']);
  });
});

describe('names in the session order', () => {
  const roster = [
    member('m1', '王丽华', { sector: '经济界' }),
    member('m2', '丁一', { sector: '文艺界' }),
    member('m3', '王丽华', { sector: '教育界' }),
    member('m4', '于海'),
  ];
  it('orders by surname strokes, not roster rows', () => {
    // The service orders (core/service/member-order.ts); the renderer shows that order.
    const session = { members: roster };
    expect(memberOrder(session)).toEqual(['m2', 'm4', 'm1', 'm3']);
    const shown = membersInSessionOrder({ session, memberOrder: memberOrder(session) });
    expect(shown.map((m) => m.name)).toEqual(['丁一', '于海', '王丽华', '王丽华']);
    // Members the service did not list yet (a view from before an add) come last, in roster order.
    expect(membersInSessionOrder({ session, memberOrder: ['m4', 'm2'] }).map((m) => m.id)).toEqual([
      'm4',
      'm2',
      'm1',
      'm3',
    ]);
  });
  it('gives namesakes their 界别, and other members their name only', () => {
    const l = memberLabels(roster);
    expect([l.get('m1'), l.get('m3'), l.get('m2')]).toEqual(['王丽华（经济界）', '王丽华（教育界）', '丁一']);
    const same = memberLabels([member('a', '李明'), member('b', '李明')]);
    expect([same.get('a'), same.get('b')]).toEqual(['李明（同名1）', '李明（同名2）']);
  });
  it('says who a merge added and why', () => {
    const before = [member('m1', '王丽华', { sector: '经济界' }), member('m2', '丁一')];
    const after = [...before, member('m9', '王丽华', { sector: '教育界' }), member('m10', '欧阳明')];
    const added = addedMembers(before, after, 'merge');
    expect(added.map((a) => a.label)).toEqual(['王丽华（教育界）', '欧阳明']);
    expect(added[0].why).toContain('原名单已有一位王丽华（经济界）');
    expect(added[0].namesake).toBe(true);
    expect(added[1].why).toBe('原名单中没有这个姓名');
    const twice = addedMembers(
      [...before, member('m3', '王丽华')],
      [...before, member('m3', '王丽华'), member('m11', '王丽华')],
      'merge',
    );
    expect(twice[0].why).toContain('无法确定应更新哪一位');
  });
});

describe('preview helpers', () => {
  it('knows the page in view from the scroll position', () => {
    const tops = [12, 900, 1788, 2676];
    expect(pageAtScroll(tops, 0)).toBe(0);
    expect(pageAtScroll(tops, 870)).toBe(1);
    expect(pageAtScroll(tops, 2000)).toBe(2);
    expect(pageAtScroll(tops, 99999)).toBe(3);
  });
  it('shows reading the sources as progress of the whole compile', () => {
    const p = (phase: string, done: number, total: number) =>
      compilePercent({ state: 'running', progress: { phase, done, total, message: '' } });
    expect(p('read', 0, 10)).toBe(0);
    expect(p('read', 5, 10)).toBe(15);
    expect(p('layout', 10, 10)).toBe(70);
    expect(p('render', 5, 10)).toBe(85);
    expect(compilePercent({ state: 'done', progress: { phase: 'done', done: 1, total: 1, message: '' } })).toBe(100);
  });
});

describe('print wording and names', () => {
  it('promises right-hand pages and blanks only with 另起奇数页', () => {
    expect(printExplain('duplex', 'oddPage')).toContain('每篇从单页（右页）开始');
    expect(printExplain('duplex', 'newPage')).toContain('不插空白页');
    expect(printExplain('duplex', 'newPage')).not.toContain('每篇从单页');
    expect(printExplain('single', 'newPage')).toContain('单面');
  });
  it('puts the session name in download names', () => {
    expect(sessionFileName('第九次会议', '汇编-编号本.pdf')).toBe('第九次会议-汇编-编号本.pdf');
    expect(sessionFileName('a/b:c', '分发材料.zip')).toBe('a_b_c-分发材料.zip');
  });
});

describe('打印… in Electron (electron mocked)', () => {
  const fakeWindow = (result: { success: boolean; reason: string }, opts: { loadFails?: boolean } = {}) => {
    const w = {
      loaded: '' as string,
      closed: false,
      printed: [] as unknown[],
      async loadURL(url: string) {
        if (opts.loadFails) throw new Error('ERR_FILE_NOT_FOUND');
        w.loaded = url;
      },
      webContents: {
        print(o: unknown, cb: (s: boolean, r: string) => void) {
          w.printed.push(o);
          cb(result.success, result.reason);
        },
      },
      close() {
        w.closed = true;
      },
      isDestroyed: () => w.closed,
    };
    return w;
  };
  it('opens the PDF in a hidden window and shows the system print dialog', async () => {
    const w = fakeWindow({ success: true, reason: '' });
    const openWithSystem = vi.fn(async () => '');
    const r = await printPdfFile('/data/汇编/s1/汇编.pdf', {
      createWindow: () => w as PrintableWindow,
      openWithSystem,
      settleMs: 0,
    });
    expect(r).toEqual({ ok: true, value: 'dialog' });
    expect(w.loaded).toBe('file:///data/%E6%B1%87%E7%BC%96/s1/%E6%B1%87%E7%BC%96.pdf');
    expect(w.printed).toEqual([{ silent: false, printBackground: true }]);
    expect(w.closed).toBe(true);
    expect(openWithSystem).not.toHaveBeenCalled();
  });
  it('treats a cancelled dialog as done, and falls back to the system viewer when printing fails', async () => {
    const cancelled = await printPdfFile('/d/a.pdf', {
      createWindow: () => fakeWindow({ success: false, reason: 'cancelled' }) as PrintableWindow,
      openWithSystem: async () => '',
      settleMs: 0,
    });
    expect(cancelled).toEqual({ ok: true, value: 'dialog' });
    const openWithSystem = vi.fn(async () => '');
    const failed = await printPdfFile('/d/a.pdf', {
      createWindow: () => fakeWindow({ success: false, reason: 'failed' }) as PrintableWindow,
      openWithSystem,
      settleMs: 0,
    });
    expect(failed).toEqual({ ok: true, value: 'system-viewer' });
    expect(openWithSystem).toHaveBeenCalledWith('/d/a.pdf');
    const nothing = await printPdfFile('/d/a.pdf', {
      createWindow: () => fakeWindow({ success: true, reason: '' }, { loadFails: true }) as PrintableWindow,
      openWithSystem: async () => '没有关联的程序',
      settleMs: 0,
    });
    expect(nothing.ok).toBe(false);
    if (!nothing.ok) expect(nothing.error.message).toContain('没有关联的程序');
  });
  it('the native printPdf action uses it only for PDFs inside the roots', async () => {
    const printPdf = vi.fn(async () => ({ ok: true as const, value: 'dialog' as const }));
    const shell = { openPath: vi.fn(async () => ''), openExternal: vi.fn() };
    const natives = createNativeHandlers({
      dialog: {} as never,
      shell: shell as never,
      window: () => null,
      roots: ['/data/huibian'],
      printPdf,
    });
    const { handleNative } = await import('../../electron/main/ipc-binding');
    const trusted = {
      senderFrame: { url: 'app://huibian/index.html', parent: null, routingId: 1, processId: 1 },
      sender: { mainFrame: { routingId: 1, processId: 1 } },
    } as never;
    expect((await handleNative(natives, trusted, 'printPdf', { path: '/etc/x.pdf' })).ok).toBe(false);
    expect((await handleNative(natives, trusted, 'printPdf', { path: '/data/huibian/s1/x.docx' })).ok).toBe(false);
    expect(printPdf).not.toHaveBeenCalled();
    expect(await handleNative(natives, trusted, 'printPdf', { path: '/data/huibian/s1/汇编.pdf' })).toEqual({
      ok: true,
      value: 'dialog',
    });
    expect(printPdf).toHaveBeenCalledWith('/data/huibian/s1/汇编.pdf');
    expect(shell.openPath).not.toHaveBeenCalled();
  });
});

async function pdfWith(pages: ('blank' | 'white' | 'text' | 'line')[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const k of pages) {
    const p = doc.addPage([595, 842]);
    if (k === 'white') p.drawRectangle({ x: 0, y: 0, width: 595, height: 842, color: rgb(1, 1, 1) });
    if (k === 'text') p.drawText('Report', { x: 50, y: 700, size: 20 });
    if (k === 'line') p.drawLine({ start: { x: 10, y: 10 }, end: { x: 300, y: 300 }, thickness: 2 });
  }
  return doc.save();
}

describe('PDF submissions', () => {
  it('finds blank pages (nothing painted, or only white) and not pages with text or lines', async () => {
    expect(await blankPdfPages(await pdfWith(['blank', 'text', 'white', 'line', 'text']))).toEqual([1, 3]);
    expect(await blankPdfPages(await pdfWith(['text', 'line']))).toEqual([]);
    expect(await blankPdfPages(new Uint8Array([1, 2, 3]))).toEqual([]);
  });
  it('words the import notes with the file name and the page numbers', async () => {
    const notes = await pdfImportNotes(await pdfWith(['blank', 'text']), '扫描件.pdf', {
      titleFromFileName: true,
      pageCount: 2,
    });
    expect(notes.map((n) => n.code)).toEqual(['pdf.blank-pages', 'pdf.title-from-file']);
    expect(notes[0].message).toBe('扫描件.pdf：第 1 页是空白页，会原样印入汇编；如不需要，请让作者删去后重新发送');
    expect(notes[1].message).toContain('暂用文件名作标题');
    expect(await pdfImportNotes(await pdfWith(['text']), 'a.pdf', { titleFromFileName: false, pageCount: 1 })).toEqual(
      [],
    );
  });
});

describe('统计 as a workbook', () => {
  const stats: Stats = {
    sections: [
      { sectionId: 's1', title: '大会发言', items: 2, words: 3000, pages: 7 },
      { sectionId: 's2', title: '书面发言', items: 1, words: 1200, pages: 3 },
    ],
    totals: { items: 3, unplaced: 1, words: 4200, pages: 12 },
    members: { expected: 4, received: 3, missing: [{ memberId: 'm4', name: '于海' }], receivedUnplaced: [] },
    unplacedItems: [{ submissionId: 'x', title: '关于文旅融合的建议', authorLine: '市政协常委 丁一' }],
    pagesFromRevision: 9,
    pagesStatus: 'current',
  };
  it('has the screen’s numbers on 概况, 各栏目 and 未编排, readable by Excel', async () => {
    const sheets = statsSheets('第九次会议', stats, new Date('2026-12-02T08:00:00Z'));
    const bytes = await tablesToXlsx(sheets);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '各栏目', '未编排']);
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
    expect(rows('各栏目')).toEqual([
      ['栏目', '篇数', '页数', '字数'],
      ['大会发言', 2, 7, 3000],
      ['书面发言', 1, 3, 1200],
      ['合计', 3, 12, 4200],
    ]);
    expect(rows('概况')).toContainEqual(['尚未提交', '于海']);
    expect(rows('概况')).toContainEqual(['页数', 12]);
    expect(rows('未编排')).toEqual([
      ['标题', '署名'],
      ['关于文旅融合的建议', '市政协常委 丁一'],
    ]);
  });
  it('says why pages are missing when the last compile is out of date', () => {
    const stale = statsSheets(
      '会',
      { ...stats, totals: { ...stats.totals, pages: undefined }, pagesStatus: 'stale' },
      new Date(),
    );
    expect(stale[0].rows.find((r) => r[0] === '页数')![1]).toContain('重新生成');
  });
});

// End to end through the real compile engine and the one print path (the contract's export.print
// over the session folder's client, as `huibian export` and the app call it): a generated session
// folder exported as every product, read back with pdfjs (page sizes, texts, positions, outline)
// and fflate (zip).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync, mkdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import iconv from 'iconv-lite';
import { loadFontSet } from '../../core/node/fonts';
import { readRecipientsFile } from '../../core/node/recipients-file';
import { loadSessionFolder } from '../../core/node/session-folder';
import { handoutFileNames, selectItems } from '../../core/print/handouts';
import { compileVariant, variantSession } from '../../core/print/products';
import { mm } from '../../core/model/settings';
import { readPdf, type ReadPage } from './helpers';
import { openFolderPrinter, type FolderPrinter, type PrintInput } from './print-client';
import { FIXTURE_ITEMS, makeSessionFolder } from './session-fixture';

let dir: string;
let out: string;
let printer: FolderPrinter;
const pageNumber = (p: ReadPage): number | undefined => {
  const m = p.text.match(/—\s*(\d+)\s*—/);
  return m ? Number(m[1]) : undefined;
};
/** The body page where an item starts (the TOC lists titles too, but carries no page number). */
const titlePage = (pages: ReadPage[], title: string) =>
  pages.findIndex((p) => pageNumber(p) !== undefined && p.flat.includes(title));
/** Exports the fixture session to `targetPath`; an error fails the test with its message. */
const exported = (input: PrintInput) => printer.print(input);

beforeAll(async () => {
  dir = makeSessionFolder();
  out = path.join(dir, 'out');
  mkdirSync(out);
  printer = await openFolderPrinter(dir);
});
afterAll(async () => {
  await printer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('print edition, duplex', () => {
  let pages: ReadPage[];
  beforeAll(async () => {
    const r = await exported({
      as: 'print',
      targetPath: path.join(out, 'print.pdf'),
      layout: { binding: 'duplex', itemStart: 'oddPage', padToMultiple: 4, gutter: 5 },
    });
    expect(r.report.pages % 4).toBe(0);
    pages = await readPdf(readFileSync(path.join(out, 'print.pdf')));
    expect(r.files[0].pages).toBe(pages.length);
  });
  it('pads the total to a multiple of 4 with blank pages at the end', () => {
    expect(pages.length % 4).toBe(0);
    expect(pages[pages.length - 1].texts).toHaveLength(0);
  });
  it('starts every item on an odd page; inserted blanks carry no number', () => {
    for (const it of FIXTURE_ITEMS) {
      const i = titlePage(pages, it.title.slice(0, 6));
      expect(i, it.title).toBeGreaterThan(0);
      expect((i + 1) % 2, `${it.title} on physical page ${i + 1}`).toBe(1);
      expect(pageNumber(pages[i])! % 2).toBe(1);
    }
    const blanks = pages.filter((p) => p.texts.length === 0);
    expect(blanks.length).toBeGreaterThan(0);
  });
  it('mirrors the margins with the gutter added to the binding side', () => {
    const body = pages.map((p, i) => ({ p, i })).filter(({ p }) => pageNumber(p) !== undefined && p.texts.length > 5);
    const left = (p: ReadPage) => Math.min(...p.texts.filter((t) => !/—/.test(t.str)).map((t) => t.x));
    const odd = body.find(({ i }) => i % 2 === 0)!;
    const even = body.find(({ i }) => i % 2 === 1)!;
    expect(left(odd.p)).toBeCloseTo(mm(28 + 5), 0);
    expect(left(even.p)).toBeCloseTo(mm(210 - 28 - 5 - 156), 0);
  });
});

describe('numbered copies', () => {
  it('stamps each copy’s number on its cover and writes the register', async () => {
    const file = path.join(out, 'copies.pdf');
    const r = await exported({
      as: 'copies',
      targetPath: file,
      copies: 3,
      recipients: ['张三', '李四'],
      withRegister: true,
    });
    const pages = await readPdf(readFileSync(file));
    const per = r.report.pages;
    expect(pages.length).toBe(per * 3);
    expect(r.files.find((f) => f.place === 'out')?.pages).toBe(pages.length);
    for (let k = 0; k < 3; k++) {
      const cover = pages[k * per];
      expect(cover.flat).toContain('会议材料汇编');
      expect(cover.texts.some((t) => t.str === `00000${k + 1}`)).toBe(true);
    }
    expect(pages[1].text).toContain('张三');
    expect(pages[per + 1].text).toContain('李四');
    const reg = await readPdf(readFileSync(path.join(out, 'copies-分发清退登记表.pdf')));
    expect(reg[0].texts.filter((t) => /^\d{6}$/.test(t.str)).map((t) => t.str)).toEqual(['000001', '000002', '000003']);
  });
  it('writes one file per copy into a folder', async () => {
    const folder = path.join(out, 'per-copy');
    const r = await exported({ as: 'copies', targetPath: folder, copies: 2, perCopy: true, digits: 3 });
    const names = readdirSync(folder).sort();
    expect(names).toEqual(['齐文化传承与创新-第001号.pdf', '齐文化传承与创新-第002号.pdf']);
    const p = await readPdf(readFileSync(path.join(folder, names[1])));
    expect(r.files.map((f) => f.pages)).toEqual([p.length, p.length]);
    expect(p[0].texts.some((t) => t.str === '002')).toBe(true);
  });
  it('per-copy files carry the recipient in the name, with the register in the same folder', async () => {
    const folder = path.join(out, 'per-copy-named');
    await exported({
      as: 'copies',
      targetPath: folder,
      recipients: ['张/三', '李四'],
      perCopy: true,
      withRegister: true,
    });
    expect(readdirSync(folder).sort()).toEqual(
      ['分发清退登记表.pdf', '齐文化传承与创新-第000001号-张_三.pdf', '齐文化传承与创新-第000002号-李四.pdf'].sort(),
    );
  });
});

describe('handouts', () => {
  let startPage: number;
  beforeAll(async () => {
    const loaded = await loadSessionFolder(dir);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { session, docs } = loaded.value;
    const r = await compileVariant(
      variantSession(session, session.layout),
      docs,
      [],
      await loadFontSet(session.layout),
    );
    startPage = r.items.find((i) => i.submissionId === 's3')!.startPage;
    expect(startPage).toBeGreaterThan(1);
  });
  it('keeps the dossier’s page numbers, or renumbers from 1', async () => {
    const kept = path.join(out, 'kept.pdf');
    const renum = path.join(out, 'renum.pdf');
    await exported({ as: 'handouts', targetPath: kept, selection: { items: ['s3'] } });
    await exported({ as: 'handouts', targetPath: renum, selection: { items: ['s3'] }, renumber: true });
    const pk = await readPdf(readFileSync(kept));
    const pr = await readPdf(readFileSync(renum));
    expect(pk.length).toBe(pr.length);
    expect(pk[0].flat).toContain('丙篇关于数字化建设的建议');
    expect(pk.map(pageNumber)).toEqual(pk.map((_, i) => startPage + i));
    expect(pr.map(pageNumber)).toEqual(pr.map((_, i) => 1 + i));
    expect(pr[0].text).not.toContain('目录');
  });
  it('exports one PDF per item of a section into a folder and a zip, with systematic names', async () => {
    const folder = path.join(out, 'batch');
    await exported({
      as: 'handouts',
      targetPath: folder,
      selection: { sectionId: 'sec-b' },
      batch: true,
      zip: true,
    });
    const loaded = await loadSessionFolder(dir);
    if (!loaded.ok) throw new Error('load');
    const sel = selectItems(loaded.value.session, { section: 'sec-b' });
    if (!sel.ok) throw new Error('sel');
    const expected = handoutFileNames(sel.value);
    expect(expected[0]).toBe('02书面发言-01-刘㛃-丙篇关于数字化建设的建议.pdf');
    expect(readdirSync(folder).sort()).toEqual([...expected].sort());
    const zip = unzipSync(readFileSync(`${folder}.zip`));
    expect(Object.keys(zip).sort()).toEqual([...expected].sort());
    expect(zip[expected[1]]).toEqual(new Uint8Array(readFileSync(path.join(folder, expected[1]))));
    const p = await readPdf(zip[expected[2]]);
    expect(p[0].flat).toContain('戊篇关于人才队伍的建议');
  });
  it('puts two handout pages side by side on a landscape sheet', async () => {
    const file = path.join(out, 'two-up.pdf');
    await exported({ as: 'handouts', targetPath: file, selection: { items: ['s3'] }, twoUp: true, sheet: 'A4' });
    await exported({ as: 'handouts', targetPath: path.join(out, 'one-up.pdf'), selection: { items: ['s3'] } });
    const p = await readPdf(readFileSync(file));
    const single = await readPdf(readFileSync(path.join(out, 'one-up.pdf')));
    expect(p.length).toBe(Math.ceil(single.length / 2));
    expect(p[0].width).toBeCloseTo(841.89, 0);
    expect(p[0].height).toBeCloseTo(595.28, 0);
    const nums = p[0].texts
      .filter((t) => /—/.test(t.str))
      .sort((a, b) => a.x - b.x)
      .map((t) => ({ n: Number(t.str.replace(/\D/g, '')), left: t.x < p[0].width / 2 }));
    expect(nums).toEqual([
      { n: startPage, left: true },
      { n: startPage + 1, left: false },
    ]);
  });
  it('reports an unknown section as an error value', async () => {
    const r = await printer.tryPrint({
      as: 'handouts',
      targetPath: path.join(out, 'x.pdf'),
      selection: { sectionId: 'nope' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('print.handout.unknown-section');
    expect(existsSync(path.join(out, 'x.pdf'))).toBe(false);
  });
});

describe('digital copies', () => {
  it('screen edition: single-sided, no blank pages, outline and clickable TOC', async () => {
    const file = path.join(out, 'screen.pdf');
    await exported({
      as: 'screen',
      targetPath: file,
      layout: { binding: 'duplex', itemStart: 'oddPage' },
    });
    const bytes = new Uint8Array(readFileSync(file));
    const pages = await readPdf(bytes);
    for (const p of pages) expect(p.texts.length).toBeGreaterThan(0);
    const doc = await getDocument({ data: bytes, verbosity: 0 }).promise;
    const outline = await doc.getOutline();
    expect(outline?.length).toBe(2);
    const tocIndex = pages.findIndex((p) => p.flat.includes('目录'));
    const annots = await (await doc.getPage(tocIndex + 1)).getAnnotations();
    expect(annots.filter((a: { subtype: string }) => a.subtype === 'Link').length).toBeGreaterThanOrEqual(
      FIXTURE_ITEMS.length,
    );
    await doc.destroy();
  });
  it('phone edition: a 110 × 180 mm page, reflowed into more pages', async () => {
    const file = path.join(out, 'phone.pdf');
    const r = await exported({ as: 'phone', targetPath: file });
    const s = await exported({ as: 'screen', targetPath: path.join(out, 'screen2.pdf') });
    const pages = await readPdf(readFileSync(file));
    expect(pages[0].width).toBeCloseTo(mm(110), 0);
    expect(pages[0].height).toBeCloseTo(mm(180), 0);
    expect(r.report.pages).toBeGreaterThan(s.report.pages);
    const body = pages.find((p) => p.flat.includes('第3篇第1段'))!;
    for (const t of body.texts) expect(t.x + 1).toBeGreaterThanOrEqual(mm(5) - 1);
  });
});

describe('marks and print sheet', () => {
  it('draws a 草稿 watermark and the cover marks through the engine for this export only', async () => {
    const file = path.join(out, 'draft.pdf');
    await exported({
      as: 'print',
      targetPath: file,
      marks: { watermark: '草稿', confidentialityLine: '会后收回' },
    });
    const pages = await readPdf(readFileSync(file));
    expect(pages[0].flat).toContain('会后收回');
    expect(pages[0].flat).toContain('内部资料');
    const body = pages.filter((p) => pageNumber(p) !== undefined);
    expect(body.length).toBeGreaterThan(3);
    for (const p of body) expect(p.flat).toContain('草稿');
    const loaded = await loadSessionFolder(dir);
    if (loaded.ok) expect(loaded.value.session.marks.watermark).toBe('');
  });
  it('can mark every page of a copy with the recipient as a faint diagonal watermark', async () => {
    const file = path.join(out, 'wm-copies.pdf');
    await exported({
      as: 'copies',
      targetPath: file,
      recipients: ['赵振华'],
      recipientMark: 'watermark',
    });
    const pages = await readPdf(readFileSync(file));
    for (const p of pages.slice(0, 5)) expect(p.flat).toContain('赵振华000001');
  });
  it('writes the print sheet as text with sheets and reams', async () => {
    const file = path.join(out, 'sheet.txt');
    const r = await exported({ as: 'printsheet', targetPath: file, copies: 300, printMode: 'duplex' });
    const text = readFileSync(file, 'utf8');
    const sheet = r.report.printSheet!;
    expect(sheet.paddedPages % 2).toBe(0);
    expect(sheet.totalSheets).toBe((sheet.paddedPages / 2) * 300);
    expect(text).toContain(`用纸合计：${sheet.totalSheets} 张`);
    expect(text).toContain(`需备 ${Math.ceil(sheet.totalSheets / 500)} 令`);
  });
  it('stops when cancelled and writes nothing', async () => {
    const file = path.join(out, 'cancelled.pdf');
    const exportId = 'cancel-at-start';
    // Cancelled at its first step, as the app's 取消 button and Ctrl+C in the CLI do (export.cancel).
    const off = printer.client.on('export.progress', (p) => {
      if (p.exportId === exportId && p.state === 'running') void printer.client.call('export.cancel', { exportId });
    });
    const r = await printer.tryPrint({ as: 'copies', copies: 2, targetPath: file, exportId }).finally(off);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/cancelled/);
    expect(existsSync(file)).toBe(false);
  });
  it('refuses to write a file over a folder', async () => {
    const r = await printer.tryPrint({ as: 'screen', targetPath: out });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('export.out-is-folder');
  });
});

describe('recipients', () => {
  it('reads a GBK list with name,unit columns, and refuses an empty one', async () => {
    const file = path.join(out, 'gbk.txt');
    writeFileSync(file, iconv.encode('张三,市文化和旅游局\r\n李四\r\n\r\n民盟××市委会\r\n', 'gbk'));
    const r = await readRecipientsFile(file);
    expect(r.ok && r.value).toEqual(['张三　市文化和旅游局', '李四', '民盟××市委会']);
    writeFileSync(path.join(out, 'empty.txt'), '\n \n');
    const e = await readRecipientsFile(path.join(out, 'empty.txt'));
    expect(!e.ok && e.error.code).toBe('export.recipients-empty');
  });
  it('can take the recipients from the session roster', async () => {
    const r = await exported({
      as: 'register',
      targetPath: path.join(out, 'roster-register.pdf'),
      recipients: 'roster',
    });
    expect(r.report.copies).toBe(2);
    const p = await readPdf(readFileSync(path.join(out, 'roster-register.pdf')));
    expect(p[0].flat).toContain('韩喜');
    expect(p[0].flat).toContain('刘㛃');
  });
});

describe('booklet and CLI', () => {
  it('imposes the dossier on A3 sheets in saddle-stitch order', async () => {
    const file = path.join(out, 'booklet.pdf');
    const r = await exported({ as: 'booklet', targetPath: file, copies: 50 });
    const sheets = await readPdf(readFileSync(file));
    expect(sheets[0].width).toBeCloseTo(1190.55, 0);
    expect(r.files[0].pages).toBe(sheets.length);
    // sheet 1 front: right half is the cover
    const cover = sheets[0].texts
      .filter((t) => t.x > sheets[0].width / 2)
      .map((t) => t.str)
      .join('')
      .replace(/\s+/g, '');
    expect(cover).toContain('会议材料汇编');
    expect(r.report.printSheet).toMatchObject({ mode: 'booklet', copies: 50, sheetsPerCopy: sheets.length / 2 });
  });
  it('huibian export: clear errors and a working run', () => {
    const cli = path.resolve(import.meta.dirname, '../../cli/main.ts');
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    let code = 0;
    let stderr = '';
    try {
      execFileSync(tsx, [cli, 'export', dir, '--as', 'poster', '--out', 'x.pdf'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(code).toBe(2);
    expect(stderr).toContain('未知的类型：poster');
    const file = path.join(out, 'cli-register.pdf');
    const stdout = execFileSync(tsx, [cli, 'export', dir, '--as', 'register', '--copies', '4', '--out', file], {
      encoding: 'utf8',
    });
    expect(stdout).toContain('已写入');
    expect(existsSync(file)).toBe(true);
  });
});

// Print production and distribution, end to end: compiles the session with the layout a product
// needs (duplex print, screen, phone, a handout's items) and turns the PDF into what the print
// room and the mail room take away — booklets, numbered copies, the return register, handouts
// (one file, a folder, a zip), the print sheet — writing every file atomically. Used by the CLI
// (`huibian export`) and by the service. It never throws (every failure is a Result error naming
// the file and the cause) and never writes half a file or over a folder by mistake.
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { compileDossierPdf, type PdfCompileResult } from '../compile';
import type { SourceDoc } from '../model/document';
import { buildDossier, tocAuthor } from '../model/dossier';
import type { Session } from '../model/session';
import type { LayoutSettings } from '../model/settings';
import { err, ok, toAppError, AppException, type Result } from '../result';
import { duplexLayout, padMultipleFor, phoneLayout, screenLayout } from '../print/binding';
import { FormLibrary, type PaperName } from '../print/compose';
import { dossierOrder, extractItemPages, handoutFileNames, selectItems, type HandoutSelection, type SelectedItem } from '../print/handouts';
import { imposeBooklet, imposeTwoUp, SADDLE_STITCH_MAX_SHEETS } from '../print/imposition';
import { eachNumberedCopy, numberedCopiesPdf, planCopies, type CopySpec } from '../print/numbered-copies';
import { renderWithPdfkit } from '../print/pdfkit-render';
import { computePrintSheet, printSheetLines, type PrintMode, type PrintSheet } from '../print/print-sheet';
import { renderRegister } from '../print/register';
import { sanitizeFileName } from '../print/file-names';
import { writeFileAtomic } from './atomic-write';
import { loadFontSet } from './fonts';
import { loadSessionFolder } from './session-folder';
import { decodeText } from '../read/text';

export const EXPORT_KINDS = ['print', 'booklet', 'copies', 'register', 'handouts', 'screen', 'phone', 'printsheet'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportRequest {
  as: ExportKind;
  /** A file, or a folder for one-file-per-copy / one-file-per-item outputs. */
  out: string;
  /** Numbered copies / register / print sheet: how many copies (default: the recipients' count, else 1 for print sheets). */
  copies?: number;
  startNumber?: number;
  /** 份号 digits, 3–6 (default 6). */
  digits?: number;
  /** Recipients (领取人/单位) in copy order. */
  recipients?: string[];
  /** Use the session's roster (members in roster order) as the recipients. */
  recipientsFromRoster?: boolean;
  /** How the recipient shows on every page of a numbered copy. */
  recipientMark?: 'none' | 'footer' | 'watermark';
  /** Copies: one PDF per copy in the `out` folder instead of one file with all copies. */
  perCopy?: boolean;
  /** Copies: also write the register beside the copies. */
  withRegister?: boolean;
  /** Handouts: which items. */
  selection?: HandoutSelection;
  /** Handouts: compile just these items so pages are numbered from 1 (else keep the dossier's numbers). */
  renumber?: boolean;
  /** Handouts: one PDF per item into the `out` folder (and `zip`). */
  batch?: boolean;
  /** Handouts batch: also (or, when out ends in .zip, only) a zip of the files. */
  zip?: boolean;
  /** Handouts: two pages side by side on a landscape sheet. */
  twoUp?: boolean;
  /** Booklet / 2-up sheet. */
  sheet?: 'auto' | PaperName;
  creepMm?: number;
  /** Booklet: signatures of this many sheets (thick dossiers); default one saddle-stitched booklet. */
  sheetsPerSignature?: number;
  /** Print sheet mode (default: booklet for booklets, else the session's binding). */
  printMode?: PrintMode;
  sparePercent?: number;
  /** Marks drawn by the engine for this export only. */
  marks?: Partial<Session['marks']>;
  /** Layout overrides for this export only (binding, gutter, padding …). */
  layout?: Partial<LayoutSettings>;
  onProgress?: (message: string) => void;
  /** Cancels the export between steps (compile, each copy, each handout); finished files stay, none is half-written. */
  signal?: AbortSignal;
}

export interface ExportReport {
  as: ExportKind;
  files: { path: string; bytes: number }[];
  /** Pages of one copy of the product (after padding). */
  pages: number;
  copies?: number;
  printSheet?: PrintSheet;
  /** Items that could not be loaded or were missing (the rest were exported). */
  warnings: string[];
  ms: number;
}

const checkCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new AppException({ code: 'export.cancelled', message: '已取消输出' });
};

const fail = (code: string, message: string, file?: string) => new AppException({ code, message, ...(file ? { file } : {}) });

async function ensureFolder(dir: string): Promise<void> {
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw fail('export.out-not-folder', `输出位置已存在且不是文件夹：${dir}`, dir);
  } catch (e) {
    if (e instanceof AppException) throw e;
    try {
      await mkdir(dir, { recursive: true });
    } catch (e2) {
      throw fail('export.out-unwritable', `无法创建输出文件夹：${dir}（${(e2 as NodeJS.ErrnoException).code ?? e2}）`, dir);
    }
  }
}

async function checkFileTarget(file: string): Promise<void> {
  try {
    if ((await stat(file)).isDirectory()) throw fail('export.out-is-folder', `输出路径是一个文件夹，请给出文件名：${file}`, file);
  } catch (e) {
    if (e instanceof AppException) throw e;
  }
  await ensureFolder(path.dirname(path.resolve(file)));
}

async function write(file: string, data: Uint8Array | string, files: ExportReport['files']): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (e) {
    throw fail('export.write-failed', `无法写入文件：${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, file);
  }
  files.push({ path: file, bytes: typeof data === 'string' ? new TextEncoder().encode(data).length : data.length });
}

/**
 * The session as this export compiles it: marks and layout overrides applied. The gutter and the
 * binding padding are the layout engine's own (core/layout/geometry), so this export, the plain
 * compile and the stamps on numbered copies place the text block identically.
 */
export function variantSession(session: Session, layout: LayoutSettings, marks?: Partial<Session['marks']>): Session {
  return { ...session, layout, marks: { ...session.marks, ...(marks ?? {}) } };
}

/** Compiles a session variant; items without a document become warnings, none at all an error. */
export async function compileVariant(session: Session, docs: ReadonlyMap<string, SourceDoc>, warnings: string[], signal?: AbortSignal): Promise<PdfCompileResult> {
  const { dossier, missing } = buildDossier(session, docs);
  for (const m of missing) warnings.push(`材料“${m.title}”没有可用的正文，已跳过`);
  if (!dossier.sections.some((s) => s.items.length)) throw fail('export.empty', '没有可以输出的材料（所有栏目都为空）');
  const fonts = await loadFontSet(session.layout);
  return compileDossierPdf(dossier, fonts, { signal });
}

/** The session reduced to the selected items (same sections, same order), for renumbered handouts. */
export function sessionOfItems(session: Session, items: SelectedItem[]): Session {
  const keep = new Set(items.map((i) => i.submission.id));
  return { ...session, preface: '', sections: session.sections.map((s) => ({ ...s, items: s.items.filter((id) => keep.has(id)) })).filter((s) => s.items.length) };
}

function pagesOf(result: PdfCompileResult, ids: string[]) {
  const byId = new Map(result.items.map((i) => [i.submissionId, i]));
  return ids.map((id) => {
    const it = byId.get(id);
    if (!it) throw fail('export.item-not-compiled', `材料 ${id} 没有出现在编译结果中`);
    return { submissionId: id, startPhysical: it.startPhysical, pageCount: it.pageCount };
  });
}

async function stampFonts(layout: LayoutSettings) {
  const set = await loadFontSet(layout);
  return { body: set.roles.song.font, title: set.roles.xbs.font };
}

function copiesOf(req: ExportRequest, session: Session): CopySpec[] {
  const recipients = req.recipients ?? (req.recipientsFromRoster ? session.members.map((m) => m.name) : undefined);
  return planCopies({ count: req.copies, start: req.startNumber, digits: req.digits, recipients });
}

/**
 * Reads a recipients list: one recipient a line, in any encoding a Windows PC saves text in
 * (UTF-8, GBK, UTF-16 …); "姓名,单位" or tab-separated columns become "姓名　单位".
 */
export async function readRecipientsFile(file: string): Promise<Result<string[]>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return err('export.recipients-unreadable', `无法读取领取人名单：${file}（${(e as NodeJS.ErrnoException).code ?? e}）`, { file });
  }
  const d = decodeText(bytes);
  const text = 'garbled' in d ? d.best?.text : d.text;
  if (text === undefined) return err('export.recipients-garbled', `领取人名单的文字编码无法识别：${file}（请另存为 UTF-8 文本）`, { file });
  const names = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((l) => l.split(/[,，\t]/).map((c) => c.trim()).filter(Boolean).join('　'))
    .filter(Boolean);
  if (!names.length) return err('export.recipients-empty', `领取人名单是空的：${file}`, { file });
  return ok(names);
}

function registerPath(out: string, perCopy: boolean): string {
  if (perCopy) return path.join(out, '分发清退登记表.pdf');
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}-分发清退登记表.pdf`;
}

/** Renders print-sheet lines as a one-page PDF. */
function printSheetPdf(font: unknown, lines: string[]): Promise<Uint8Array> {
  return renderWithPdfkit({ B: font as Uint8Array }, (doc) => {
    doc.addPage({ size: 'A4', margin: 72 });
    doc.font('B').fontSize(20).text(lines[0], { align: 'center' });
    doc.moveDown(1);
    doc.fontSize(14);
    for (const l of lines.slice(1)) doc.text(l, { lineGap: 8 });
  }, { title: lines[0] });
}

/** Exports a loaded session. */
export async function exportSession(session: Session, docs: ReadonlyMap<string, SourceDoc>, req: ExportRequest, loadWarnings: string[] = []): Promise<Result<ExportReport>> {
  const t0 = Date.now();
  const warnings = [...loadWarnings];
  const files: ExportReport['files'] = [];
  const say = (m: string) => req.onProgress?.(m);
  try {
    if (!req.out) throw fail('export.no-out', '请指定输出位置（--out）');
    const base: LayoutSettings = { ...session.layout, ...(req.layout ?? {}) };
    const title = `${session.theme || session.name}${session.bookTitle}`;
    const report = (pages: number, extra: Partial<ExportReport> = {}): ExportReport => ({ as: req.as, files, pages, warnings, ms: Date.now() - t0, ...extra });

    switch (req.as) {
      case 'print': {
        const s = variantSession(session, base, req.marks);
        await checkFileTarget(req.out);
        say('编译印刷版…');
        // The engine already padded the total to padMultipleFor(s.layout) with blank pages.
        const r = await compileVariant(s, docs, warnings, req.signal);
        await write(req.out, r.pdf, files);
        const sheet = computePrintSheet({ pages: r.pageCount, copies: req.copies ?? 1, mode: s.layout.binding === 'duplex' ? 'duplex' : 'single', sparePercent: req.sparePercent });
        return ok(report(r.pageCount, { printSheet: sheet }));
      }
      case 'screen':
      case 'phone': {
        const layout = req.as === 'screen' ? screenLayout(base) : phoneLayout(base);
        const s = variantSession(session, layout, req.marks);
        await checkFileTarget(req.out);
        say(req.as === 'screen' ? '编译屏幕阅读版…' : '编译手机阅读版…');
        const r = await compileVariant(s, docs, warnings, req.signal);
        await write(req.out, r.pdf, files);
        return ok(report(r.pageCount));
      }
      case 'booklet': {
        const s = variantSession(session, duplexLayout(base), req.marks);
        await checkFileTarget(req.out);
        say('编译并拼版（骑马订）…');
        const r = await compileVariant(s, docs, warnings, req.signal);
        const b = await imposeBooklet(r.pdf, { sheet: req.sheet, creepMm: req.creepMm, sheetsPerSignature: req.sheetsPerSignature });
        if (!req.sheetsPerSignature && b.sheets.length > SADDLE_STITCH_MAX_SHEETS)
          warnings.push(`小册子共 ${b.sheets.length} 张纸（${b.sheets.length * 4} 页），骑马订一般不超过 ${SADDLE_STITCH_MAX_SHEETS} 张；可改用分帖（如 --signature 10）或双面印刷后平订`);
        await write(req.out, b.pdf, files);
        const sheet = computePrintSheet({ pages: r.pageCount, copies: req.copies ?? 1, mode: 'booklet', paper: req.sheet && req.sheet !== 'auto' ? req.sheet : 'A3', sparePercent: req.sparePercent });
        return ok(report(b.sheets.length * 4, { printSheet: sheet, copies: req.copies ?? 1 }));
      }
      case 'copies': {
        const copies = copiesOf(req, session);
        const s = variantSession(session, base, req.marks);
        if (req.perCopy) await ensureFolder(req.out);
        else await checkFileTarget(req.out);
        say(`编译并生成 ${copies.length} 份编号本…`);
        const r = await compileVariant(s, docs, warnings, req.signal);
        const fonts = await stampFonts(s.layout);
        const lib = await FormLibrary.load(r.pdf, '汇编 PDF');
        const multiple = padMultipleFor(s.layout);
        const opts = { layout: s.layout, font: fonts.body, recipientMark: req.recipientMark, padEachTo: multiple };
        if (req.perCopy) {
          const stem = sanitizeFileName(session.theme || session.name, 40);
          await eachNumberedCopy(lib, copies, opts, async (c, bytes) => {
            checkCancelled(req.signal);
            const who = c.recipient ? `-${sanitizeFileName(c.recipient, 24)}` : '';
            await write(path.join(req.out, `${stem}-第${c.number}号${who}.pdf`), bytes, files);
          });
        } else {
          await write(req.out, await numberedCopiesPdf(lib, copies, opts), files);
        }
        if (req.withRegister) {
          const reg = await renderRegister(fonts, { sessionName: session.name, bookTitle: title, copies, note: session.marks.confidentialityLine || undefined });
          await write(registerPath(req.out, !!req.perCopy), reg, files);
        }
        const pages = r.pageCount + ((multiple - (r.pageCount % multiple)) % multiple);
        const sheet = computePrintSheet({ pages: r.pageCount, copies: copies.length, mode: s.layout.binding === 'duplex' ? 'duplex' : 'single', sparePercent: req.sparePercent });
        return ok(report(pages, { copies: copies.length, printSheet: sheet }));
      }
      case 'register': {
        const copies = copiesOf(req, session);
        await checkFileTarget(req.out);
        const fonts = await stampFonts(base);
        await write(req.out, await renderRegister(fonts, { sessionName: session.name, bookTitle: title, copies, note: session.marks.confidentialityLine || undefined }), files);
        return ok(report(0, { copies: copies.length }));
      }
      case 'printsheet': {
        const s = variantSession(session, req.printMode === 'booklet' ? duplexLayout(base) : base, req.marks);
        await checkFileTarget(req.out);
        const r = await compileVariant(s, docs, warnings, req.signal);
        const mode: PrintMode = req.printMode ?? (s.layout.binding === 'duplex' ? 'duplex' : 'single');
        const sheet = computePrintSheet({ pages: r.pageCount, copies: req.copies ?? req.recipients?.length ?? (req.recipientsFromRoster ? session.members.length : 1), mode, sparePercent: req.sparePercent, paper: mode === 'booklet' ? (req.sheet && req.sheet !== 'auto' ? req.sheet : 'A3') : 'A4' });
        const lines = printSheetLines(sheet, title);
        if (/\.pdf$/i.test(req.out)) await write(req.out, await printSheetPdf((await stampFonts(base)).body, lines), files);
        else await write(req.out, `\ufeff${lines.join('\r\n')}\r\n`, files);
        return ok(report(sheet.paddedPages, { printSheet: sheet, copies: sheet.copies }));
      }
      case 'handouts':
        return ok(await exportHandouts(session, docs, req, base, warnings, files, report));
      default:
        throw fail('export.unknown-kind', `未知的输出类型：${String(req.as)}（可用：${EXPORT_KINDS.join('、')}）`);
    }
  } catch (e) {
    const error = toAppError(e, 'export.failed', '输出失败');
    return err(error.code, error.message, { ...(error.file ? { file: error.file } : {}), ...(error.detail ? { detail: error.detail } : {}) });
  }
}

async function exportHandouts(
  session: Session,
  docs: ReadonlyMap<string, SourceDoc>,
  req: ExportRequest,
  base: LayoutSettings,
  warnings: string[],
  files: ExportReport['files'],
  report: (pages: number, extra?: Partial<ExportReport>) => ExportReport,
): Promise<ExportReport> {
  const sel = selectItems(session, req.selection ?? {});
  if (!sel.ok) throw new AppException(sel.error);
  const items = sel.value.filter((i) => docs.has(i.submission.id));
  for (const i of sel.value) if (!docs.has(i.submission.id)) warnings.push(`材料“${i.submission.title}”没有可用的正文，已跳过`);
  if (!items.length) throw fail('print.handout.empty', '所选材料都没有可用的正文');
  const duplex = base.binding === 'duplex';
  const finish = async (pdf: Uint8Array) => (req.twoUp ? imposeTwoUp(pdf, { sheet: req.sheet }) : pdf);
  const zipOnly = /\.zip$/i.test(req.out);

  if (!req.batch) {
    await checkFileTarget(req.out);
    const s = variantSession(req.renumber ? sessionOfItems(session, items) : session, base, req.marks);
    req.onProgress?.(req.renumber ? '编译所选材料（重新编页码）…' : '编译汇编并提取所选材料…');
    const r = await compileVariant(s, docs, warnings, req.signal);
    const pdf = await extractItemPages(r.pdf, pagesOf(r, items.map((i) => i.submission.id)), { startOnOdd: duplex, title: items.length === 1 ? items[0].submission.title : '会议材料（分发）' });
    const outPdf = await finish(pdf);
    await write(req.out, outPdf, files);
    return report((await FormLibrary.load(outPdf)).pageCount);
  }

  // Batch: one PDF per item, systematic names, into a folder and/or a zip.
  const names = handoutFileNames(items);
  const entries: Record<string, Uint8Array> = {};
  const folder = zipOnly ? undefined : req.out;
  if (folder) await ensureFolder(folder);
  else await checkFileTarget(req.out);
  let full: PdfCompileResult | undefined;
  if (!req.renumber) {
    req.onProgress?.('编译汇编…');
    full = await compileVariant(variantSession(session, base, req.marks), docs, warnings, req.signal);
  }
  const lib = full ? await FormLibrary.load(full.pdf, '汇编 PDF') : undefined;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    checkCancelled(req.signal);
    req.onProgress?.(`（${k + 1}/${items.length}）${it.submission.title}`);
    let pdf: Uint8Array;
    if (full && lib) {
      pdf = await extractItemPages(lib, pagesOf(full, [it.submission.id]), { title: it.submission.title });
    } else {
      const r = await compileVariant(variantSession(sessionOfItems(session, [it]), base, req.marks), docs, warnings, req.signal);
      pdf = await extractItemPages(r.pdf, pagesOf(r, [it.submission.id]), { title: it.submission.title });
    }
    pdf = await finish(pdf);
    if (folder) await write(path.join(folder, names[k]), pdf, files);
    if (req.zip || zipOnly) entries[names[k]] = pdf;
  }
  if (req.zip || zipOnly) {
    const zipPath = zipOnly ? req.out : `${req.out.replace(/[\\/]+$/, '')}.zip`;
    // PDFs are already compressed: store them (level 0) so the zip is quick and exact.
    const zipped = zipSync(Object.fromEntries(Object.entries(entries).map(([n, b]) => [n, [b, { level: 0 }]])) as never);
    await write(zipPath, zipped, files);
  }
  return report(0, { copies: items.length });
}

/** Loads a session folder and exports it; per-file load failures become warnings. */
export async function exportSessionFolder(dir: string, req: ExportRequest): Promise<Result<ExportReport>> {
  const loaded = await loadSessionFolder(dir);
  if (!loaded.ok) return loaded;
  const warnings = loaded.value.failures.map((f) => `材料“${f.submission.title}”读取失败：${f.error.message}`);
  return exportSession(loaded.value.session, loaded.value.docs, req, warnings);
}

/** Ids of every item in dossier order (for UIs listing handout choices). */
export function listHandoutItems(session: Session): { id: string; title: string; author: string; section: string; order: number }[] {
  return dossierOrder(session).map((i) => ({ id: i.submission.id, title: i.submission.title, author: tocAuthor(i.submission), section: i.sectionTitle, order: i.order }));
}

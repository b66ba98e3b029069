// Print products as a table (pandoc-style writers keyed by name): each product turns a session
// and its documents into bytes — the print edition, screen and phone editions, a saddle-stitched
// booklet, numbered copies with their register, the register alone, handouts (one file, one per
// item, a zip) and the print sheet. Pure: the compile is compileDossier with fonts from an
// injected loader, and files leave through `emit` (the printer port, core/node/print-producer.ts,
// stores them; the export.print handler places them on the target, core/print/places.ts). A product
// must never emit half a file, and checks the signal between copies and items.
import { zipSync } from 'fflate';
import { compileDossierPdf, type PdfCompileResult } from '../compile/index';
import type { FontSet } from '../fonts/font-set';
import type { SourceDoc } from '../model/document';
import { buildDossier } from '../model/dossier';
import { PRINT_KINDS, type PrintKind } from '../model/print-kinds';
import type { Session } from '../model/session';
import type { LayoutSettings } from '../model/settings';
import { AppException } from '../result';
import { duplexLayout, padMultipleFor, phoneLayout, screenLayout } from './binding';
import { FormLibrary, type PaperName } from './compose';
import { extractItemPages, handoutFileNames, selectItems, type HandoutSelection, type SelectedItem } from './handouts';
import { imposeBooklet, imposeTwoUp, SADDLE_STITCH_MAX_SHEETS } from './imposition';
import { eachNumberedCopy, numberedCopiesPdf, planCopies, type CopySpec } from './numbered-copies';
import { padCount } from './padding';
import { renderWithPdfkit } from './pdfkit-render';
import { computePrintSheet, printSheetLines, type PrintMode, type PrintSheet } from './print-sheet';
import { renderRegister } from './register';
import { sanitizeFileName } from './file-names';
import { rosterNamesInOrder } from '../order/roster-order';

/** The products by name (one list with the contract's). */
export const EXPORT_KINDS = PRINT_KINDS;
export type ExportKind = PrintKind;

/** What a product is asked for (the node side adds where it goes, progress and cancellation). */
export interface ProductRequest {
  as: ExportKind;
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
  /** Copies: one PDF per copy in the output folder instead of one file with all copies. */
  perCopy?: boolean;
  /** Copies: also the register beside the copies. */
  withRegister?: boolean;
  /** Handouts: which items. */
  selection?: HandoutSelection;
  /** Handouts: compile just these items so pages are numbered from 1 (else keep the dossier's numbers). */
  renumber?: boolean;
  /** Handouts: one PDF per item into the output folder (and `zip`). */
  batch?: boolean;
  /** Handouts batch: also (or, when the output ends in .zip, only) a zip of the files. */
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
}

/**
 * Where an emitted file goes: the output itself; a named file in the output folder; the register
 * beside numbered copies; the zip of a batch of handouts.
 */
export type ProductPlace = { at: 'out' } | { at: 'folder'; name: string } | { at: 'register' } | { at: 'zip' };

export interface ProductContext {
  session: Session;
  docs: ReadonlyMap<string, SourceDoc>;
  req: ProductRequest;
  /** The output's name as given (only its extension matters here: .zip, .pdf). */
  outName: string;
  loadFonts(layout: LayoutSettings): Promise<FontSet>;
  /**
   * Hands one finished file to the writer (awaited: written before the next is made), with its
   * page count when the product knows it (else the writer may count: costly for 10,000 pages).
   */
  emit(place: ProductPlace, bytes: Uint8Array | string, pages?: number): Promise<void>;
  /** Items skipped or unreadable; the product adds its own. */
  warnings: string[];
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export interface ProductReport {
  /** Pages of one copy of the product (after padding). */
  pages: number;
  copies?: number;
  printSheet?: PrintSheet;
}

export interface PrintProduct {
  /** Whether the output is one file or a folder (checked and created by the writer first). */
  target(req: ProductRequest, outName: string): 'file' | 'folder';
  make(ctx: ProductContext): Promise<ProductReport>;
}

export const checkCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new AppException({ code: 'export.cancelled', message: '已取消输出' });
};

const fail = (code: string, message: string) => new AppException({ code, message });

/**
 * The session as this export compiles it: marks and layout overrides applied. The gutter and the
 * binding padding are the layout engine's own (core/layout/geometry), so this export, the plain
 * compile and the stamps on numbered copies place the text block identically.
 */
export function variantSession(session: Session, layout: LayoutSettings, marks?: Partial<Session['marks']>): Session {
  return { ...session, layout, marks: { ...session.marks, ...(marks ?? {}) } };
}

/** Compiles a session variant; items without a document become warnings, none at all an error. */
export async function compileVariant(
  session: Session,
  docs: ReadonlyMap<string, SourceDoc>,
  warnings: string[],
  fonts: FontSet,
  signal?: AbortSignal,
): Promise<PdfCompileResult> {
  const { dossier, missing } = buildDossier(session, docs);
  for (const m of missing) warnings.push(`材料“${m.title}”没有可用的正文，已跳过`);
  if (!dossier.sections.some((s) => s.items.length)) throw fail('export.empty', '没有可以输出的材料（所有栏目都为空）');
  const r = await compileDossierPdf(dossier, fonts, { signal });
  for (const w of r.warnings) warnings.push(w.message);
  return r;
}

/** The session reduced to the selected items (same sections, same order), for renumbered handouts. */
export function sessionOfItems(session: Session, items: SelectedItem[]): Session {
  const keep = new Set(items.map((i) => i.submission.id));
  return {
    ...session,
    preface: '',
    sections: session.sections
      .map((s) => ({ ...s, items: s.items.filter((id) => keep.has(id)) }))
      .filter((s) => s.items.length),
  };
}

function pagesOf(result: PdfCompileResult, ids: string[]) {
  const byId = new Map(result.items.map((i) => [i.submissionId, i]));
  return ids.map((id) => {
    const it = byId.get(id);
    if (!it) throw fail('export.item-not-compiled', `材料 ${id} 没有出现在编译结果中`);
    return { submissionId: id, startPhysical: it.startPhysical, pageCount: it.pageCount };
  });
}

async function stampFonts(ctx: ProductContext, layout: LayoutSettings) {
  const set = await ctx.loadFonts(layout);
  return { body: set.roles.song.font, title: set.roles.xbs.font };
}

function copiesOf(req: ProductRequest, session: Session): CopySpec[] {
  const recipients = req.recipients ?? (req.recipientsFromRoster ? rosterNamesInOrder(session) : undefined);
  return planCopies({ count: req.copies, start: req.startNumber, digits: req.digits, recipients });
}

/** Renders print-sheet lines as a one-page PDF. */
function printSheetPdf(font: unknown, lines: string[]): Promise<Uint8Array> {
  return renderWithPdfkit(
    { B: font as Uint8Array },
    (doc) => {
      doc.addPage({ size: 'A4', margin: 72 });
      doc.font('B').fontSize(20).text(lines[0], { align: 'center' });
      doc.moveDown(1);
      doc.fontSize(14);
      for (const l of lines.slice(1)) doc.text(l, { lineGap: 8 });
    },
    { title: lines[0] },
  );
}

const base = (ctx: ProductContext): LayoutSettings => ({ ...ctx.session.layout, ...(ctx.req.layout ?? {}) });
const bookTitle = (s: Session) => `${s.theme || s.name}${s.bookTitle}`;
const compile = async (ctx: ProductContext, s: Session) =>
  compileVariant(s, ctx.docs, ctx.warnings, await ctx.loadFonts(s.layout), ctx.signal);
const oneFile = () => 'file' as const;

/** One compiled edition written as it is (print, screen, phone). */
function edition(layoutOf: (l: LayoutSettings) => LayoutSettings, message: string, sheet: boolean): PrintProduct {
  return {
    target: oneFile,
    async make(ctx) {
      const s = variantSession(ctx.session, layoutOf(base(ctx)), ctx.req.marks);
      ctx.onProgress?.(message);
      // The engine already padded the total to padMultipleFor(s.layout) with blank pages.
      const r = await compile(ctx, s);
      await ctx.emit({ at: 'out' }, r.pdf, r.pageCount);
      if (!sheet) return { pages: r.pageCount };
      const printSheet = computePrintSheet({
        pages: r.pageCount,
        copies: ctx.req.copies ?? 1,
        mode: s.layout.binding === 'duplex' ? 'duplex' : 'single',
        sparePercent: ctx.req.sparePercent,
      });
      return { pages: r.pageCount, printSheet };
    },
  };
}

const booklet: PrintProduct = {
  target: oneFile,
  async make(ctx) {
    const { req } = ctx;
    const s = variantSession(ctx.session, duplexLayout(base(ctx)), req.marks);
    ctx.onProgress?.('编译并拼版（骑马订）…');
    const r = await compile(ctx, s);
    const b = await imposeBooklet(r.pdf, {
      sheet: req.sheet,
      creepMm: req.creepMm,
      sheetsPerSignature: req.sheetsPerSignature,
    });
    if (!req.sheetsPerSignature && b.sheets.length > SADDLE_STITCH_MAX_SHEETS)
      ctx.warnings.push(
        `小册子共 ${b.sheets.length} 张纸（${b.sheets.length * 4} 页），骑马订一般不超过 ${SADDLE_STITCH_MAX_SHEETS} 张；可改用分帖（如 --signature 10）或双面印刷后平订`,
      );
    await ctx.emit({ at: 'out' }, b.pdf, b.sheets.length * 2);
    const printSheet = computePrintSheet({
      pages: r.pageCount,
      copies: req.copies ?? 1,
      mode: 'booklet',
      paper: req.sheet && req.sheet !== 'auto' ? req.sheet : 'A3',
      sparePercent: req.sparePercent,
    });
    return { pages: b.sheets.length * 4, printSheet, copies: req.copies ?? 1 };
  },
};

const copies: PrintProduct = {
  target: (req) => (req.perCopy ? 'folder' : 'file'),
  async make(ctx) {
    const { req, session } = ctx;
    const list = copiesOf(req, session);
    const s = variantSession(session, base(ctx), req.marks);
    ctx.onProgress?.(`编译并生成 ${list.length} 份编号本…`);
    const r = await compile(ctx, s);
    const fonts = await stampFonts(ctx, s.layout);
    const lib = await FormLibrary.load(r.pdf, '汇编 PDF');
    const multiple = padMultipleFor(s.layout);
    const opts = { layout: s.layout, font: fonts.body, recipientMark: req.recipientMark, padEachTo: multiple };
    // Each copy is padded to the multiple (numberedCopiesPdf / eachNumberedCopy do the same sum).
    const pages = r.pageCount + padCount(r.pageCount, multiple);
    if (req.perCopy) {
      const stem = sanitizeFileName(session.theme || session.name, 40);
      await eachNumberedCopy(lib, list, opts, async (c, bytes) => {
        checkCancelled(ctx.signal);
        const who = c.recipient ? `-${sanitizeFileName(c.recipient, 24)}` : '';
        await ctx.emit({ at: 'folder', name: `${stem}-第${c.number}号${who}.pdf` }, bytes, pages);
      });
    } else {
      await ctx.emit({ at: 'out' }, await numberedCopiesPdf(lib, list, opts), pages * list.length);
    }
    if (req.withRegister) {
      const reg = await renderRegister(fonts, {
        sessionName: session.name,
        bookTitle: bookTitle(session),
        copies: list,
        note: session.marks.confidentialityLine || undefined,
      });
      await ctx.emit({ at: 'register' }, reg);
    }
    const printSheet = computePrintSheet({
      pages: r.pageCount,
      copies: list.length,
      mode: s.layout.binding === 'duplex' ? 'duplex' : 'single',
      sparePercent: req.sparePercent,
    });
    return { pages, copies: list.length, printSheet };
  },
};

const register: PrintProduct = {
  target: oneFile,
  async make(ctx) {
    const { session } = ctx;
    const list = copiesOf(ctx.req, session);
    const fonts = await stampFonts(ctx, base(ctx));
    await ctx.emit(
      { at: 'out' },
      await renderRegister(fonts, {
        sessionName: session.name,
        bookTitle: bookTitle(session),
        copies: list,
        note: session.marks.confidentialityLine || undefined,
      }),
    );
    return { pages: 0, copies: list.length };
  },
};

const printsheet: PrintProduct = {
  target: oneFile,
  async make(ctx) {
    const { req, session } = ctx;
    const s = variantSession(session, req.printMode === 'booklet' ? duplexLayout(base(ctx)) : base(ctx), req.marks);
    const r = await compile(ctx, s);
    const mode: PrintMode = req.printMode ?? (s.layout.binding === 'duplex' ? 'duplex' : 'single');
    const sheet = computePrintSheet({
      pages: r.pageCount,
      copies: req.copies ?? req.recipients?.length ?? (req.recipientsFromRoster ? session.members.length : 1),
      mode,
      sparePercent: req.sparePercent,
      paper: mode === 'booklet' ? (req.sheet && req.sheet !== 'auto' ? req.sheet : 'A3') : 'A4',
    });
    const lines = printSheetLines(sheet, bookTitle(session));
    if (/\.pdf$/i.test(ctx.outName))
      await ctx.emit({ at: 'out' }, await printSheetPdf((await stampFonts(ctx, base(ctx))).body, lines));
    else await ctx.emit({ at: 'out' }, `\ufeff${lines.join('\r\n')}\r\n`);
    return { pages: sheet.paddedPages, printSheet: sheet, copies: sheet.copies };
  },
};

const zipOnly = (outName: string) => /\.zip$/i.test(outName);

const handouts: PrintProduct = {
  target: (req, outName) => (req.batch && !zipOnly(outName) ? 'folder' : 'file'),
  async make(ctx) {
    const { req, session, docs } = ctx;
    const layout = base(ctx);
    const sel = selectItems(session, req.selection ?? {});
    if (!sel.ok) throw new AppException(sel.error);
    const items = sel.value.filter((i) => docs.has(i.submission.id));
    for (const i of sel.value)
      if (!docs.has(i.submission.id)) ctx.warnings.push(`材料“${i.submission.title}”没有可用的正文，已跳过`);
    if (!items.length) throw fail('print.handout.empty', '所选材料都没有可用的正文');
    const duplex = layout.binding === 'duplex';
    const finish = async (pdf: Uint8Array) => (req.twoUp ? imposeTwoUp(pdf, { sheet: req.sheet }) : pdf);

    if (!req.batch) {
      const s = variantSession(req.renumber ? sessionOfItems(session, items) : session, layout, req.marks);
      ctx.onProgress?.(req.renumber ? '编译所选材料（重新编页码）…' : '编译汇编并提取所选材料…');
      const r = await compile(ctx, s);
      const pdf = await extractItemPages(
        r.pdf,
        pagesOf(
          r,
          items.map((i) => i.submission.id),
        ),
        { startOnOdd: duplex, title: items.length === 1 ? items[0].submission.title : '会议材料（分发）' },
      );
      const outPdf = await finish(pdf);
      const pages = (await FormLibrary.load(outPdf)).pageCount;
      await ctx.emit({ at: 'out' }, outPdf, pages);
      return { pages };
    }

    // Batch: one PDF per item, systematic names, into a folder and/or a zip.
    const names = handoutFileNames(items);
    const entries: Record<string, Uint8Array> = {};
    const toFolder = !zipOnly(ctx.outName);
    let full: PdfCompileResult | undefined;
    if (!req.renumber) {
      ctx.onProgress?.('编译汇编…');
      full = await compile(ctx, variantSession(session, layout, req.marks));
    }
    const lib = full ? await FormLibrary.load(full.pdf, '汇编 PDF') : undefined;
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      checkCancelled(ctx.signal);
      ctx.onProgress?.(`（${k + 1}/${items.length}）${it.submission.title}`);
      let pdf: Uint8Array;
      if (full && lib) {
        pdf = await extractItemPages(lib, pagesOf(full, [it.submission.id]), { title: it.submission.title });
      } else {
        const r = await compile(ctx, variantSession(sessionOfItems(session, [it]), layout, req.marks));
        pdf = await extractItemPages(r.pdf, pagesOf(r, [it.submission.id]), { title: it.submission.title });
      }
      pdf = await finish(pdf);
      if (toFolder) await ctx.emit({ at: 'folder', name: names[k] }, pdf);
      if (req.zip || !toFolder) entries[names[k]] = pdf;
    }
    if (req.zip || !toFolder) {
      // PDFs are already compressed: store them (level 0) so the zip is quick and exact.
      const zipped = zipSync(
        Object.fromEntries(Object.entries(entries).map(([n, b]) => [n, [b, { level: 0 }]])) as never,
      );
      await ctx.emit({ at: 'zip' }, zipped);
    }
    return { pages: 0, copies: items.length };
  },
};

/** Every print product by name. A new product is one entry here. */
export const PRINT_PRODUCTS: Record<ExportKind, PrintProduct> = {
  print: edition((l) => l, '编译印刷版…', true),
  screen: edition(screenLayout, '编译屏幕阅读版…', false),
  phone: edition(phoneLayout, '编译手机阅读版…', false),
  booklet,
  copies,
  register,
  handouts,
  printsheet,
};

// The compile pipeline, the one way a dossier becomes output: Dossier → pre-layout steps (PDF
// submissions checked, unreadable ones turned into notices) → layout (incremental, with progress
// and cancellation) → the writers asked for (PDF, DOCX), both from the same prepared dossier and
// the same TOC. Pure: fonts arrive as a FontSet; bytes go out. The service's compiler port, the CLI,
// print products, the warm-up and previews all call compileDossier; core/node only loads fonts and
// writes the bytes. It must never return a PDF or DOCX whose TOC numbers differ from where items
// start, nor let the two writers see different inputs.
import type { FontSet } from '../fonts/font-set';
import { DossierLayouter, layoutDossier } from '../layout/index';
import { runPreLayout, type CompileWarning } from '../layout/pre-layout';
import type { LaidOutDossier } from '../layout/types';
import type { Dossier, TocEntry } from '../model/dossier';
import { renderPdf } from '../render/pdf/index';
import { AppException, toAppError, type AppError } from '../result';

export { layoutDossier };
export type { LaidOutDossier };
export type { FontSet, CompileWarning };

export type CompileFormat = 'pdf' | 'docx';

/** One progress type for every compile: the engine's phases, and the service's 'read' and 'done'. */
export interface CompileProgress {
  phase: 'read' | 'layout' | 'render' | 'docx' | 'done';
  done: number;
  total: number;
  /** Chinese, for the progress line. */
  message?: string;
}

export interface CompileOptions {
  /** The writers to run (default: PDF only). The layout runs whatever is asked. */
  formats?: readonly CompileFormat[];
  onProgress?: (p: CompileProgress) => void;
  signal?: AbortSignal;
}

export interface CompileItem {
  submissionId: string;
  /** Printed number of the item's first page. */
  startPage: number;
  /** 1-based page index in the PDF. */
  startPhysical: number;
  pageCount: number;
  words: number;
  fallbackChars: string[];
}

export interface CompileResult {
  /** Present when 'pdf' was asked for. */
  pdf?: Uint8Array;
  /** Present when 'docx' was asked for and the DOCX writer succeeded. */
  docx?: Uint8Array;
  /** The DOCX writer failed (the PDF is still good). */
  docxError?: AppError;
  toc: TocEntry[];
  pageCount: number;
  bodyPageCount: number;
  frontPageCount: number;
  items: CompileItem[];
  /** Characters that needed a fallback font. */
  fallbackChars: string[];
  /** Characters no font has (still drawn with the role's font); must be empty for the sample. */
  missingGlyphs: string[];
  words: number;
  /** Problems that did not stop the compile (e.g. an unreadable PDF submission shown as a notice). */
  warnings: CompileWarning[];
  /** The layout the outputs were drawn from (for print production). */
  layout: LaidOutDossier;
  /** ms from the start of the compile until the PDF was done (layout included), and for the DOCX alone. */
  timings: { pdfMs?: number; docxMs?: number };
}

const cancelled = () => new AppException({ code: 'compile.cancelled', message: '已取消编译' });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** Lays out with progress and cancellation points between items. */
export async function layoutDossierAsync(
  dossier: Dossier,
  fonts: FontSet,
  opts: { onProgress?: (p: CompileProgress) => void; signal?: AbortSignal } = {},
): Promise<LaidOutDossier> {
  const l = new DossierLayouter(dossier, fonts);
  const total = l.total;
  let lastYield = Date.now();
  for (;;) {
    if (opts.signal?.aborted) throw cancelled();
    if (!l.step()) break;
    opts.onProgress?.({ phase: 'layout', done: l.done, total, message: `正在排版 ${l.done}/${total}` });
    if (Date.now() - lastYield > 40) {
      await tick();
      lastYield = Date.now();
    }
  }
  return l.finish();
}

/** Compiles a dossier to the formats asked for. Throws AppException (cancelled, a broken source …). */
export async function compileDossier(
  dossier: Dossier,
  fonts: FontSet,
  opts: CompileOptions = {},
): Promise<CompileResult> {
  const formats = opts.formats ?? ['pdf'];
  const t0 = performance.now();
  if (opts.signal?.aborted) throw cancelled();
  const prepared = await runPreLayout(dossier);
  const laid = await layoutDossierAsync(prepared.dossier, fonts, opts);
  const result: CompileResult = {
    toc: laid.toc,
    pageCount: laid.pages.length,
    bodyPageCount: laid.bodyPageCount,
    frontPageCount: laid.frontPageCount,
    items: laid.items.map(({ submissionId, startPage, startPhysical, pageCount, words, fallbackChars }) => ({
      submissionId,
      startPage,
      startPhysical,
      pageCount,
      words,
      fallbackChars,
    })),
    fallbackChars: laid.fallbackChars,
    missingGlyphs: laid.missingGlyphs,
    words: laid.words,
    warnings: prepared.warnings,
    layout: laid,
    timings: {},
  };
  if (formats.includes('pdf')) {
    result.pdf = await renderPdf(laid, fonts, {
      signal: opts.signal,
      onPage: (done, total) =>
        opts.onProgress?.({ phase: 'render', done, total, message: `正在生成 ${done}/${total}` }),
    });
    result.timings.pdfMs = performance.now() - t0;
  }
  if (formats.includes('docx')) {
    if (opts.signal?.aborted) throw cancelled();
    const t1 = performance.now();
    try {
      // Loaded only when asked for: the docx package costs a fresh PDF-only compile ~0.1 s to load.
      const { renderDocx } = await import('../render/docx/index');
      result.docx = await renderDocx(prepared.dossier, laid.toc, {
        layout: laid,
        onProgress: (done, total) =>
          opts.onProgress?.({ phase: 'docx', done, total, message: `正在生成 Word ${done}/${total}` }),
      });
    } catch (e) {
      result.docxError = toAppError(e, 'compile.docx-failed', '生成 Word 文件失败');
    }
    result.timings.docxMs = performance.now() - t1;
  }
  return result;
}

export type PdfCompileResult = CompileResult & { pdf: Uint8Array };

/** compileDossier for the PDF alone (print products, tests, benchmarks): the PDF is always there. */
export async function compileDossierPdf(
  dossier: Dossier,
  fonts: FontSet,
  opts: Omit<CompileOptions, 'formats'> = {},
): Promise<PdfCompileResult> {
  const r = await compileDossier(dossier, fonts, { ...opts, formats: ['pdf'] });
  return r as PdfCompileResult;
}

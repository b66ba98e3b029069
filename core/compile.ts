// The compile pipeline: Dossier → layout (incremental, with progress and cancellation) → PDF.
// Pure (fonts arrive as a FontSet; bytes go out). The CLI, the app and print production call
// this; core/node/compile-session.ts adds the disk. It must never return a PDF whose TOC numbers
// differ from where items start: both come from the one layout.
import type { FontSet } from './fonts/font-set';
import { DossierLayouter, layoutDossier } from './layout/index';
import type { LaidOutDossier } from './layout/types';
import type { Dossier, TocEntry } from './model/dossier';
import { renderPdf } from './render/pdf/index';
import { preparePdfItems, type CompileWarning } from './render/pdf/pdf-sources';
import { AppException } from './result';

export { layoutDossier };
export type { LaidOutDossier };
export type { FontSet, CompileWarning };

export interface CompileProgress {
  phase: 'layout' | 'render';
  done: number;
  total: number;
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
  pdf: Uint8Array;
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
  /** The layout the PDF was drawn from (for print production and DOCX page hints). */
  layout: LaidOutDossier;
}

const cancelled = () => new AppException({ code: 'compile.cancelled', message: '已取消编译' });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** Lays out with progress and cancellation points between items. */
export async function layoutDossierAsync(dossier: Dossier, fonts: FontSet, opts: { onProgress?: (p: CompileProgress) => void; signal?: AbortSignal } = {}): Promise<LaidOutDossier> {
  const l = new DossierLayouter(dossier, fonts);
  const total = l.total;
  let lastYield = Date.now();
  for (;;) {
    if (opts.signal?.aborted) throw cancelled();
    if (!l.step()) break;
    opts.onProgress?.({ phase: 'layout', done: l.done, total });
    if (Date.now() - lastYield > 40) {
      await tick();
      lastYield = Date.now();
    }
  }
  return l.finish();
}

export async function compileDossierPdf(
  dossier: Dossier,
  fonts: FontSet,
  opts: { onProgress?: (p: CompileProgress) => void; signal?: AbortSignal } = {},
): Promise<CompileResult> {
  if (opts.signal?.aborted) throw cancelled();
  const prepared = await preparePdfItems(dossier);
  const laid = await layoutDossierAsync(prepared.dossier, fonts, opts);
  const pdf = await renderPdf(laid, fonts, {
    signal: opts.signal,
    onPage: (done, total) => opts.onProgress?.({ phase: 'render', done, total }),
  });
  return {
    pdf,
    toc: laid.toc,
    pageCount: laid.pages.length,
    bodyPageCount: laid.bodyPageCount,
    frontPageCount: laid.frontPageCount,
    items: laid.items.map(({ submissionId, startPage, startPhysical, pageCount, words, fallbackChars }) => ({ submissionId, startPage, startPhysical, pageCount, words, fallbackChars })),
    fallbackChars: laid.fallbackChars,
    missingGlyphs: laid.missingGlyphs,
    words: laid.words,
    warnings: prepared.warnings,
    layout: laid,
  };
}

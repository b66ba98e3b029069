// The node side of compiling, behind the service's Compiler port (nodeCompiler): builds the
// dossier, loads fonts (cached per process), runs the pure compileDossier (PDF and DOCX from one
// prepared dossier) and hands the bytes to the session's OutputStore (the data folder's outputs/,
// or memory for a CLI session folder). compileDocs can also write to given paths (tests, benches).
// It never throws: every failure is a Result error naming the file and the cause, and a failed or
// cancelled compile leaves existing outputs untouched.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { compileDossier, type CompileItem, type CompileProgress, type CompileWarning } from '../compile/index';
import type { SourceDoc } from '../model/document';
import { buildDossier, type TocEntry } from '../model/dossier';
import type { Session } from '../model/session';
import { err, ok, toAppError, type AppError, type Result } from '../result';
import { writeFileAtomic } from './atomic-write';
import { checkOutputFile } from './output-path';
import { loadFontSet } from './fonts';
import type { CompileOutcome, Compiler, OutputStore } from '../service/ports';
import { useNativeDeflate } from '../render/pdf/font-stream-cache';

// Font streams are deflated by Node's zlib on its I/O threads (see useNativeDeflate).
const zlibDeflate = promisify(deflate);
useNativeDeflate(zlibDeflate);

export interface CompileOptions {
  /** Default: PDF, and DOCX when docxPath is given. */
  formats?: ('pdf' | 'docx')[];
  pdfPath?: string;
  docxPath?: string;
  onProgress?: (p: CompileProgress) => void;
  signal?: AbortSignal;
}

export interface CompileSummary {
  items: number;
  pages: number;
  bodyPages: number;
  frontPages: number;
  words: number;
  /** Wall time of the whole compile, ms. */
  ms: number;
  pdfMs: number;
  docxMs?: number;
  fallbackChars: string[];
  missingGlyphs: string[];
  outputs: { pdf?: { path: string; bytes: number }; docx?: { path: string; bytes: number } };
  toc: TocEntry[];
  itemDetails: CompileItem[];
  /** Submissions listed in a section with no document (skipped). */
  missing: { submissionId: string; title: string }[];
  /** Problems that did not stop the compile (an unreadable PDF submission shown as a notice …). */
  warnings: CompileWarning[];
  /** DOCX failed while the PDF was written (the summary still reports the PDF). */
  docxError?: AppError;
  /** The outputs' bytes when no path was given for them. */
  bytes: { pdf?: Uint8Array; docx?: Uint8Array };
}

async function writeOut(file: string, data: Uint8Array): Promise<Result<number>> {
  try {
    await writeFileAtomic(file, data);
    return ok(data.length);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? '没有写入权限'
        : code === 'EBUSY'
          ? '文件正被其他程序打开（请先关闭 PDF/Word 阅读器）'
          : code === 'ENOSPC'
            ? '磁盘空间不足'
            : code;
    return err('compile.write-failed', `无法写入 ${file}：${why}`, { file, detail: String(e) });
  }
}

export async function compileDocs(
  session: Session,
  docs: Map<string, SourceDoc>,
  opts: CompileOptions = {},
): Promise<Result<CompileSummary>> {
  const t0 = performance.now();
  for (const out of [opts.pdfPath, opts.docxPath]) {
    if (!out) continue;
    const c = await checkOutputFile(out);
    if (!c.ok) return c;
  }
  const { dossier, missing } = buildDossier(session, docs);
  const count = dossier.sections.reduce((n, s) => n + s.items.length, 0);
  if (!count)
    return err(
      'compile.empty',
      `会议“${session.name}”没有可编译的材料（共 ${session.submissions.length} 篇，均未能读取或未编入栏目）`,
    );
  try {
    const fonts = await loadFontSet(session.layout);
    const fontsMs = performance.now() - t0;
    // One compile for both outputs: the DOCX is written from the same prepared dossier and TOC.
    const res = await compileDossier(dossier, fonts, {
      formats: opts.formats ?? (opts.docxPath ? ['pdf', 'docx'] : ['pdf']),
      onProgress: opts.onProgress,
      signal: opts.signal,
    });
    const summary: CompileSummary = {
      items: count,
      pages: res.pageCount,
      bodyPages: res.bodyPageCount,
      frontPages: res.frontPageCount,
      words: res.words,
      ms: 0,
      pdfMs: fontsMs + (res.timings.pdfMs ?? 0),
      fallbackChars: res.fallbackChars,
      missingGlyphs: res.missingGlyphs,
      outputs: {},
      toc: res.toc,
      itemDetails: res.items,
      missing: missing.map((s) => ({ submissionId: s.id, title: s.title })),
      warnings: res.warnings,
      bytes: {
        ...(res.pdf && !opts.pdfPath ? { pdf: res.pdf } : {}),
        ...(res.docx && !opts.docxPath ? { docx: res.docx } : {}),
      },
      ...(res.docxError ? { docxError: res.docxError } : {}),
      ...(res.timings.docxMs !== undefined ? { docxMs: res.timings.docxMs } : {}),
    };
    if (opts.pdfPath && res.pdf) {
      const w = await writeOut(opts.pdfPath, res.pdf);
      if (!w.ok) return w;
      summary.outputs.pdf = { path: opts.pdfPath, bytes: w.value };
    }
    if (opts.docxPath && res.docx) {
      const w = await writeOut(opts.docxPath, res.docx);
      if (!w.ok) return w;
      summary.outputs.docx = { path: opts.docxPath, bytes: w.value };
    }
    summary.ms = performance.now() - t0;
    return ok(summary);
  } catch (e) {
    return { ok: false, error: toAppError(e, 'compile.failed', '编译失败') };
  }
}

/** What the CLI and the app show after a compile (the contract's compile result carries it). */
function summaryOf(s: CompileSummary): NonNullable<CompileOutcome['summary']> {
  return {
    items: s.items,
    frontPages: s.frontPages,
    bodyPages: s.bodyPages,
    words: s.words,
    ms: s.ms,
    pdfMs: s.pdfMs,
    ...(s.docxMs !== undefined ? { docxMs: s.docxMs } : {}),
    fallbackChars: s.fallbackChars,
    missingGlyphs: s.missingGlyphs,
    ...(s.docxError ? { docxError: { code: s.docxError.code, message: s.docxError.message } } : {}),
  };
}

/**
 * The Compiler port: compiles, then stores each output under `nameOf(session, format)` in the
 * session's OutputStore. Fonts start loading as soon as the service knows the session (prefetch),
 * while the sources are still being read.
 */
export function nodeCompiler(
  outputs: OutputStore,
  nameOf: (session: Session, format: 'pdf' | 'docx') => string = (_s, f) => `汇编.${f}`,
): Compiler {
  return {
    prefetch(session) {
      void loadFontSet(session.layout).catch(() => undefined);
    },
    async compile(sessionId, session, docs, o) {
      const r = await compileDocs(session, docs, { formats: o.formats, signal: o.signal, onProgress: o.onProgress });
      if (!r.ok) return r;
      const s = r.value;
      const out: Pick<CompileOutcome, 'pdf' | 'docx'> = {};
      for (const f of ['pdf', 'docx'] as const) {
        const bytes = s.bytes[f];
        if (!bytes) continue;
        const w = await outputs.write(sessionId, nameOf(session, f), bytes);
        if (!w.ok) return w;
        out[f] = w.value;
      }
      const warnings: CompileWarning[] = [
        ...s.warnings,
        ...s.missing.map((m) => ({ code: 'compile.missing', message: `材料“${m.title}”没有正文，已跳过` })),
        ...(s.docxError ? [{ code: s.docxError.code, message: s.docxError.message }] : []),
        ...(s.missingGlyphs.length
          ? [
              {
                code: 'compile.missing-glyphs',
                message: `有 ${s.missingGlyphs.length} 个字符所有字体都没有：${s.missingGlyphs.slice(0, 20).join('')}`,
              },
            ]
          : []),
      ];
      return ok({
        ...out,
        pageCount: s.pages,
        items: s.itemDetails.map((i) => ({
          submissionId: i.submissionId,
          startPage: i.startPage,
          pageCount: i.pageCount,
        })),
        warnings,
        summary: summaryOf(s),
      });
    },
    async warm(session, docs, signal) {
      // An in-memory compile: nothing is written; the result is dropped.
      await compileDocs(session, docs, { signal }).catch(() => undefined);
    },
  };
}

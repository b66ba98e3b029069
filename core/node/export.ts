// Print production and distribution on disk: runs a print product from the table in
// core/print/products.ts (booklets, numbered copies, the return register, handouts, the print
// sheet …) and writes what it emits — one file, a folder, a zip — atomically, after checking the
// target. The CLI and the app go through the contract (export.print → core/node/print-producer.ts);
// this direct path is kept for the print tests and bench/print.ts, which measure it. It never throws
// (every failure is a Result error naming the file and the cause) and never writes half a file or
// over a folder by mistake.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PdfCompileResult } from '../compile/index';
import type { SourceDoc } from '../model/document';
import { tocAuthor } from '../model/dossier';
import type { Session } from '../model/session';
import { err, ok, toAppError, AppException, type Result } from '../result';
import { dossierOrder } from '../print/handouts';
import {
  compileVariant as compileVariantWith,
  EXPORT_KINDS,
  PRINT_PRODUCTS,
  variantSession,
  sessionOfItems,
  type ExportKind,
  type ProductPlace,
  type ProductRequest,
} from '../print/products';
import type { PrintSheet } from '../print/print-sheet';
import { writeFileAtomic } from './atomic-write';
import { loadFontSet } from './fonts';
import { loadSessionFolder } from './session-folder';
import { readRecipientsFile } from './recipients-file';

export { EXPORT_KINDS, variantSession, sessionOfItems, readRecipientsFile, type ExportKind };

export interface ExportRequest extends ProductRequest {
  /** A file, or a folder for one-file-per-copy / one-file-per-item outputs. */
  out: string;
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

const fail = (code: string, message: string, file?: string) =>
  new AppException({ code, message, ...(file ? { file } : {}) });

async function ensureFolder(dir: string): Promise<void> {
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw fail('export.out-not-folder', `输出位置已存在且不是文件夹：${dir}`, dir);
  } catch (e) {
    if (e instanceof AppException) throw e;
    try {
      await mkdir(dir, { recursive: true });
    } catch (e2) {
      throw fail(
        'export.out-unwritable',
        `无法创建输出文件夹：${dir}（${(e2 as NodeJS.ErrnoException).code ?? e2}）`,
        dir,
      );
    }
  }
}

async function checkFileTarget(file: string): Promise<void> {
  try {
    if ((await stat(file)).isDirectory())
      throw fail('export.out-is-folder', `输出路径是一个文件夹，请给出文件名：${file}`, file);
  } catch (e) {
    if (e instanceof AppException) throw e;
  }
  await ensureFolder(path.dirname(path.resolve(file)));
}

async function write(file: string, data: Uint8Array | string, files: ExportReport['files']): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (e) {
    throw fail(
      'export.write-failed',
      `无法写入文件：${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`,
      file,
    );
  }
  files.push({ path: file, bytes: typeof data === 'string' ? new TextEncoder().encode(data).length : data.length });
}

/** Compiles a session variant with the fonts on disk (benchmarks and tests; products use the table). */
export async function compileVariant(
  session: Session,
  docs: ReadonlyMap<string, SourceDoc>,
  warnings: string[],
  signal?: AbortSignal,
): Promise<PdfCompileResult> {
  return compileVariantWith(session, docs, warnings, await loadFontSet(session.layout), signal);
}

function registerPath(out: string, perCopy: boolean): string {
  if (perCopy) return path.join(out, '分发清退登记表.pdf');
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}-分发清退登记表.pdf`;
}

/** The path of an emitted file, from where the product says it goes. */
function placePath(req: ExportRequest, place: ProductPlace): string {
  switch (place.at) {
    case 'out':
      return req.out;
    case 'folder':
      return path.join(req.out, place.name);
    case 'register':
      return registerPath(req.out, !!req.perCopy);
    case 'zip':
      return /\.zip$/i.test(req.out) ? req.out : `${req.out.replace(/[\\/]+$/, '')}.zip`;
  }
}

/** Exports a loaded session. */
export async function exportSession(
  session: Session,
  docs: ReadonlyMap<string, SourceDoc>,
  req: ExportRequest,
  loadWarnings: string[] = [],
): Promise<Result<ExportReport>> {
  const t0 = Date.now();
  const warnings = [...loadWarnings];
  const files: ExportReport['files'] = [];
  try {
    if (!req.out) throw fail('export.no-out', '请指定输出位置（--out）');
    const product = PRINT_PRODUCTS[req.as];
    if (!product)
      throw fail('export.unknown-kind', `未知的输出类型：${String(req.as)}（可用：${EXPORT_KINDS.join('、')}）`);
    if (product.target(req, req.out) === 'folder') await ensureFolder(req.out);
    else await checkFileTarget(req.out);
    const r = await product.make({
      session,
      docs,
      req,
      outName: req.out,
      loadFonts: loadFontSet,
      emit: (place, bytes) => write(placePath(req, place), bytes, files),
      warnings,
      onProgress: req.onProgress,
      signal: req.signal,
    });
    return ok({
      as: req.as,
      files,
      pages: r.pages,
      warnings,
      ms: Date.now() - t0,
      ...(r.copies !== undefined ? { copies: r.copies } : {}),
      ...(r.printSheet ? { printSheet: r.printSheet } : {}),
    });
  } catch (e) {
    const error = toAppError(e, 'export.failed', '输出失败');
    return err(error.code, error.message, {
      ...(error.file ? { file: error.file } : {}),
      ...(error.detail ? { detail: error.detail } : {}),
    });
  }
}

/** Loads a session folder and exports it; per-file load failures become warnings. */
export async function exportSessionFolder(dir: string, req: ExportRequest): Promise<Result<ExportReport>> {
  const loaded = await loadSessionFolder(dir);
  if (!loaded.ok) return loaded;
  const warnings = loaded.value.failures.map((f) => `材料“${f.submission.title}”读取失败：${f.error.message}`);
  return exportSession(loaded.value.session, loaded.value.docs, req, warnings);
}

/** Ids of every item in dossier order (for UIs listing handout choices). */
export function listHandoutItems(
  session: Session,
): { id: string; title: string; author: string; section: string; order: number }[] {
  return dossierOrder(session).map((i) => ({
    id: i.submission.id,
    title: i.submission.title,
    author: tocAuthor(i.submission),
    section: i.sectionTitle,
    order: i.order,
  }));
}

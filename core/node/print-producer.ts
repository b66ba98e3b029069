// The service's printer port on node: runs a print product from the table in core/print/products.ts
// (booklet, numbered copies, register, handouts, screen/phone editions, print sheet) with the fonts
// on disk and writes every file it emits into the session's outputs (served at /files/<id>/<name>
// in the app; staged and then copied to --out by the CLI). Each file says where the product put it
// (out, folder, register, zip) so the export.print handler can place it on a target path.
import { PDFDocument } from 'pdf-lib';
import { PRINT_FILE_NAMES, sanitizeFileName } from '../print/file-names';
import { PRINT_PRODUCTS, type ProductPlace } from '../print/products';
import { AppException, err, ok, toAppError } from '../result';
import type { OutputStore, PrintKind, PrintOutcome, PrintProducer } from '../service/ports';
import { loadFontSet } from './fonts';

const PRINT_FILE: Record<PrintKind, string> = PRINT_FILE_NAMES;

/** Page count of a PDF the product did not count (left out for very large files: parsing costs seconds). */
async function pdfPages(name: string, bytes: Uint8Array): Promise<number | undefined> {
  if (!/\.pdf$/i.test(name) || bytes.length > 40 * 1024 * 1024) return undefined;
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount();
  } catch {
    return undefined;
  }
}

export function nodePrinter(outputs: OutputStore): PrintProducer {
  return {
    async produce(sessionId, session, docs, req, o) {
      const t0 = Date.now();
      const product = PRINT_PRODUCTS[req.as];
      // Named after the session, so files from two sessions are told apart in a folder or a mail.
      const stem = sanitizeFileName(session.name, 60);
      // Without a target the app gets one downloadable file: a batch of handouts becomes one zip.
      const outName = req.outName ?? (req.as === 'handouts' && req.batch ? '分发材料.zip' : PRINT_FILE[req.as]);
      const outFile = req.as === 'printsheet' && !/\.pdf$/i.test(outName) ? '印制单.txt' : PRINT_FILE[req.as];
      const nameOf = (p: ProductPlace): string =>
        p.at === 'folder'
          ? p.name
          : p.at === 'register'
            ? `${stem}-${outFile.replace(/\.[^.]+$/, '')}-分发清退登记表.pdf`
            : p.at === 'zip'
              ? `${stem}-分发材料.zip`
              : `${stem}-${outFile}`;
      const files: PrintOutcome['files'] = [];
      const warnings: string[] = [];
      try {
        const r = await product.make({
          session,
          docs,
          req,
          outName,
          loadFonts: loadFontSet,
          emit: async (place, data, known) => {
            const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
            const name = nameOf(place);
            const w = await outputs.write(sessionId, name, bytes);
            if (!w.ok) throw new AppException(w.error);
            const pages = known ?? (await pdfPages(name, bytes));
            files.push({ ...w.value, place: place.at, ...(pages !== undefined ? { pages } : {}) });
          },
          warnings,
          onProgress: o.onProgress,
          signal: o.signal,
        });
        return ok({
          files,
          pages: r.pages,
          ...(r.copies !== undefined ? { copies: r.copies } : {}),
          ...(r.printSheet ? { printSheet: r.printSheet } : {}),
          warnings,
          ms: Date.now() - t0,
        });
      } catch (e) {
        const error = toAppError(e, 'export.failed', '输出失败');
        return err(error.code, error.message, {
          ...(error.file ? { file: error.file } : {}),
          ...(error.detail ? { detail: error.detail } : {}),
        });
      }
    },
  };
}

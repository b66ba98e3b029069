// Opens a submitted PDF with pdf.js the one way the PDF readers do (text layer, blank pages): no
// eval, no font faces, no system fonts, past errors where it can, quiet. pdf.js loads lazily.
import type { PDFDocumentProxy } from 'pdfjs-dist';

export async function openPdfjs(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  return task.promise;
}

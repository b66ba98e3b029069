// Runs a pdfkit document to completion and returns its bytes. Print production draws every piece
// of Chinese text it adds (份号, recipient names, watermarks, the register) with pdfkit, because
// pdfkit's fontkit subsets CJK TrueType fonts correctly while @pdf-lib/fontkit was measured to drop
// the glyphs of Noto Serif SC; pdf-lib then places those pages onto the dossier's pages.
// It must never touch the disk: fonts arrive as bytes.
import PDFDocument from 'pdfkit';

export type PdfKitDoc = InstanceType<typeof PDFDocument>;

/** Page size in PDF points. */
export interface PageSize {
  width: number;
  height: number;
}

/**
 * Creates a document with no automatic first page, lets `build` add pages and draw, and resolves
 * with the finished PDF. `fonts` are registered under their keys before `build` runs.
 */
/** Font bytes (TTF/OTF), or a font already parsed by fontkit (so a 15 MB face is parsed once). */
export type StampFontSource = Uint8Array | { layout: (...args: never[]) => unknown };

export function renderWithPdfkit(
  fonts: Record<string, StampFontSource>,
  build: (doc: PdfKitDoc) => void,
  info: { title?: string } = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let doc: PdfKitDoc;
    try {
      doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, compress: true, info: { Title: info.title ?? '', Producer: 'Huibian', Creator: 'Huibian' } });
    } catch (e) {
      reject(e);
      return;
    }
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => {
      let len = 0;
      for (const c of chunks) len += c.length;
      const out = new Uint8Array(len);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    try {
      for (const [key, bytes] of Object.entries(fonts)) doc.registerFont(key, bytes as never);
      build(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

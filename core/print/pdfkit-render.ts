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

/**
 * fontkit caches one Glyph per id with the code points it was first made with; pdfkit's subsetter
 * (writing any earlier PDF with this parsed font, e.g. the dossier) makes them with none. pdfkit
 * takes a glyph's ToUnicode from those code points, so such a glyph would be drawn but not be
 * text (份号 digits unsearchable, uncopyable). Dropping the code-point-less cache entries lets
 * layout make them again from the cmap. A cache only: nothing else holds on to these objects.
 */
function forgetGlyphsWithoutCodePoints(font: StampFontSource): void {
  if (font instanceof Uint8Array) return;
  const cache = (font as { _glyphs?: Record<string, { codePoints?: number[] } | undefined> })._glyphs;
  if (!cache || typeof cache !== 'object') return;
  for (const id of Object.keys(cache)) if (!cache[id]?.codePoints?.length) delete cache[id];
}

export function renderWithPdfkit(
  fonts: Record<string, StampFontSource>,
  build: (doc: PdfKitDoc) => void,
  info: { title?: string } = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let doc: PdfKitDoc;
    try {
      doc = new PDFDocument({
        autoFirstPage: false,
        bufferPages: true,
        compress: true,
        info: { Title: info.title ?? '', Producer: 'Huibian', Creator: 'Huibian' },
      });
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
      for (const [key, bytes] of Object.entries(fonts)) {
        forgetGlyphsWithoutCodePoints(bytes);
        doc.registerFont(key, bytes as never);
      }
      // build runs synchronously: no other document can subset this font between the two.
      build(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

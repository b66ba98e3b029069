// Blank pages for binding: pads a PDF with unnumbered blank pages at the end so the page count
// is a multiple of 2 (duplex) or 4 (folded sheets), and counts pages. The existing pages, their
// links and the outline are kept as they are (pdf-lib adds pages without touching the others).
import { PDFDocument } from 'pdf-lib';
import { AppException } from '../result';
import { OBJECTS_PER_TICK } from './compose';

export const padCount = (pages: number, multiple: number): number =>
  multiple > 1 ? (multiple - (pages % multiple)) % multiple : 0;

/** Appends blank pages of the last page's size until the count is a multiple of `multiple`. */
export async function padToMultiple(
  pdf: Uint8Array,
  multiple: 1 | 2 | 4,
): Promise<{ pdf: Uint8Array; added: number; pageCount: number }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
  } catch (e) {
    throw new AppException({ code: 'print.pdf-unreadable', message: `无法读取 PDF：${(e as Error).message}` });
  }
  const n = doc.getPageCount();
  const add = padCount(n, multiple);
  if (add === 0) return { pdf, added: 0, pageCount: n };
  const last = doc.getPage(n - 1).getSize();
  for (let i = 0; i < add; i++) doc.addPage([last.width, last.height]);
  return {
    pdf: await doc.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
      objectsPerTick: OBJECTS_PER_TICK,
    }),
    added: add,
    pageCount: n + add,
  };
}

// Page and grid geometry of the Word document, derived from LayoutSettings in Word's units
// (twips = 1/20 pt, half-points for font sizes). Every number that decides where a line breaks or a
// page ends lives here, so that the DOCX paginates like the PDF; it must never read anything but
// the settings (no fonts, no document content).
import type { LayoutSettings } from '../../model/settings';

export const TWIPS_PER_PT = 20;
const PT_PER_MM = 72 / 25.4;
export const mmToTwips = (v: number): number => Math.round(v * PT_PER_MM * TWIPS_PER_PT);
export const ptToTwips = (v: number): number => Math.round(v * TWIPS_PER_PT);
/** docx's image sizes are in CSS pixels at 96 per inch. */
export const mmToPx = (v: number): number => (v / 25.4) * 96;

export interface DocxMetrics {
  pageWidth: number;
  pageHeight: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
  /** Distance from the page's bottom edge to the bottom of the footer paragraph. */
  footerDistance: number;
  headerDistance: number;
  blockWidth: number;
  blockHeight: number;
  /**
   * Line pitch in twips, rounded DOWN so that linesPerPage lines never exceed the text block:
   * 225 mm / 22 = 28.99 pt would round up to 580 twips and leave room for only 21 lines.
   */
  linePitch: number;
  /** Body font size in half-points (docx `size`). */
  bodySize: number;
  titleSize: number;
  pageNumberSize: number;
  /**
   * Character spacing (twips, usually negative) for text on the character grid: the 28 cells of
   * 156 mm are 15.79 pt, a hair under the 16 pt glyph. A negative docGrid charSpace would do this
   * in Word but makes LibreOffice give every character two cells, so the tracking goes on the runs.
   */
  gridTracking: number;
  /** One body character cell, twips (indents "two characters"). */
  charCell: number;
  charsPerLine: number;
  linesPerPage: number;
}

export function docxMetrics(s: LayoutSettings): DocxMetrics {
  const pageWidth = mmToTwips(s.pageWidth);
  const pageHeight = mmToTwips(s.pageHeight);
  const marginTop = mmToTwips(s.marginTop);
  const marginLeft = mmToTwips(s.marginInner);
  const blockWidth = mmToTwips(s.blockWidth);
  const blockHeight = mmToTwips(s.blockHeight);
  const marginRight = Math.max(0, pageWidth - marginLeft - blockWidth);
  const marginBottom = Math.max(0, pageHeight - marginTop - blockHeight);
  const pitchPt = s.linePitchPt ?? (s.blockHeight * PT_PER_MM) / s.linesPerPage;
  const linePitch = Math.max(1, Math.floor(pitchPt * TWIPS_PER_PT));
  const cellPt = (s.blockWidth * PT_PER_MM) / s.charsPerLine;
  // Floor: 28 × (16 − 0.25) = 441 pt fits 442.2 pt; −0.2 pt would give 442.4 pt and 27 characters.
  const gridTracking = Math.floor((cellPt - s.bodySize) * TWIPS_PER_PT);
  // The PDF puts the page number's baseline pageNumberOffset + 0.35 em below the text block. The
  // footer distance is measured from the page edge to the bottom of the footer line, which sits
  // about 0.08 em below the baseline (measured in LibreOffice: the numbers land within 0.5 pt).
  const baselineFromEdge = marginBottom - mmToTwips(s.pageNumberOffset) - 0.35 * s.pageNumberSize * TWIPS_PER_PT;
  const footerDistance = Math.max(0, Math.round(baselineFromEdge - 0.08 * s.pageNumberSize * TWIPS_PER_PT));
  return {
    pageWidth,
    pageHeight,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    footerDistance,
    headerDistance: Math.round(marginTop / 2),
    blockWidth,
    blockHeight,
    linePitch,
    bodySize: Math.round(s.bodySize * 2),
    titleSize: Math.round(s.titleSize * 2),
    pageNumberSize: Math.round(s.pageNumberSize * 2),
    gridTracking,
    charCell: Math.round(cellPt * TWIPS_PER_PT),
    charsPerLine: s.charsPerLine,
    linesPerPage: s.linesPerPage,
  };
}

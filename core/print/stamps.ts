// Stamp pages: small transparent PDF pages that carry only the text print production adds to a
// dossier page (份号 on the cover, a recipient's name in a light footer, a diagonal 草稿 / 送审稿
// watermark). They are drawn with pdfkit (see pdfkit-render.ts) and laid over the dossier's pages
// by overlay.ts. This module never changes the dossier's own content.
import { renderWithPdfkit, type PageSize, type StampFontSource } from './pdfkit-render';

/** One piece of text on a stamp page. Coordinates in points from the page's top-left corner. */
export interface StampText {
  text: string;
  x: number;
  /** The text's alphabetic baseline. */
  baseline: number;
  size: number;
  /** 0 = black, 1 = white. */
  gray?: number;
  opacity?: number;
  /** 'left': x is the start; 'center': x is the middle; 'right': x is the end. */
  align?: 'left' | 'center' | 'right';
  /** Counter-clockwise rotation in degrees about (x, baseline). */
  rotate?: number;
  /** Extra space between characters, pt. */
  characterSpacing?: number;
}

export interface StampPage extends PageSize {
  texts: StampText[];
}

export const STAMP_FONT = 'HBStamp';

/** Renders stamp pages, one PDF page per spec, in order. */
export function renderStampPages(font: StampFontSource, pages: StampPage[]): Promise<Uint8Array> {
  return renderWithPdfkit({ [STAMP_FONT]: font }, (doc) => {
    for (const p of pages) {
      doc.addPage({ size: [p.width, p.height], margin: 0 });
      doc.font(STAMP_FONT);
      for (const t of p.texts) {
        if (!t.text) continue;
        doc.save();
        doc.fontSize(t.size);
        const spacing = t.characterSpacing ?? 0;
        const width = doc.widthOfString(t.text, { characterSpacing: spacing });
        const dx = t.align === 'center' ? -width / 2 : t.align === 'right' ? -width : 0;
        doc.translate(t.x, t.baseline);
        // pdfkit's coordinate system is y-down, so a counter-clockwise turn is a negative angle.
        if (t.rotate) doc.rotate(-t.rotate);
        doc.fillColor([0, 0, 0].map(() => Math.round((t.gray ?? 0) * 255)) as [number, number, number]);
        doc.fillOpacity(t.opacity ?? 1);
        doc.text(t.text, dx, 0, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
        doc.restore();
      }
    }
  });
}

/** A diagonal watermark across the page centre, sized to the page (草稿, 送审稿, a name). */
export function diagonalWatermark(
  page: PageSize,
  text: string,
  opts: { gray?: number; opacity?: number; size?: number; at?: number } = {},
): StampText {
  const chars = Math.max(1, [...text].length);
  const diagonal = Math.hypot(page.width, page.height);
  // Long texts get smaller so they stay inside the page; short ones stop at about a third of the width.
  const size = opts.size ?? Math.min(page.width / 3, (diagonal * 0.6) / chars);
  const angle = (Math.atan2(page.height, page.width) * 180) / Math.PI;
  // Centre the text's em box (not its baseline) on the page centre: move the baseline down by
  // about 0.35 em along the rotated normal.
  const rad = (angle * Math.PI) / 180;
  const drop = size * 0.35;
  // `at` places the centre along the bottom-left → top-right diagonal (0.5 = page centre).
  const at = opts.at ?? 0.5;
  const cx = page.width * at;
  const cy = page.height * (1 - at);
  return {
    text,
    x: cx + drop * Math.sin(rad),
    baseline: cy + drop * Math.cos(rad),
    size,
    gray: opts.gray ?? 0.55,
    opacity: opts.opacity ?? 0.18,
    align: 'center',
    rotate: angle,
    characterSpacing: size * 0.15,
  };
}

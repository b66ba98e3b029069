// Fast text drawing for pdfkit: one content-stream write per line (instead of ~9 per run through
// doc.text), and glyph lookup straight from the cmap for text that needs no shaping (see
// fonts/shaping.ts: the layout measured it the same way, so positions agree exactly).
// Uses pdfkit internals (EmbeddedFont subset/widths/unicode/encode, page.fonts), guarded: when they are not
// there, it falls back to the public doc.text API. It must never change which glyph is drawn.
import type { FontSet } from '../../fonts/font-set';
import type { GlyphSeg } from '../../layout/types';
import type { Font } from 'fontkit';
import { glyphMetrics } from '../../fonts/font-set';
import { NEEDS_SHAPING } from '../../fonts/shaping';
import { cacheFontStream } from './font-stream-cache';

interface EmbeddedFontLike {
  id: string;
  scale: number;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] }; layout: unknown };
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
}

export type PdfDoc = PDFKit.PDFDocument & {
  _font?: EmbeddedFontLike;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; height: number };
  addContent(s: string): PDFKit.PDFDocument;
};

const num = (v: number) => (Math.abs(v) < 1e-6 ? '0' : String(Math.round(v * 1000) / 1000));

const glyphCache = new WeakMap<object, Map<number, { id: number; advanceWidth: number; codePoints: number[] }>>();

interface SubsetFont extends EmbeddedFontLike {
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  __hbHex?: Map<number, string>;
}

/**
 * Encodes a run that needs no shaping (Chinese, Latin, digits, punctuation) straight to glyph ids in the font's subset, doing what
 * EmbeddedFont.encode does per glyph (subset, widths, ToUnicode) without its layout pass.
 * Returns null when the run needs shaping or the internals are not there.
 */
function encodeDirect(f: SubsetFont, text: string): string | null {
  if (
    NEEDS_SHAPING.test(text) ||
    typeof f.subset?.includeGlyph !== 'function' ||
    !Array.isArray(f.widths) ||
    !Array.isArray(f.unicode)
  )
    return null;
  const fk = f.font as object;
  let glyphs = glyphCache.get(fk);
  if (!glyphs) glyphCache.set(fk, (glyphs = new Map()));
  let hexes = f.__hbHex;
  if (!hexes) f.__hbHex = hexes = new Map();
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let hex = hexes.get(cp);
    if (hex === undefined) {
      let g = glyphs.get(cp);
      if (!g) {
        // the same id and advance as f.font.glyphForCodePoint(cp), without building a glyph
        const m = glyphMetrics(f.font as unknown as Font, cp);
        g = { id: m.id, advanceWidth: m.advance, codePoints: [cp] };
        glyphs.set(cp, g);
      }
      const gid = f.subset.includeGlyph(g.id);
      hex = `0000${gid.toString(16)}`.slice(-4);
      if (f.widths[gid] == null) f.widths[gid] = g.advanceWidth * f.scale;
      if (f.unicode[gid] == null) f.unicode[gid] = g.codePoints;
      hexes.set(cp, hex);
    }
    out += hex;
  }
  return out;
}

/** Draws a line of runs at baseline y (pdfkit top-left coordinates) with a single content write. */
export function drawLine(doc: PdfDoc, fonts: FontSet, segs: readonly GlyphSeg[], y: number): void {
  const H = doc.page.height;
  const parts: string[] = [`q 1 0 0 -1 0 ${num(H)} cm BT`];
  let lastTr = 0;
  for (const s of segs) {
    doc.font(s.face);
    const f = doc._font;
    if (!f || typeof f.encode !== 'function') {
      // Unknown pdfkit internals: the public API draws the same glyphs.
      doc
        .font(s.face)
        .fontSize(s.size)
        .text(s.text, s.x, y - (s.rise ?? 0), {
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: s.cs,
        } as PDFKit.Mixins.TextOptions);
      continue;
    }
    if (doc.page.fonts[f.id] == null) {
      doc.page.fonts[f.id] = f.ref();
      cacheFontStream(f as unknown as Parameters<typeof cacheFontStream>[0]);
    }
    const by = H - (y - (s.rise ?? 0));
    parts.push(`1 0 0 1 ${num(s.x)} ${num(by)} Tm /${f.id} ${num(s.size)} Tf ${num(s.cs)} Tc`);
    const tr = s.bold ? 2 : 0;
    if (tr !== lastTr) {
      parts.push(s.bold ? `${num(s.size * 0.03)} w 2 Tr` : '0 Tr');
      lastTr = tr;
    }
    const fast = encodeDirect(f as SubsetFont, s.text);
    if (fast !== null) {
      parts.push(`<${fast}> Tj`);
      continue;
    }
    // Scripts that need shaping: pdfkit's encoder, with its adjustments as TJ offsets.
    const [encoded, positions] = f.encode(s.text);
    const cmds: string[] = [];
    let run = '';
    for (let i = 0; i < encoded.length; i++) {
      run += encoded[i];
      const p = positions[i];
      const adj = p.xAdvance - p.advanceWidth;
      if (adj !== 0) {
        cmds.push(`<${run}> ${num(-adj)}`);
        run = '';
      }
    }
    if (run) cmds.push(`<${run}>`);
    parts.push(`[${cmds.join(' ')}] TJ`);
  }
  parts.push('ET Q');
  doc.addContent(parts.join(' '));
}

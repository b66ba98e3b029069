// Fast text drawing for pdfkit: one content-stream write per line (instead of ~9 per run through
// doc.text), and glyph lookup without OpenType shaping for CJK runs (Han characters and
// full-width punctuation need none; Latin runs still go through fontkit's shaper for kerning).
// Uses pdfkit internals (EmbeddedFont.encode/layoutRun, page.fonts), guarded: when they are not
// there, it falls back to the public doc.text API. It must never change which glyph is drawn.
import type { FontSet } from '../../fonts/font-set';
import type { GlyphSeg } from '../../layout/types';

interface EmbeddedFontLike {
  id: string;
  scale: number;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] }; layout: unknown };
  layoutRun?: (text: string, features?: unknown) => unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
  __hbPatched?: boolean;
}

export type PdfDoc = PDFKit.PDFDocument & {
  _font?: EmbeddedFontLike;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; height: number };
  addContent(s: string): PDFKit.PDFDocument;
};

const num = (v: number) => (Math.abs(v) < 1e-6 ? '0' : String(Math.round(v * 1000) / 1000));

// A run needs shaping when it has anything but CJK ideographs, kana, CJK symbols or full-width forms.
const NEEDS_SHAPING = /[^\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]/u;

const glyphCache = new WeakMap<object, Map<number, { glyphs: unknown[]; positions: unknown[] }>>();

/** Makes an EmbeddedFont skip the OpenType shaper for CJK text (per-glyph cache shared across documents). */
function patchFont(f: EmbeddedFontLike): void {
  if (f.__hbPatched || typeof f.layoutRun !== 'function') return;
  const original = f.layoutRun.bind(f);
  const fk = f.font as object;
  let cache = glyphCache.get(fk);
  if (!cache) glyphCache.set(fk, (cache = new Map()));
  const c = cache;
  f.layoutRun = (text: string, features?: unknown) => {
    if (features || NEEDS_SHAPING.test(text)) return original(text, features);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let e = c.get(cp);
      if (!e) {
        const g = f.font.glyphForCodePoint(cp);
        const adv = g.advanceWidth * f.scale;
        e = { glyphs: [g], positions: [{ xAdvance: adv, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: adv }] };
        c.set(cp, e);
      }
      glyphs.push(e.glyphs[0]);
      positions.push(e.positions[0]);
      advanceWidth += (e.positions[0] as { xAdvance: number }).xAdvance;
    }
    return { glyphs, positions, advanceWidth };
  };
  f.__hbPatched = true;
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
      doc.font(s.face).fontSize(s.size).text(s.text, s.x, y - (s.rise ?? 0), { lineBreak: false, baseline: 'alphabetic', characterSpacing: s.cs } as PDFKit.Mixins.TextOptions);
      continue;
    }
    patchFont(f);
    if (doc.page.fonts[f.id] == null) doc.page.fonts[f.id] = f.ref();
    const [encoded, positions] = f.encode(s.text);
    const by = H - (y - (s.rise ?? 0));
    parts.push(`1 0 0 1 ${num(s.x)} ${num(by)} Tm /${f.id} ${num(s.size)} Tf ${num(s.cs)} Tc`);
    const tr = s.bold ? 2 : 0;
    if (tr !== lastTr) {
      parts.push(s.bold ? `${num(s.size * 0.03)} w 2 Tr` : '0 Tr');
      lastTr = tr;
    }
    // Kerning/shaping adjustments as TJ offsets, as pdfkit does.
    const cmds: string[] = [];
    let run = '';
    for (let i = 0; i < encoded.length; i++) {
      run += encoded[i];
      const p = positions[i];
      const adj = p.xAdvance - p.advanceWidth;
      if (adj !== 0 || p.xOffset || p.yOffset) {
        cmds.push(`<${run}> ${num(-adj)}`);
        run = '';
      }
    }
    if (run) cmds.push(`<${run}>`);
    parts.push(`[${cmds.join(' ')}] TJ`);
    void fonts;
  }
  parts.push('ET Q');
  doc.addContent(parts.join(' '));
}

// The font registry the layout and the PDF renderer share: one parsed fontkit font per face,
// roles (fang/song/xbs/hei/kai) mapped to faces, and a per-character fallback chain with cached
// glyph lookups and advance widths. Pure: fonts arrive as bytes or parsed fonts from core/node.
// It must never drop a character: a code point missing from every face resolves to the role's own
// face and is reported as missing, so the caller can still draw it and tell the user.
import { create, type Font } from 'fontkit';
import { FONT_ROLES, type FontRole } from '../model/settings';
import { preloadLoca } from './fast-loca';
import { NEEDS_SHAPING } from './shaping';

export interface FontFace {
  /** Stable key inside this set (used as the pdfkit font name). */
  key: string;
  /** Human label for messages: "FandolFang", "仿宋_GB2312 (C:\\Windows\\Fonts\\…)". */
  label: string;
  font: Font;
  /** 1 / unitsPerEm, so advances come out in em. */
  scale: number;
}

export interface FaceSource {
  label: string;
  /** Raw bytes (a TTF/OTF, or a TTC with postscriptName) or an already parsed fontkit font. */
  bytes?: Uint8Array;
  font?: Font;
  postscriptName?: string;
}

/** Parses font bytes; a TTC needs the face's PostScript name (else the first face is taken). */
export function parseFont(bytes: Uint8Array, postscriptName?: string): Font {
  const f = create(bytes, postscriptName) as Font & { fonts?: Font[] };
  const face = typeof f.layout === 'function' ? f : f.fonts?.[0];
  if (face) {
    preloadLoca(face);
    return face;
  }
  throw new Error('not a usable font');
}

interface FontInternals {
  _cmapProcessor?: { lookup(cp: number): number };
  hmtx?: { metrics?: { length: number; get(i: number): { advance: number } | undefined } };
}

/**
 * Glyph id and advance width (font units) of a code point, read straight from the cmap and hmtx
 * tables. fontkit's glyph.advanceWidth gives the same number but builds a glyph object and, for
 * its vertical metrics, may decode the outline: ~5x slower, and the first compile measures
 * thousands of characters per font. Falls back to the public API when the internals differ.
 */
export function glyphMetrics(font: Font, cp: number): { id: number; advance: number } {
  const f = font as unknown as FontInternals;
  const metrics = f.hmtx?.metrics;
  if (
    f._cmapProcessor &&
    typeof f._cmapProcessor.lookup === 'function' &&
    metrics &&
    typeof metrics.get === 'function' &&
    metrics.length > 0
  ) {
    const id = f._cmapProcessor.lookup(cp) || 0;
    // as fontkit's Glyph._getTableMetrics: glyphs past the metrics array share the last advance
    const m = metrics.get(id < metrics.length ? id : metrics.length - 1);
    if (m && typeof m.advance === 'number') return { id, advance: m.advance };
  }
  const g = font.glyphForCodePoint(cp);
  return { id: g.id, advance: g.advanceWidth };
}

interface PostInternals {
  _tables?: Record<string, unknown>;
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer?: Uint8Array };
  _decodeTable?(entry: unknown): Record<string, unknown>;
}

/**
 * pdfkit reads only the header of the 'post' table (isFixedPitch, italicAngle) when it embeds a
 * font, but fontkit decodes the whole table: for a TrueType CJK font that is 30,000 glyph names,
 * ~25 ms of a fresh compile. Gives fontkit the header, decoded from the same bytes, and decodes
 * the rest (glyph names) only if something asks for it. Does nothing when the internals differ.
 */
export function lightPostTable(font: Font): void {
  const f = font as unknown as PostInternals;
  const entry = f.directory?.tables?.post;
  const bytes = f.stream?.buffer;
  if (
    !f._tables ||
    'post' in f._tables ||
    !entry ||
    !bytes ||
    entry.length < 32 ||
    typeof f._decodeTable !== 'function'
  )
    return;
  const dv = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32);
  const fixed = (o: number) => dv.getInt32(o) / 65536;
  const header: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: dv.getInt16(8),
    underlineThickness: dv.getInt16(10),
    isFixedPitch: dv.getUint32(12),
    minMemType42: dv.getUint32(16),
    maxMemType42: dv.getUint32(20),
    minMemType1: dv.getUint32(24),
    maxMemType1: dv.getUint32(28),
  };
  let full: Record<string, unknown> | undefined;
  const decodeFull = () => (full ??= f._decodeTable!.call(f, entry));
  for (const key of ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'])
    Object.defineProperty(header, key, { enumerable: false, configurable: true, get: () => decodeFull()[key] });
  f._tables.post = header;
}

const isBlankCp = (cp: number) => cp === 0x20 || cp === 0x3000 || cp === 0xa0 || cp === 0x09;

export class FontSet {
  readonly faces: FontFace[] = [];
  readonly roles: Record<FontRole, FontFace>;
  private readonly chains: Record<FontRole, FontFace[]>;
  private readonly resolved: Record<FontRole, Map<number, FontFace | null>>;
  private readonly advances = new Map<FontFace, Map<number, number>>();
  private readonly runWidths = new Map<FontFace, Map<string, number>>();

  /**
   * roles: the face for each role; fallbacks: extra faces tried after the roles' faces (the
   * built-in free fonts when a role points at an installed font).
   */
  constructor(roles: Record<FontRole, FaceSource>, fallbacks: FaceSource[] = []) {
    const byFont = new Map<Font, FontFace>();
    const byBytes = new Map<Uint8Array, FontFace>();
    const add = (src: FaceSource): FontFace => {
      if (src.font && byFont.has(src.font)) return byFont.get(src.font)!;
      if (src.bytes && byBytes.has(src.bytes)) return byBytes.get(src.bytes)!;
      const font = src.font ?? parseFont(src.bytes!, src.postscriptName);
      if (byFont.has(font)) return byFont.get(font)!;
      lightPostTable(font);
      const face: FontFace = {
        key: `HB${this.faces.length}`,
        label: src.label,
        font,
        scale: 1 / (font.unitsPerEm || 1000),
      };
      this.faces.push(face);
      byFont.set(font, face);
      if (src.bytes) byBytes.set(src.bytes, face);
      return face;
    };
    const roleFaces = {} as Record<FontRole, FontFace>;
    for (const r of FONT_ROLES) roleFaces[r] = add(roles[r]);
    const extra = fallbacks.map(add);
    this.roles = roleFaces;
    // Fallback order per the house style: 仿宋 → 宋 → 楷 → 黑 → 小标宋, then any extra faces.
    const order: FontRole[] = ['fang', 'song', 'kai', 'hei', 'xbs'];
    const chains = {} as Record<FontRole, FontFace[]>;
    const resolved = {} as Record<FontRole, Map<number, FontFace | null>>;
    for (const r of FONT_ROLES) {
      const chain: FontFace[] = [roleFaces[r]];
      for (const o of order) if (!chain.includes(roleFaces[o])) chain.push(roleFaces[o]);
      for (const e of extra) if (!chain.includes(e)) chain.push(e);
      chains[r] = chain;
      resolved[r] = new Map();
    }
    this.chains = chains;
    this.resolved = resolved;
  }

  /** The face that draws cp for a role, or null when no face has it. */
  lookup(cp: number, role: FontRole): FontFace | null {
    const cache = this.resolved[role];
    const hit = cache.get(cp);
    if (hit !== undefined) return hit;
    let found: FontFace | null = null;
    for (const face of this.chains[role]) {
      if (face.font.hasGlyphForCodePoint(cp)) {
        found = face;
        break;
      }
    }
    if (!found && isBlankCp(cp)) found = this.roles[role];
    cache.set(cp, found);
    return found;
  }

  /** Like lookup, but never null: a missing character is drawn with the role's face. */
  faceFor(cp: number, role: FontRole): FontFace {
    return this.lookup(cp, role) ?? this.roles[role];
  }

  /** Advance width of one code point in em (1 = the font size). */
  advance(face: FontFace, cp: number): number {
    let m = this.advances.get(face);
    if (!m) this.advances.set(face, (m = new Map()));
    let w = m.get(cp);
    if (w === undefined) {
      if (face.font.hasGlyphForCodePoint(cp)) w = glyphMetrics(face.font, cp).advance * face.scale;
      else w = cp === 0x3000 || cp > 0x2e80 ? 1 : isBlankCp(cp) ? 0.25 : 0.5;
      m.set(cp, w);
    }
    return w;
  }

  /**
   * Width in em of a run drawn in one face as the renderer draws it: the sum of the glyphs'
   * advances (no kerning), or the shaped width for scripts that need shaping. Cached per string.
   */
  runWidth(face: FontFace, text: string): number {
    if (text.length === 1) return this.advance(face, text.codePointAt(0)!);
    let m = this.runWidths.get(face);
    if (!m) this.runWidths.set(face, (m = new Map()));
    let w = m.get(text);
    if (w === undefined) {
      if (NEEDS_SHAPING.test(text)) w = face.font.layout(text).advanceWidth * face.scale;
      else {
        w = 0;
        for (const ch of text) w += this.advance(face, ch.codePointAt(0)!);
      }
      m.set(text, w);
    }
    return w;
  }

  /** Vertical metrics of the role's face in em: ascent (positive) and descent (negative). */
  verticals(role: FontRole): { ascent: number; descent: number } {
    const f = this.roles[role];
    return { ascent: f.font.ascent * f.scale, descent: f.font.descent * f.scale };
  }
}

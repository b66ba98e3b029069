// Page geometry from LayoutSettings: the GB/T 9704 text block, grid pitches and where a line's
// baseline sits in its grid cell. Pure numbers in pt; every other layout step reads them from here
// so that a different LayoutSettings (29 pt pitch, a phone edition) changes nothing else.
import { mm, type LayoutSettings } from '../model/settings';

export interface Geometry {
  pageW: number;
  pageH: number;
  top: number;
  inner: number;
  blockW: number;
  blockH: number;
  lines: number;
  /** Line pitch, pt. */
  pitch: number;
  /** Character pitch of the grid (glyph + tracking), pt: the unit of indents. */
  cell: number;
  size: number;
  /** Tightest inter-glyph spacing: charsPerLine glyphs exactly fill the block (slightly negative by default). */
  tracking: number;
  duplex: boolean;
}

/**
 * The binding margin with the gutter (装订线) added, mm: the text block keeps its width and moves
 * away from the spine, the outer margin gives way (never below zero). Mirrored with the block in
 * duplex, since blockLeft measures the even pages' margin from the right edge.
 */
export function innerMarginMm(s: Pick<LayoutSettings, 'marginInner' | 'pageWidth' | 'blockWidth' | 'gutter'>): number {
  const gutter = s.gutter ?? 0;
  if (!(gutter > 0)) return s.marginInner;
  return s.marginInner + Math.min(gutter, Math.max(0, s.pageWidth - s.marginInner - s.blockWidth));
}

/** The multiple the total page count is padded to: the setting, else 2 for duplex, 1 single-sided. */
export function padMultiple(s: Pick<LayoutSettings, 'padToMultiple' | 'binding'>): 1 | 2 | 4 {
  return s.padToMultiple ?? (s.binding === 'duplex' ? 2 : 1);
}

export function geometry(s: LayoutSettings): Geometry {
  const blockW = mm(s.blockWidth);
  const blockH = mm(s.blockHeight);
  // charsPerLine glyphs of bodySize exactly fill the block: (n − 1) gaps of `tracking`.
  const tracking = s.charsPerLine > 1 ? (blockW - s.charsPerLine * s.bodySize) / (s.charsPerLine - 1) : 0;
  const cell = s.bodySize + tracking;
  return {
    pageW: mm(s.pageWidth),
    pageH: mm(s.pageHeight),
    top: mm(s.marginTop),
    inner: mm(innerMarginMm(s)),
    blockW,
    blockH,
    lines: s.linesPerPage,
    pitch: s.linePitchPt ?? blockH / s.linesPerPage,
    cell,
    size: s.bodySize,
    tracking,
    duplex: s.binding === 'duplex',
  };
}

/** Left edge of the text block on a page (1-based physical page number): mirrored for duplex. */
export function blockLeft(g: Geometry, physical: number): number {
  if (g.duplex && physical % 2 === 0) return g.pageW - g.inner - g.blockW;
  return g.inner;
}

/** Baseline of a glyph of `size` centred in a grid line: the ideographic em box (0.88 / 0.12) is centred. */
export function baselineIn(lineTop: number, pitch: number, size: number): number {
  return lineTop + pitch / 2 + 0.38 * size;
}

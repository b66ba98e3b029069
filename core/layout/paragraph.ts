// Lays out runs of text on the grid: paragraphs (justified, 2-character first-line indent),
// headings, centred and balanced titles, hanging list items and notes. Turns inlines into atoms
// (with per-character font fallback) and places the broken lines through the Flow.
// Pure. It must never drop text: every inline character ends up in some glyph run.
import type { FontSet } from '../fonts/font-set';
import type { Inline } from '../model/document';
import type { FontRole, LayoutSettings } from '../model/settings';
import { makeAtoms, type Atom, type GlyphReport } from './atoms';
import type { Flow, NoteLine } from './flow';
import type { ItemNotes } from './footnotes';
import type { Geometry } from './geometry';
import { breakBalanced, breakLines, lineGap, type LineSpan } from './line-break';
import { lineSegs, lineWidth } from './text-lines';
import type { GlyphSeg } from './types';

export interface LayoutContext {
  g: Geometry;
  fonts: FontSet;
  settings: LayoutSettings;
  report: GlyphReport;
  /** noteRef id → printed marker for the current item. */
  notes: Map<string, string>;
  /** The current item's notes (footnotes placed at the foot of their page). */
  footnotes?: ItemNotes;
}

export interface TextOpts {
  role: FontRole;
  size: number;
  bold?: boolean;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
/** The printed marker of the n-th note (1-based): ①…⑳, then [21]. */
export const noteMarker = (n: number): string => (n <= CIRCLED.length ? Array.from(CIRCLED)[n - 1] : `[${n}]`);

/** Atoms of a run of inlines in one base style (bold, superscript and note markers honoured). */
export function inlineAtoms(ctx: LayoutContext, inlines: readonly Inline[], o: TextOpts): Atom[] {
  const out: Atom[] = [];
  for (const inl of inlines) {
    if (inl.type === 'text') {
      if (!inl.text) continue;
      const sup = inl.vertAlign === 'super' || inl.vertAlign === 'sub';
      const size = sup ? o.size * 0.6 : o.size;
      const rise = inl.vertAlign === 'super' ? o.size * 0.35 : inl.vertAlign === 'sub' ? -o.size * 0.12 : undefined;
      // Text inlines never carry line breaks except as the explicit 'break' inline.
      const text = inl.text.replace(/\r\n?|\n/g, ' ');
      out.push(...makeAtoms(text, { role: o.role, size, bold: o.bold || inl.bold, rise }, ctx.fonts, ctx.report));
    } else if (inl.type === 'break') {
      out.push({ kind: 'newline', text: '\n', width: 0, parts: [], size: o.size });
    } else {
      let marker = ctx.notes.get(inl.id);
      if (!marker) {
        marker = noteMarker(ctx.notes.size + 1);
        ctx.notes.set(inl.id, marker);
      }
      const atoms = makeAtoms(marker, { role: o.role, size: o.size * 0.6, rise: o.size * 0.38 }, ctx.fonts, ctx.report);
      // A note marker belongs to the word before it: never start a line with it.
      atoms.forEach((a, k) =>
        out.push(k === 0 ? { ...a, kind: 'latin', glue: true, note: inl.id } : { ...a, kind: 'latin', glue: true }),
      );
    }
  }
  return out;
}

/** Splits an over-wide Latin atom into single characters (URLs, long numbers). */
export function splitAtom(ctx: LayoutContext) {
  return (a: Atom): Atom[] => {
    const out: Atom[] = [];
    for (const p of a.parts) {
      const face = ctx.fonts.faces.find((f) => f.key === p.face)!;
      for (const ch of p.text) {
        const w = ctx.fonts.advance(face, ch.codePointAt(0)!) * a.size;
        out.push({ ...a, kind: 'latin', text: ch, width: w, parts: [{ face: p.face, text: ch, width: w }] });
      }
    }
    return out;
  };
}

export interface PlaceOpts {
  align?: 'justify' | 'left' | 'center' | 'right';
  /** First-line indent and following-line indent, pt. */
  firstIndent?: number;
  restIndent?: number;
  /** Tightest spacing between glyphs; defaults to the grid tracking for the body size. */
  tracking?: number;
  /** Balanced lines (titles). */
  balanced?: boolean;
  /** Keep with the next line (headings): never the last line of a page. */
  keepWithNext?: boolean;
  /** With keepWithNext: how many lines of what follows stay on the same page (default 1). */
  keepFollowing?: number;
  /** Avoid a last line of one character (孤字): body paragraphs. */
  loneFix?: boolean;
  /** Measure of the lines (default: the block width). */
  width?: number;
  /** Extra segments on the first line (a list label), block-relative. */
  firstLinePrefix?: GlyphSeg[];
}

/** Breaks atoms into lines without placing them (for measuring, e.g. TOC entries). */
export function breakAtoms(
  ctx: LayoutContext,
  atoms: Atom[],
  o: PlaceOpts,
): { atoms: Atom[]; lines: LineSpan[]; tracking: number } {
  const tracking = o.tracking ?? ctx.g.tracking;
  const bo = {
    width: o.width ?? ctx.g.blockW,
    firstIndent: o.firstIndent ?? 0,
    restIndent: o.restIndent ?? 0,
    tracking,
    loneFix: !!o.loneFix && ctx.settings.avoidLoneChar,
  };
  const r = o.balanced ? breakBalanced(atoms, bo) : breakLines(atoms, bo, splitAtom(ctx));
  return { ...r, tracking };
}

/** The positioned runs of one broken line, with alignment applied. */
export function alignedSegs(
  atoms: Atom[],
  line: LineSpan,
  tracking: number,
  align: PlaceOpts['align'],
  x0 = 0,
): GlyphSeg[] {
  const justify = (align ?? 'justify') === 'justify';
  const gap = lineGap(line, tracking, justify);
  let x = x0 + line.indent;
  if (align === 'center') x += (line.measure - lineWidth(line, gap)) / 2;
  else if (align === 'right') x += line.measure - lineWidth(line, gap);
  return lineSegs(atoms, line, x, gap);
}

/** Note ids referenced by the atoms of one line. */
function lineNotes(atoms: readonly Atom[], line: LineSpan): string[] {
  let ids: string[] | undefined;
  for (let k = line.start; k < line.end; k++) if (atoms[k].note) (ids ??= []).push(atoms[k].note!);
  return ids ?? NONE;
}
const NONE: string[] = [];

/**
 * Places a paragraph-like run of atoms through the flow; returns the number of lines.
 * With widow control a page never ends on the first line of a paragraph nor starts with its last
 * one: the page before ends a line short (or the paragraph moves whole when it has two or three
 * lines). Footnotes referenced by a line go to the foot of the line's page.
 */
export function placeAtoms(ctx: LayoutContext, flow: Flow, atoms: Atom[], size: number, o: PlaceOpts): number {
  const r = breakAtoms(ctx, atoms, o);
  const n = r.lines.length;
  if (o.keepWithNext) {
    flow.keep(n + (o.keepFollowing ?? 1));
    flow.beginHold();
    try {
      return placeLines(ctx, flow, r, size, o);
    } finally {
      flow.endHold();
    }
  }
  return placeLines(ctx, flow, r, size, o);
}

function placeLines(
  ctx: LayoutContext,
  flow: Flow,
  r: ReturnType<typeof breakAtoms>,
  size: number,
  o: PlaceOpts,
): number {
  const n = r.lines.length;
  const fn = ctx.footnotes;
  const ids = fn ? r.lines.map((l) => lineNotes(r.atoms, l)) : null;
  const place = (i: number) => {
    const segs = alignedSegs(r.atoms, r.lines[i], r.tracking, o.align);
    if (i === 0 && o.firstLinePrefix) segs.unshift(...o.firstLinePrefix);
    const notes: NoteLine[] | undefined = ids && ids[i].length ? fn!.claim(ids[i]) : undefined;
    flow.line(segs, size, notes);
  };
  const widows = ctx.settings.widowControl && !o.balanced && n >= 2;
  const hasNotes = !!ids && ids.some((x) => x.length > 0);
  if (!widows && !hasNotes) {
    for (let i = 0; i < n; i++) place(i);
    return n;
  }
  const counts = ids ? ids.map((x) => (x.length ? fn!.count(x) : 0)) : r.lines.map(() => 0);
  let i = 0;
  while (i < n) {
    if (flow.linesLeft() < 1) flow.newPage();
    const fresh = flow.nextLine() === 0;
    let a = Math.min(n - i, flow.fitCount(counts.slice(i)));
    if (widows && a < n - i) {
      if (n - i - a === 1) a--; // the last line would stand alone on the next page
      if (a < 2 && !fresh) {
        // the first line would stand alone at the foot (or a short paragraph would split)
        flow.newPage();
        continue;
      }
    }
    a = Math.max(1, a);
    for (let k = 0; k < a; k++) place(i + k);
    i += a;
    if (i < n) flow.newPage();
  }
  return n;
}

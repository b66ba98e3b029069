// The CJK line breaker: greedy filling of a measure on the character grid, then 禁则 by pushing
// atoms down a line until stable, then justification by spreading inter-character space. Works
// on anything with a width and a text (tests use fake metrics). Pure and allocation-light.
// It must never squeeze a line below the grid tracking and never break inside an atom (except a
// Latin word longer than the whole measure, which is split by character).
import { forbidsEnd, forbidsStart } from './kinsoku';

export interface BreakAtom {
  kind: 'cjk' | 'latin' | 'space' | 'newline';
  text: string;
  width: number;
  /** Belongs to the atom before it (a note reference mark): never starts a line. */
  glue?: boolean;
}

export interface BreakOptions {
  /** Measure of every line, pt. */
  width: number;
  /** Indent of the first line, pt (the first line's measure is width − firstIndent). */
  firstIndent?: number;
  /** Indent of the following lines (hanging lists), pt. */
  restIndent?: number;
  /** Space added between adjacent glyphs at the tightest setting (negative on the GB/T 9704 grid). */
  tracking: number;
  /** Avoid a paragraph's last line of one character (孤字), see fixLoneChars. */
  loneFix?: boolean;
}

export interface LineSpan {
  start: number;
  /** Exclusive; trailing spaces already trimmed. */
  end: number;
  /** The line's indent and measure. */
  indent: number;
  measure: number;
  /** Sum of atom widths, pt. */
  natural: number;
  /** Number of inter-glyph gaps the justification can spread. */
  gaps: number;
  /** Last line of the paragraph or ended by a forced break: not justified. */
  last: boolean;
  /** Atoms (indices) of full-width punctuation set at half width on this line (标点挤压). */
  squeeze?: number[];
}

const EPS = 0.01;

/** Glyph gaps inside an atom drawn as one run with character spacing (e.g. "……"). */
export const innerGaps = (a: BreakAtom): number => (a.kind === 'cjk' ? Math.max(0, Array.from(a.text).length - 1) : 0);

function spanMetrics(atoms: readonly BreakAtom[], s: number, e: number): { natural: number; gaps: number } {
  let natural = 0;
  let gaps = 0;
  for (let k = s; k < e; k++) {
    natural += atoms[k].width;
    gaps += innerGaps(atoms[k]);
  }
  return { natural, gaps: gaps + Math.max(0, e - s - 1) };
}

/**
 * Breaks atoms into lines. Latin atoms wider than a full line are split into single characters
 * (the array is copied, never mutated); the returned spans index the returned atoms.
 */
export function breakLines<A extends BreakAtom>(
  input: readonly A[],
  o: BreakOptions,
  splitWide?: (a: A) => A[],
): { atoms: A[]; lines: LineSpan[] } {
  const atoms: A[] = [];
  const firstIndent = o.firstIndent ?? 0;
  const restIndent = o.restIndent ?? 0;
  const minMeasure = o.width - Math.max(firstIndent, restIndent);
  for (const a of input) {
    if (a.kind === 'latin' && a.width > minMeasure && splitWide) atoms.push(...splitWide(a));
    else atoms.push(a);
  }
  const lines: LineSpan[] = [];
  const n = atoms.length;
  let i = 0;
  let first = true;
  while (i < n || (first && n === 0)) {
    if (!first) while (i < n && atoms[i].kind === 'space') i++;
    const indent = first ? firstIndent : restIndent;
    const measure = o.width - indent;
    if (i >= n) {
      if (first) lines.push({ start: i, end: i, indent, measure, natural: 0, gaps: 0, last: true });
      break;
    }
    let w = 0;
    let j = i;
    while (j < n && atoms[j].kind !== 'newline') {
      const a = atoms[j];
      const add = a.width + innerGaps(a) * o.tracking + (j > i ? o.tracking : 0);
      if (w + add > measure + EPS && a.kind !== 'space') break;
      w += add;
      j++;
    }
    if (j === i && atoms[j].kind !== 'newline') j = i + 1; // an atom wider than the line: let it overflow rather than loop
    let k = j;
    let last = false;
    if (j >= n) last = true;
    else if (atoms[j].kind === 'newline') last = true;
    else {
      // 禁则: push atoms down until the next line does not start with a forbidden mark and this
      // line does not end with an opening one; repeat until nothing changes.
      for (;;) {
        let changed = false;
        while (k > i + 1 && (atoms[k]?.glue || forbidsStart(firstNonSpace(atoms, k)))) {
          k--;
          changed = true;
        }
        while (k > i + 1 && forbidsEnd(lastNonSpace(atoms, i, k))) {
          k--;
          changed = true;
        }
        if (!changed) break;
      }
    }
    let end = k;
    while (end > i && atoms[end - 1].kind === 'space') end--;
    const m = spanMetrics(atoms, i, end);
    lines.push({ start: i, end, indent, measure, natural: m.natural, gaps: m.gaps, last });
    i = k;
    if (i < n && atoms[i].kind === 'newline') {
      i++;
      if (i >= n) {
        // a trailing forced break still opens an (empty) line
        lines.push({
          start: i,
          end: i,
          indent: restIndent,
          measure: o.width - restIndent,
          natural: 0,
          gaps: 0,
          last: true,
        });
      }
    }
    first = false;
  }
  if (o.loneFix) fixLoneChars(atoms, lines, o);
  return { atoms, lines };
}

/** Full-width marks that may give up half their width (their ink sits in the left half of the em). */
const SQUEEZABLE = new Set([...'，。、；：？！）》」』’”〕】']);

/** A footnote reference mark (①…⑳, [21]): counts as punctuation here. */
const NOTE_MARK = /^(?:[\u2460-\u2473]|\[\d+\])$/u;

/** A line of one Han character plus punctuation. */
function isLone(atoms: readonly BreakAtom[], l: LineSpan): boolean {
  let core = 0;
  for (let k = l.start; k < l.end; k++) {
    const a = atoms[k];
    if (a.kind !== 'cjk') {
      if (NOTE_MARK.test(a.text)) continue;
      return false;
    }
    if (SQUEEZABLE.has(a.text) || forbidsStart(a.text)) continue;
    if (++core > 1) return false;
  }
  return core === 1;
}

/**
 * 孤字: when a paragraph's last line holds one character plus punctuation, first try to set the
 * line before with some of its full-width punctuation (and the last line's) at half width so that
 * the character and its marks fit there; else carry one more character (with a mark that may not
 * start a line) down from the line before, which is then justified a little looser. The other lines
 * keep the grid.
 */
function fixLoneChars(atoms: readonly BreakAtom[], lines: LineSpan[], o: BreakOptions): void {
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k];
    const p = lines[k - 1];
    if (!l.last || p.last || p.end !== l.start || !isLone(atoms, l)) continue;
    const m = spanMetrics(atoms, p.start, l.end);
    const over = m.natural + m.gaps * o.tracking - p.measure;
    const squeeze: number[] = [];
    let gain = 0;
    for (let j = l.end - 1; j >= p.start && gain < over - EPS; j--) {
      const a = atoms[j];
      if (a.kind === 'cjk' && SQUEEZABLE.has(a.text)) {
        squeeze.push(j);
        gain += a.width / 2;
      }
    }
    if (gain >= over - EPS) {
      lines.splice(k, 1, {
        ...p,
        end: l.end,
        natural: m.natural - gain,
        gaps: m.gaps,
        last: true,
        squeeze: squeeze.reverse(),
      });
      lines.splice(k - 1, 1);
      k--;
      continue;
    }
    let cut = p.end - 1;
    while (cut > p.start + 1 && (forbidsStart(atoms[cut].text) || forbidsEnd(atoms[cut - 1].text))) cut--;
    if (cut <= p.start + 1 || atoms[cut].kind !== 'cjk' || atoms[cut - 1].kind === 'space') continue;
    const mp = spanMetrics(atoms, p.start, cut);
    const ml = spanMetrics(atoms, cut, l.end);
    Object.assign(p, { end: cut, natural: mp.natural, gaps: mp.gaps });
    Object.assign(l, { start: cut, natural: ml.natural, gaps: ml.gaps });
  }
}

function firstNonSpace(atoms: readonly BreakAtom[], k: number): string {
  while (k < atoms.length && atoms[k].kind === 'space') k++;
  return k < atoms.length ? atoms[k].text : '';
}
function lastNonSpace(atoms: readonly BreakAtom[], s: number, k: number): string {
  while (k > s && atoms[k - 1].kind === 'space') k--;
  return k > s ? atoms[k - 1].text : '';
}

/** The gap between glyphs for a line: spread to fill the measure, or the grid tracking for last lines. */
export function lineGap(line: LineSpan, tracking: number, justify: boolean): number {
  if (!justify || line.last || line.gaps === 0) return tracking;
  return (line.measure - line.natural) / line.gaps;
}

/**
 * Balanced breaking for titles: the same number of lines as greedy filling would give, with the
 * narrowest measure that still fits in that many lines, so lines come out near-equal.
 */
export function breakBalanced<A extends BreakAtom>(
  input: readonly A[],
  o: BreakOptions,
): { atoms: A[]; lines: LineSpan[] } {
  const full = breakLines(input, o);
  if (full.lines.length <= 1) return full;
  const count = full.lines.length;
  let lo = o.width / count;
  let hi = o.width;
  let best = full;
  for (let iter = 0; iter < 18 && hi - lo > 0.5; iter++) {
    const mid = (lo + hi) / 2;
    const r = breakLines(input, { ...o, width: mid });
    if (r.lines.length <= count) {
      best = r;
      hi = mid;
    } else lo = mid;
  }
  preferNaturalBreaks(best.atoms, best.lines, o);
  // Report the real measure so centring uses the full block.
  for (const l of best.lines) l.measure = o.width - l.indent;
  return best;
}

/** Characters after which a title reads well when broken ("…委员会｜常务…", "…发展的｜…"). */
const BREAK_AFTER = new Set([...'会届议的，、；：和与及之于中']);

/**
 * Moves each break of a balanced title by up to three atoms to just after a natural break
 * character, when both lines still fit and no 禁则 is broken. Keeps the shape near-balanced
 * while not splitting words such as 委员会.
 */
function preferNaturalBreaks(atoms: readonly BreakAtom[], lines: LineSpan[], o: BreakOptions): void {
  const fits = (s: number, e: number, indent: number) => {
    const m = spanMetrics(atoms, s, e);
    return m.natural + m.gaps * o.tracking <= o.width - indent + EPS;
  };
  for (let k = 0; k + 1 < lines.length; k++) {
    const a = lines[k];
    const b = lines[k + 1];
    if (b.start !== a.end) continue; // spaces between: a Latin title, leave it
    const at = a.end;
    const endsWell = (p: number) => BREAK_AFTER.has(atoms[p - 1].text.slice(-1));
    if (endsWell(at)) continue;
    for (const d of [1, -1, 2, -2, 3, -3]) {
      const p = at + d;
      if (p <= a.start + 1 || p >= b.end) continue;
      if (!endsWell(p) || forbidsStart(atoms[p].text) || forbidsEnd(atoms[p - 1].text)) continue;
      if (atoms[p].kind === 'space' || atoms[p - 1].kind === 'space') continue;
      if (!fits(a.start, p, a.indent) || !fits(p, b.end, b.indent)) continue;
      const ma = spanMetrics(atoms, a.start, p);
      const mb = spanMetrics(atoms, p, b.end);
      Object.assign(a, { end: p, natural: ma.natural, gaps: ma.gaps });
      Object.assign(b, { start: p, natural: mb.natural, gaps: mb.gaps });
      break;
    }
  }
}

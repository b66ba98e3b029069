// Turns text into atoms: the unbreakable units of the line breaker. A Han character or CJK
// punctuation mark is one atom on the grid; a Latin word or a number is one atom measured with
// its real advance widths; "……" and "——" are single atoms so the pair never splits. Each atom
// carries its drawing parts (a face per character, via the FontSet's fallback chain).
// Pure; it must never drop a character (a missing glyph is still an atom, drawn by the role face).
import type { FontSet } from '../fonts/font-set';
import type { FontRole } from '../model/settings';

export interface AtomPart {
  /** FontFace.key */
  face: string;
  text: string;
  /** pt */
  width: number;
}

export interface Atom {
  kind: 'cjk' | 'latin' | 'space' | 'newline';
  text: string;
  /** Natural width in pt. */
  width: number;
  parts: AtomPart[];
  size: number;
  bold?: boolean;
  /** Raised small text (superscript note markers). */
  rise?: number;
  /** A note reference mark: never starts a line (see BreakAtom.glue). */
  glue?: boolean;
  /** The note this atom references (the superscript mark of a footnote). */
  note?: string;
}

export interface TextStyle {
  role: FontRole;
  size: number;
  bold?: boolean;
  rise?: number;
}

/** Collects characters that needed a fallback face or that no face has. */
export interface GlyphReport {
  fallback: Set<string>;
  missing: Set<string>;
}

const LATIN_CHAR = /[\p{L}\p{N}]/u;
const HAN_LIKE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\u2e80-\u2fff]/u;
/** A letter or digit outside the CJK scripts (fast paths for ASCII and the CJK blocks). */
function isLatinChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0xd800 && c <= 0xdfff)
  )
    return false;
  return LATIN_CHAR.test(ch) && !HAN_LIKE.test(ch);
}
const isDigit = (ch: string | undefined) => !!ch && ch >= '0' && ch <= '9';
/** Characters kept inside a Latin word when followed by a letter or digit: 3.5, 2023-2025, e-mail, a/b; "," only between digits (1,000). */
const WORD_JOINERS = new Set([...".-/:'_@&+·,"]);

/**
 * Invisible formatting characters from office files (soft hyphen, zero-width spaces and joiners,
 * BOM, variation selectors, stray control codes): they have no glyph and must not be reported as
 * missing nor drawn as boxes.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]/g;

/** Calls `emit` for each atom text of `text`, in order (no measuring, no arrays of segments). */
function forEachSegment(text: string, emit: (kind: Atom['kind'], text: string) => void): void {
  INVISIBLE.lastIndex = 0;
  if (INVISIBLE.test(text)) text = text.replace(INVISIBLE, '');
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === '\n') {
      emit('newline', '\n');
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\u00a0') {
      emit('space', ch === '\t' ? ' ' : ch);
      i++;
    } else if (isLatinChar(ch)) {
      let j = i + 1;
      while (j < chars.length) {
        const cj = chars[j];
        if (isLatinChar(cj)) j++;
        else if (
          WORD_JOINERS.has(cj) &&
          j + 1 < chars.length &&
          isLatinChar(chars[j + 1]) &&
          (cj !== ',' || (isDigit(chars[j - 1]) && isDigit(chars[j + 1])))
        )
          j += 2;
        else break;
      }
      emit('latin', j === i + 1 ? ch : chars.slice(i, j).join(''));
      i = j;
    } else if ((ch === '…' || ch === '—') && chars[i + 1] === ch) {
      emit('cjk', ch + ch);
      i += 2;
    } else {
      emit('cjk', ch);
      i++;
    }
  }
}

/** Splits text into atom texts (no measuring). Exposed for tests. */
export function segmentText(text: string): { kind: Atom['kind']; text: string }[] {
  const out: { kind: Atom['kind']; text: string }[] = [];
  forEachSegment(text, (kind, t) => out.push({ kind, text: t }));
  return out;
}

// Single-character atoms are immutable and shared: most of a dossier is a few thousand distinct
// characters, so caching them per font set and style saves most of the layout's allocations.
// Keyed by font set, then style, then text (no per-character key strings to build and hash).
type CachedAtom = { atom: Atom; fallback: boolean; missing: boolean };
const atomCache = new WeakMap<FontSet, Map<string, Map<string, CachedAtom>>>();

/** Measures atom texts with the font set: parts per face, widths in pt. Returned atoms are shared: never mutate them. */
export function makeAtoms(text: string, style: TextStyle, fonts: FontSet, report?: GlyphReport): Atom[] {
  const out: Atom[] = [];
  const roleFace = fonts.roles[style.role];
  let byStyle = atomCache.get(fonts);
  if (!byStyle) atomCache.set(fonts, (byStyle = new Map()));
  const styleKey = `${style.role}|${style.size}|${style.bold ? 1 : 0}|${style.rise ?? 0}`;
  let styleCache = byStyle.get(styleKey);
  if (!styleCache) byStyle.set(styleKey, (styleCache = new Map()));
  const cache = styleCache;
  forEachSegment(text, (kind, segText) => {
    if (kind === 'newline') {
      out.push({ kind: 'newline', text: '\n', width: 0, parts: [], size: style.size });
      return;
    }
    const single = kind !== 'latin' && segText.length <= 2;
    const hit = single ? cache.get(segText) : undefined;
    if (hit) {
      if (report) {
        if (hit.missing) report.missing.add(segText);
        else if (hit.fallback) report.fallback.add(segText);
      }
      out.push(hit.atom);
      return;
    }
    let fallback = false;
    let missing = false;
    const parts: AtomPart[] = [];
    let cur: { face: ReturnType<FontSet['faceFor']>; text: string } | null = null;
    const flush = () => {
      if (cur)
        parts.push({ face: cur.face.key, text: cur.text, width: fonts.runWidth(cur.face, cur.text) * style.size });
    };
    for (const ch of segText) {
      const cp = ch.codePointAt(0)!;
      const found = fonts.lookup(cp, style.role);
      if (!found) missing = true;
      else if (found !== roleFace && cp > 0x7f) fallback = true;
      if (report) {
        if (!found) report.missing.add(ch);
        else if (found !== roleFace && cp > 0x7f) report.fallback.add(ch);
      }
      const face = found ?? roleFace;
      if (cur && cur.face === face) cur.text += ch;
      else {
        flush();
        cur = { face, text: ch };
      }
    }
    flush();
    let width = 0;
    for (const p of parts) width += p.width;
    const atom: Atom = {
      kind,
      text: segText,
      width,
      parts,
      size: style.size,
      bold: style.bold,
      rise: style.rise,
    };
    if (single) cache.set(segText, { atom, fallback, missing });
    out.push(atom);
  });
  return out;
}

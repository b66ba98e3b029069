// Turns broken lines of atoms into positioned glyph runs: CJK atoms of one face merge into a
// single run drawn with character spacing (the justification gap), Latin words are separate runs
// with their own shaping and no spacing inside. Pure; it must never change the text of a line.
import type { Atom } from './atoms';
import type { LineSpan } from './line-break';
import type { GlyphSeg } from './types';

/** Positioned runs of one line, starting at x (pt, block-relative) with the given gap. */
export function lineSegs(atoms: readonly Atom[], line: LineSpan, x: number, gap: number): GlyphSeg[] {
  const segs: GlyphSeg[] = [];
  let prev: GlyphSeg | null = null;
  let prevMergeable = false;
  const squeeze = line.squeeze;
  for (let k = line.start; k < line.end; k++) {
    const a = atoms[k];
    if (squeeze?.includes(k)) {
      // Half-width punctuation: its own run, so the next glyph starts half an em earlier.
      const p = a.parts[0];
      const seg: GlyphSeg = { face: p.face, text: a.text, x, size: a.size, cs: 0 };
      if (a.bold) seg.bold = true;
      segs.push(seg);
      prev = null;
      prevMergeable = false;
      x += a.width / 2 + gap;
      continue;
    }
    const mergeable = a.kind !== 'latin';
    for (const p of a.parts) {
      if (
        mergeable &&
        prevMergeable &&
        prev &&
        prev.face === p.face &&
        prev.size === a.size &&
        !!prev.bold === !!a.bold &&
        (prev.rise ?? 0) === (a.rise ?? 0) &&
        a.parts.length === 1
      ) {
        prev.text += p.text;
      } else {
        prev = { face: p.face, text: p.text, x, size: a.size, cs: mergeable ? gap : 0 };
        if (a.bold) prev.bold = true;
        if (a.rise) prev.rise = a.rise;
        segs.push(prev);
      }
      prevMergeable = mergeable && a.parts.length === 1;
      x += p.width + (mergeable ? Array.from(p.text).length * gap : 0);
    }
    if (!mergeable) x += gap;
  }
  return segs;
}

/** Width a line occupies when drawn with gap (for centring and right alignment). */
export function lineWidth(line: LineSpan, gap: number): number {
  return line.natural + line.gaps * gap;
}

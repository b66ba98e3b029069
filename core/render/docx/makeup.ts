// What the PDF layout decided that Word and LibreOffice cannot decide by themselves, carried into
// the DOCX so that its paragraphs keep the PDF's line count. Today that is 标点挤压 against 孤字:
// the layout sets some full-width punctuation of a paragraph's last line at half width so that a
// lone last character fits on the line above (core/layout/line-break.ts, fixLoneChars). Word has
// no such rule, so the DOCX sets exactly those marks at half width (condensed by half an em).
// The hints are read from the laid-out pages (a squeezed mark is a run of its own whose next glyph
// starts half an em later) and matched to a paragraph by the text its last line ends with.
// Pure; it must never change text, and a hint that matches no paragraph is simply not used.
import type { LaidOutDossier } from '../../layout/types';

/** One squeezed last line: its text (from a few characters before the first squeezed mark) and the marks' offsets in it. */
export interface SqueezeHint {
  tail: string;
  /** Code-point offsets in `tail` of the marks set at half width. */
  at: number[];
}

/** Squeeze hints per submission id. */
export type MakeupHints = Map<string, SqueezeHint[]>;

/** The marks the layout may squeeze (line-break.ts SQUEEZABLE). */
const SQUEEZABLE = new Set([...'，。、；：？！）》」』’”〕】']);
/** Characters kept before the first squeezed mark, so that the tail identifies its paragraph. */
const LEAD = 10;

export function makeupHints(laid: LaidOutDossier): MakeupHints {
  const out: MakeupHints = new Map();
  for (const it of laid.items) {
    const hints: SqueezeHint[] = [];
    for (let p = it.startPhysical - 1; p < it.startPhysical - 1 + it.pageCount && p < laid.pages.length; p++) {
      for (const op of laid.pages[p].ops) {
        if (op.op !== 'text') continue;
        let text: string[] = [];
        const at: number[] = [];
        op.segs.forEach((s, k) => {
          if (s.rise) return; // note reference marks: not in the paragraph's text
          const chars = Array.from(s.text);
          const next = op.segs[k + 1];
          if (chars.length === 1 && SQUEEZABLE.has(chars[0]) && s.cs === 0 && (!next || next.x - s.x < s.size * 0.75))
            at.push(text.length);
          text = text.concat(chars);
        });
        if (!at.length) continue;
        const from = Math.max(0, at[0] - LEAD);
        hints.push({ tail: text.slice(from).join(''), at: at.map((a) => a - from) });
      }
    }
    if (hints.length) out.set(it.submissionId, hints);
  }
  return out;
}

/** Offsets (code points in `text`) of the marks to squeeze when a hint's tail ends this paragraph. */
export function squeezeOffsets(hints: readonly SqueezeHint[] | undefined, text: string): Set<number> | undefined {
  if (!hints?.length) return undefined;
  const trimmed = text.replace(/\s+$/u, '');
  for (const h of hints) {
    if (!trimmed.endsWith(h.tail)) continue;
    const base = Array.from(trimmed).length - Array.from(h.tail).length;
    return new Set(h.at.map((a) => base + a));
  }
  return undefined;
}

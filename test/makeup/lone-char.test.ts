// 孤字 in the line breaker (fake metrics: CJK 16 pt, the GB/T 9704 28-cell measure): a last line of
// one character plus punctuation is fixed by setting full-width punctuation at half width on the
// line before, else by carrying one more character down; other lines keep the grid; a note mark
// never starts a line.
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../core/layout/atoms';
import { breakLines, lineGap, type BreakAtom } from '../../core/layout/line-break';

const MM = 72 / 25.4;
const W = 156 * MM;
const SIZE = 16;
const TRACK = (W - 28 * SIZE) / 27;
const CELL = SIZE + TRACK;
const HAN = '政协委员围绕文化传承与创新积极建言献策推动各项工作取得新进展凝聚共识服务大局';
const han = (n: number, from = 0) => Array.from({ length: n }, (_, i) => HAN[(from + i) % HAN.length]).join('');

const atoms = (text: string): BreakAtom[] =>
  segmentText(text).map((s) => ({
    ...s,
    width: s.kind === 'latin' ? s.text.length * 8 : Array.from(s.text).length * SIZE,
  }));
function lines(text: string, loneFix = true) {
  const r = breakLines(atoms(text), { width: W, firstIndent: 2 * CELL, tracking: TRACK, loneFix });
  return {
    r,
    texts: r.lines.map((l) =>
      r.atoms
        .slice(l.start, l.end)
        .map((a) => a.text)
        .join(''),
    ),
  };
}

describe('孤字', () => {
  it('is left alone when the fix is off (the fault the fix removes)', () => {
    const { texts } = lines(han(26) + han(28, 3) + '性。', false);
    expect(texts.map((t) => Array.from(t).length)).toEqual([26, 28, 2]);
  });

  it('pulls the character up by setting punctuation of the line before at half width', () => {
    // line 2 holds three commas: with the final 。 they give two cells, enough for "性。"
    const second = han(8, 1) + '，' + han(8, 2) + '，' + han(8, 3) + '，' + han(1, 4);
    const { r, texts } = lines(han(26) + second + '性。');
    expect(texts).toEqual([han(26), second + '性。']);
    const last = r.lines[1];
    expect(last.last).toBe(true);
    expect(last.squeeze!.length).toBeGreaterThan(0);
    for (const k of last.squeeze!) expect('，。').toContain(r.atoms[k].text);
    // squeezed, it fits the measure at the grid spacing
    expect(last.natural + last.gaps * lineGap(last, TRACK, false)).toBeLessThanOrEqual(last.measure + 0.01);
    // the first line keeps the grid
    expect(r.lines[0].squeeze).toBeUndefined();
  });

  it('carries one more character down when the punctuation cannot give enough', () => {
    const { r, texts } = lines(han(26) + han(28, 3) + '性。');
    expect(texts.map((t) => Array.from(t).length)).toEqual([26, 27, 3]);
    expect(texts[2].endsWith('性。')).toBe(true);
    // the line that gave the character is justified to the full measure
    const l = r.lines[1];
    expect(l.natural + l.gaps * lineGap(l, TRACK, true)).toBeCloseTo(l.measure, 1);
  });

  it('carries a character with the mark that may not start a line', () => {
    const { texts } = lines(han(26) + han(27, 3) + '，' + '性。');
    expect(texts[2]).toBe(Array.from(han(27, 3)).pop() + '，性。');
  });

  it('never starts a line with a note reference mark', () => {
    const a = atoms(han(26) + han(28, 3));
    a.push({ kind: 'latin', text: '①', width: 9.6, glue: true });
    a.push(...atoms(han(10, 5)));
    const r = breakLines(a, { width: W, firstIndent: 2 * CELL, tracking: TRACK });
    const texts = r.lines.map((l) =>
      r.atoms
        .slice(l.start, l.end)
        .map((x) => x.text)
        .join(''),
    );
    expect(texts[1].endsWith('①')).toBe(false);
    expect(texts[2].startsWith('①')).toBe(false);
    expect(texts[2].slice(1, 2)).toBe('①');
  });
});

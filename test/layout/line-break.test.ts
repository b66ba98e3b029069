// Pure tests of the CJK line breaker with fake metrics: every CJK atom is 16 pt wide, Latin
// letters 8 pt; the measure is the GB/T 9704 grid (28 cells of 156 mm / 28).
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../core/layout/atoms';
import { breakBalanced, breakLines, lineGap, type BreakAtom } from '../../core/layout/line-break';
import { NO_LINE_END, NO_LINE_START } from '../../core/layout/kinsoku';

const MM = 72 / 25.4;
const W = 156 * MM;
const SIZE = 16;
const TRACK = (W - 28 * SIZE) / 27;
const CELL = SIZE + TRACK;

function atoms(text: string): BreakAtom[] {
  return segmentText(text).map((s) => ({
    ...s,
    width:
      s.kind === 'latin'
        ? s.text.length * 8
        : s.kind === 'space'
          ? 4
          : s.kind === 'newline'
            ? 0
            : Array.from(s.text).length * SIZE,
  }));
}
const lineTexts = (text: string, indent = 2 * CELL) => {
  const r = breakLines(atoms(text), { width: W, firstIndent: indent, tracking: TRACK }, (a) =>
    Array.from(a.text).map((ch) => ({ ...a, text: ch, width: 8 })),
  );
  return r.lines.map((l) =>
    r.atoms
      .slice(l.start, l.end)
      .map((a) => a.text)
      .join(''),
  );
};
const HAN = '政协委员围绕文化传承与创新积极建言献策推动各项工作取得新进展凝聚共识服务大局';
const han = (n: number, from = 0) => Array.from({ length: n }, (_, i) => HAN[(from + i) % HAN.length]).join('');

describe('line breaker on the 28-character grid', () => {
  it('fills full lines with exactly 28 characters (26 after the two-character indent)', () => {
    const lines = lineTexts(han(26 + 28 * 3 + 5));
    expect(lines.map((l) => Array.from(l).length)).toEqual([26, 28, 28, 28, 5]);
  });

  it('justifies full lines to the exact measure and leaves the last line on the grid', () => {
    const r = breakLines(atoms(han(40)), { width: W, tracking: TRACK });
    const [full, last] = r.lines;
    const gap = lineGap(full, TRACK, true);
    expect(full.natural + full.gaps * gap).toBeCloseTo(W, 6);
    expect(gap).toBeCloseTo(TRACK, 6);
    expect(lineGap(last, TRACK, true)).toBe(TRACK);
  });

  it('never starts a line with a closing mark: a comma at position 27/29 pushes a character down', () => {
    const text = han(26) + '，' + han(30, 3);
    const lines = lineTexts(text);
    expect(Array.from(lines[0]).length).toBe(25);
    expect(lines[1].startsWith(han(1, 25) + '，')).toBe(true);
    for (const l of lines.slice(1)) expect(NO_LINE_START.has(l[0])).toBe(false);
  });

  it('handles runs of closing marks ("。”）") by pushing until stable', () => {
    const text = han(25) + '。”）' + han(20);
    const lines = lineTexts(text);
    for (const l of lines) expect(NO_LINE_START.has(l[0])).toBe(false);
    expect(lines.join('')).toBe(text);
  });

  it('never ends a line with an opening mark', () => {
    const text = han(25) + '“' + han(10) + '”' + han(20);
    const lines = lineTexts(text);
    for (const l of lines) expect(NO_LINE_END.has(l[l.length - 1])).toBe(false);
    expect(lines[1][0]).toBe('“');
    expect(lines.join('')).toBe(text);
  });

  it('keeps "……" and "——" pairs together', () => {
    for (const pair of ['……', '——']) {
      const text = han(25) + pair + han(30);
      const lines = lineTexts(text);
      expect(lines.some((l) => l.includes(pair))).toBe(true);
      for (const l of lines) expect(l.startsWith(pair[0])).toBe(false);
    }
  });

  it('half-width kin are forbidden too', () => {
    const text = han(26) + ',' + han(10) + '(' + han(30);
    const lines = lineTexts(text);
    for (const l of lines) {
      expect(NO_LINE_START.has(l[0])).toBe(false);
      expect(NO_LINE_END.has(l[l.length - 1])).toBe(false);
    }
  });

  it('measures Latin words and numbers as runs and never breaks inside them', () => {
    const text = han(20) + 'GDP增长9.8%，' + han(3) + 'Huibian ' + han(40);
    const lines = lineTexts(text);
    const all = lines.join('');
    expect(all.replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    for (const word of ['GDP', '9.8', 'Huibian']) expect(lines.some((l) => l.includes(word))).toBe(true);
    expect(segmentText('增长9.8%和2023-2025年').map((s) => s.text)).toEqual([
      '增',
      '长',
      '9.8',
      '%',
      '和',
      '2023-2025',
      '年',
    ]);
  });

  it('splits a Latin run longer than a whole line rather than overflowing', () => {
    const url = 'x'.repeat(80);
    const lines = lineTexts(han(3) + url + han(3), 0);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(han(3) + url + han(3));
  });

  it('honours forced breaks', () => {
    expect(lineTexts('甲乙\n丙丁', 0)).toEqual(['甲乙', '丙丁']);
  });

  it('balances a long title into near-equal lines', () => {
    const title = '关于以齐文化融入公共文化服务为切入点推动我市文化事业和文化产业繁荣发展的建议';
    const a = segmentText(title).map((s) => ({ ...s, width: 22 }));
    const r = breakBalanced(a, { width: W, tracking: 0 });
    expect(r.lines.length).toBe(2);
    const counts = r.lines.map((l) => l.end - l.start);
    expect(Math.abs(counts[0] - counts[1])).toBeLessThanOrEqual(1);
    // prefers a natural break near the middle: 委员会 stays whole
    const name = '政协××市第十三届委员会常务委员会第九次会议';
    const n = segmentText(name).map((s) => ({ ...s, width: 22 }));
    const rn = breakBalanced(n, { width: W, tracking: 0 });
    expect(
      rn.lines.map((l) =>
        n
          .slice(l.start, l.end)
          .map((a) => a.text)
          .join(''),
      ),
    ).toEqual(['政协××市第十三届委员会', '常务委员会第九次会议']);
    // never breaks a Latin word
    const t2 = segmentText('推进齐文化数字化工程建设 Digital Qi Culture 项目实施方案').map((s) => ({
      ...s,
      width: s.kind === 'latin' ? s.text.length * 11 : 22,
    }));
    const r2 = breakBalanced(t2, { width: W, tracking: 0 });
    for (const l of r2.lines) for (let k = l.start; k < l.end; k++) expect(t2[k].text).not.toBe('');
  });
});

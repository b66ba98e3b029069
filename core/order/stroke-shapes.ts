// The per-stroke codes of the stroke table and what GF 3003 makes of them: the class (横 竖 撇 点 折,
// rule 2) and the rank of the shape inside its class (rule 3: the main shape before its variant,
// and the 折 shapes in the order of GF 2001-2001, GB13000.1 字符集汉字折笔规范). Shared by the runtime
// (stroke-data, stroke-compare) and scripts/build-stroke-table.ts, so both read a code the same way.

/** One code per stroke shape; a 折 letter's position in the alphabet is its GF 2001-2001 rank. */
export const STROKE_SHAPES: Readonly<Record<string, string>> = {
  '1': '横',
  a: '提',
  '2': '竖',
  b: '竖钩',
  '3': '撇',
  '4': '点',
  d: '捺',
  A: '横折',
  B: '横撇',
  C: '横钩',
  D: '横折钩',
  E: '横折提',
  F: '横折弯',
  G: '横折折',
  H: '横斜钩',
  I: '横折弯钩',
  J: '横撇弯钩',
  K: '横折折撇',
  L: '横折折折钩',
  M: '横折折折',
  N: '竖提',
  O: '竖折',
  P: '竖弯',
  Q: '竖弯钩',
  R: '竖折撇',
  S: '竖折折',
  T: '竖折折钩',
  U: '撇点',
  V: '撇折',
  W: '斜钩',
  X: '弯钩',
  Y: '卧钩',
  /** cnchar-order does not tell 横撇 from 横钩 (adjacent in GF 2001): ranked with 横撇. */
  Z: '横撇或横钩',
  // rime-stroke data (五笔画 classes only): the class is known, the shape is not.
  h: '横类',
  s: '竖类',
  p: '撇',
  n: '点类',
  z: '折类',
};

/** Code → class digit: 1 横 (提), 2 竖 (竖钩), 3 撇, 4 点 (捺), 5 折. */
export const CODE_CLASS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(STROKE_SHAPES).map((c) => [
    c,
    /[1ah]/.test(c) ? '1' : /[2bs]/.test(c) ? '2' : /[3p]/.test(c) ? '3' : /[4dn]/.test(c) ? '4' : '5',
  ]),
);

/**
 * Turns (折点) of each 折 shape. The 通用规范汉字表 orders 折 shapes by their number of turns first
 * and by GF 2001-2001's order among shapes with as many turns (measured on every tie of the table by
 * scripts/build-stroke-table.ts: 山 竖折 before 巾 横折钩, 匕 竖弯钩 before 几 横折弯钩, 驳 横折 before
 * 纵 撇折); 卧钩 ranks with the two-turn shapes (议 横折提 before 必 卧钩).
 */
export const SHAPE_TURNS: Readonly<Record<string, number>> = {
  A: 1,
  B: 1,
  C: 1,
  Z: 1,
  D: 2,
  E: 2,
  F: 2,
  G: 2,
  H: 2,
  I: 3,
  J: 3,
  K: 3,
  L: 4,
  M: 3,
  N: 1,
  O: 1,
  P: 1,
  Q: 2,
  R: 2,
  S: 2,
  T: 3,
  U: 1,
  V: 1,
  W: 1,
  X: 1,
  Y: 2,
  z: 1,
};

/**
 * Code → one character whose code-unit order is the shape order inside the class: main shape '0'
 * before its variant '1'; 折 by turns, then GF 2001-2001 order ('A' 横折 … 'Y' 卧钩). Unknown shapes (rime data: 横 that
 * may be 提, 折 of unknown shape) take the main shape's rank and 横折 (the commonest 折): an estimate
 * that only matters where two characters tie on count and classes (the build lists those ties).
 */
export const CODE_SHAPE_RANK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(STROKE_SHAPES).map((c) => {
    if (!/[A-Zz]/.test(c)) return [c, /[abd]/.test(c) ? '1' : '0'];
    const gf = c === 'Z' ? 'B' : c === 'z' ? 'A' : c;
    return [c, String.fromCharCode(0x41 + SHAPE_TURNS[c] * 26 + (gf.charCodeAt(0) - 0x41))];
  }),
);

/** The class digits of a code string ('' for ''). */
export function classesOfCode(code: string): string {
  let s = '';
  for (const c of code) s += CODE_CLASS[c] ?? '?';
  return s;
}

/** The shape ranks of a code string, same length. */
export function shapeRanksOfCode(code: string): string {
  let s = '';
  for (const c of code) s += CODE_SHAPE_RANK[c] ?? '?';
  return s;
}

/** Whether every stroke's shape is known (cnchar-order shapes or hand-written), not estimated. */
export function shapesKnown(code: string): boolean {
  return !/[hsnzZ]/.test(code);
}

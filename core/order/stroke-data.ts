// Stroke data access: total strokes and the stroke sequence of one character, from the generated
// tables in ./data. The 8105 通用规范汉字 are parsed on first use (a few ms); the much larger table of
// other characters (URO, Ext. A, name characters of Ext. B–H) only when a character outside the 8105
// is first looked up. It answers questions about single characters only; ordering rules live in
// ./stroke-compare. It must never guess silently: a character without a checked sequence says so
// (source 'estimated', 'count' or 'none') so the caller can report it.
import { STROKE_TABLE, TIE_GROUPS } from './data/stroke-table';
import { EXTRA_TABLE } from './data/stroke-table-extra';
import { readPacked, type PackedReader } from './packed-table';
import { CODE_CLASS, CODE_SHAPE_RANK, STROKE_SHAPES } from './stroke-shapes';

/** 横 1, 竖 2, 撇 3, 点 4, 折 5 (GF 3003 / GB13000.1 笔顺规范 classes). */
export type StrokeClass = 1 | 2 | 3 | 4 | 5;

export interface StrokeInfo {
  char: string;
  /** Total strokes (from the sequence, else Unihan kTotalStrokes); 0 when unknown. */
  count: number;
  /** One code per stroke (see ./stroke-shapes.ts); '' when no sequence is known. */
  code: string;
  /**
   * 'sequence': full stroke order, checked against the 通用规范汉字表's order (the 8105);
   * 'estimated': a class sequence from rime-stroke for a character outside the 8105, checked against
   * no table (ordered by it, but reported); 'count': only Unihan's total; 'none': nothing known.
   */
  source: 'sequence' | 'estimated' | 'count' | 'none';
  /** Position among characters of identical stroke data, in the table's order (0 for most). */
  tieRank: number;
}

let main: PackedReader | undefined;
let ties: Map<string, number> | undefined;
let extra: PackedReader | undefined;

export function strokeInfo(char: string): StrokeInfo {
  if (!main) {
    main = readPacked(STROKE_TABLE);
    ties = new Map();
    for (const group of TIE_GROUPS) [...group].forEach((ch, i) => ties!.set(ch, i));
  }
  const e = main.get(char);
  if (e)
    return { char, count: e.count, code: e.code, source: e.code ? 'sequence' : 'count', tieRank: ties!.get(char) ?? 0 };
  if (!isHan(char)) return { char, count: 0, code: '', source: 'none', tieRank: 0 };
  extra ??= readPacked(EXTRA_TABLE);
  const x = extra.get(char);
  if (x) return { char, count: x.count, code: x.code, source: x.code ? 'estimated' : 'count', tieRank: 0 };
  return { char, count: 0, code: '', source: 'none', tieRank: 0 };
}

/** Total strokes of a character (0 when unknown). */
export function strokeCount(char: string): number {
  return strokeInfo(char).count;
}

/** The stroke classes in writing order as digits, e.g. 万 → "153"; '' when unknown. */
export function strokeClasses(char: string): string {
  return [...strokeInfo(char).code].map((c) => CODE_CLASS[c]).join('');
}

/** Shape ranks per stroke (see CODE_SHAPE_RANK), same length as strokeClasses. */
export function strokeSubranks(char: string): string {
  return [...strokeInfo(char).code].map((c) => CODE_SHAPE_RANK[c]).join('');
}

/** The stroke shapes in writing order, e.g. 丁 → ['横', '竖钩']; rime data gives classes (横类 …). */
export function strokeShapes(char: string): string[] {
  return [...strokeInfo(char).code].map((c) => STROKE_SHAPES[c]);
}

/** Whether the character is a Han ideograph (the only kind stroke order applies to). */
export function isHan(char: string): boolean {
  return /\p{Script=Han}/u.test(char);
}

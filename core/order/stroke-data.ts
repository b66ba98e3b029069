// Stroke data access: total strokes and the stroke sequence of one character, from the generated
// table in ./data (parsed once, on first use). It answers questions about single characters only;
// ordering rules live in ./stroke-compare. It must never guess: a character without a sequence says
// so (source 'count' or 'none') so the caller can report it.
import { EXTRA_STROKE_COUNTS, STROKE_COUNT_ONLY, STROKE_SEQUENCES } from './data/stroke-table';

/** 横 1, 竖 2, 撇 3, 点 4, 折 5 (GF 3003 / GB13000.1 笔顺规范 classes). */
export type StrokeClass = 1 | 2 | 3 | 4 | 5;

export interface StrokeInfo {
  char: string;
  /** Total strokes (from the sequence, else Unihan kTotalStrokes); 0 when unknown. */
  count: number;
  /** One code per stroke, see CODE_CLASS; '' when no sequence is known. */
  code: string;
  /** 'sequence': full stroke order known; 'count': only the total; 'none': nothing known. */
  source: 'sequence' | 'count' | 'none';
}

/** Per-stroke code → class. a 提, b 竖钩, d 捺 are variants; e–h are 折 with 1–4 turns; 5 折 (turns unknown). */
const CODE_CLASS: Record<string, StrokeClass> = { '1': 1, a: 1, '2': 2, b: 2, '3': 3, '4': 4, d: 4, e: 5, f: 5, g: 5, h: 5, '5': 5 };
/** Per-stroke code → rank inside its class: main shape 0 before its variant; fewer turns first for 折. */
const CODE_SUBRANK: Record<string, number> = { '1': 0, a: 1, '2': 0, b: 1, '3': 0, '4': 0, d: 1, e: 1, f: 2, g: 3, h: 4, '5': 0 };

let sequences: Map<string, string> | undefined;
let counts: Map<string, number> | undefined;

function load(): void {
  if (sequences && counts) return;
  const seq = new Map<string, string>();
  STROKE_SEQUENCES.forEach((row, n) => {
    if (!row) return;
    const cps = [...row];
    for (let i = 0; i + n < cps.length; i += n + 1) seq.set(cps[i], cps.slice(i + 1, i + 1 + n).join(''));
  });
  const cnt = new Map<string, number>();
  const addCounts = (rows: readonly string[]) =>
    rows.forEach((row, n) => {
      for (const ch of row ?? '') if (!cnt.has(ch)) cnt.set(ch, n);
    });
  addCounts(STROKE_COUNT_ONLY);
  addCounts(EXTRA_STROKE_COUNTS);
  sequences = seq;
  counts = cnt;
}

export function strokeInfo(char: string): StrokeInfo {
  load();
  const code = sequences!.get(char);
  if (code !== undefined) return { char, count: code.length, code, source: 'sequence' };
  const n = counts!.get(char);
  if (n !== undefined) return { char, count: n, code: '', source: 'count' };
  return { char, count: 0, code: '', source: 'none' };
}

/** Total strokes of a character (0 when unknown). */
export function strokeCount(char: string): number {
  return strokeInfo(char).count;
}

/** The stroke classes in writing order as digits, e.g. 万 → "153"; '' when unknown. */
export function strokeClasses(char: string): string {
  return [...strokeInfo(char).code].map((c) => CODE_CLASS[c]).join('');
}

/** Subranks per stroke (main shape 0, variant 1; 折 by turns), same length as strokeClasses. */
export function strokeSubranks(char: string): string {
  return [...strokeInfo(char).code].map((c) => CODE_SUBRANK[c]).join('');
}

/** Whether the character is a Han ideograph (the only kind stroke order applies to). */
export function isHan(char: string): boolean {
  return /\p{Script=Han}/u.test(char);
}

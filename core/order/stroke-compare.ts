// The GF 3003-1999 character comparator (GB13000.1 字符集汉字字序（笔画序）规范), expressed as a sort
// key per character so that sorting many names stays cheap:
//   1. fewer total strokes first;
//   2. stroke by stroke in writing order, by class 横 < 竖 < 撇 < 点 < 折;
//   3. then, over the whole sequence again, the shapes: main shape before its variant (横<提, 竖<竖钩,
//      点<捺) and the 折 shapes by number of turns, then in GF 2001-2001 order (./stroke-shapes.ts);
//   4. then the stroke relations and structure (相离 < 相接 < 相交 …), which no stroke data holds: for
//      characters of the 8105 with identical data, the 通用规范汉字表's own order (the tie rank);
//   5. code point, as a last stable tie-break.
// Name lists (按姓氏笔画为序, `nameCharKey`) put one rule between 2 and 3: 字形结构, 先左右形字，再上下形字，
// 后整体字 (the convention of the lists 新华社 publishes, measured against them: 孔 before 巴, 次 before 衣,
// where the table's shape order has 巴 孔 and 衣 次; see ./data/README.md). Ties of structure then go
// through levels 3–5 as above.
// It never uses ICU's stroke collation (wrong for this standard). Characters without a stroke
// sequence sort by their total after those with one, and are reported by the callers.
import { STRUCTURE_GROUPS } from './data/structure-table';
import { strokeInfo, type StrokeInfo } from './stroke-data';
import { CODE_CLASS, CODE_SHAPE_RANK } from './stroke-shapes';

/** Per code unit of a stroke code: its class digit and its shape rank (arrays: cheaper than objects). */
const CLASS_AT: string[] = [];
const RANK_AT: string[] = [];
for (const [c, cls] of Object.entries(CODE_CLASS)) {
  CLASS_AT[c.charCodeAt(0)] = cls;
  RANK_AT[c.charCodeAt(0)] = CODE_SHAPE_RANK[c];
}

const cpHex = (ch: string) => ch.codePointAt(0)!.toString(16).padStart(6, '0');
const pad2 = (n: number) => String(Math.min(n, 99)).padStart(2, '0');

/** Key of a blank position (the single-character given-name convention): before every character. */
export const BLANK_KEY = '';

/** 字形结构 rank of a character for name lists: 0 左右, 1 上下, 2 整体 (the default). */
let structure: Map<string, string> | undefined;
function structureRank(ch: string): string {
  if (!structure) {
    structure = new Map();
    STRUCTURE_GROUPS.forEach((chars, rank) => {
      for (const c of chars) structure!.set(c, String(rank));
    });
  }
  return structure.get(ch) ?? '2';
}

export interface CharEntry {
  /** GF 3003 character order (the 通用规范汉字表's order). */
  key: string;
  /** The 姓氏笔画 name-list order: as `key` with the 字形结构 rank between classes and shapes. */
  nameKey: string;
  info: StrokeInfo;
}

const cache = new Map<string, CharEntry>();

/**
 * A string whose plain (code unit) ordering is the GF 3003 ordering of single characters.
 * Layout: 2-digit count, classes, shape ranks, tie rank, code point; count-only characters get '9'
 * after the count (after every known sequence of that count); characters with no data at all sort last.
 */
export function charSortKey(ch: string): string {
  return charEntry(ch).key;
}

export function charEntry(ch: string): CharEntry {
  let e = cache.get(ch);
  if (e) return e;
  const info = strokeInfo(ch);
  let key: string;
  let nameKey: string;
  if (info.code) {
    let cls = '';
    let sub = '';
    for (let i = 0; i < info.code.length; i++) {
      const k = info.code.charCodeAt(i);
      cls += CLASS_AT[k];
      sub += RANK_AT[k];
    }
    const rest = sub + String.fromCharCode(48 + info.tieRank) + cpHex(ch);
    key = pad2(info.count) + cls + rest;
    nameKey = pad2(info.count) + cls + structureRank(ch) + rest;
  } else {
    key = info.source === 'count' ? pad2(info.count) + '9' + cpHex(ch) : '~' + cpHex(ch);
    nameKey = key;
  }
  e = { key, nameKey, info };
  cache.set(ch, e);
  return e;
}

/** The 姓氏笔画 name-list key of one character (GF 3003 with 字形结构 before the shapes). */
export function nameCharKey(ch: string): string {
  return charEntry(ch).nameKey;
}

/** Compares two single characters by GF 3003 (negative: a first). */
export function compareChars(a: string, b: string): number {
  const ka = charSortKey(a);
  const kb = charSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Compares two key arrays position by position; a shorter prefix comes first. */
export function compareKeyArrays(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares two strings character by character by GF 3003 (no name conventions). */
export function compareStrokeStrings(a: string, b: string): number {
  return compareKeyArrays([...a].map(charSortKey), [...b].map(charSortKey));
}

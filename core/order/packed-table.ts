// A packed character → (stroke count, stroke codes) table that loads without building a Map: the
// characters sorted by code point (BMP ones one code unit each, the others two), one count character
// per entry and all codes concatenated. Loading is one prefix sum over the counts; a lookup is a
// binary search. Written by scripts/build-stroke-table.ts (packTable), read by ./stroke-data.ts.

/** The generated form (all strings, so the module is cheap to parse). */
export interface PackedTable {
  /** BMP characters, ascending. */
  bmp: string;
  /** Supplementary-plane characters (two code units each), ascending. */
  astral: string;
  /**
   * One character per entry (BMP entries first, then astral): code SEQ_BASE + n for an entry with a
   * sequence of n strokes (n codes in `codes`), COUNT_BASE + n for a total of n without a sequence.
   */
  counts: string;
  /** The entries' stroke codes, concatenated in entry order. */
  codes: string;
}

export const SEQ_BASE = 0x30;
export const COUNT_BASE = 0xa0;

export interface PackedEntry {
  count: number;
  /** '' when only the count is known. */
  code: string;
}

export interface PackedReader {
  get(ch: string): PackedEntry | undefined;
  size: number;
}

export function readPacked(t: PackedTable): PackedReader {
  const n = t.counts.length;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const c = t.counts.charCodeAt(i);
    offsets[i + 1] = offsets[i] + (c < COUNT_BASE ? c - SEQ_BASE : 0);
  }
  const nBmp = t.bmp.length;
  const nAstral = t.astral.length / 2;
  const entry = (i: number): PackedEntry => {
    const c = t.counts.charCodeAt(i);
    if (c >= COUNT_BASE) return { count: c - COUNT_BASE, code: '' };
    return { count: c - SEQ_BASE, code: t.codes.slice(offsets[i], offsets[i + 1]) };
  };
  return {
    size: n,
    get(ch) {
      const cp = ch.codePointAt(0);
      if (cp === undefined || ch.length !== (cp > 0xffff ? 2 : 1)) return undefined;
      let lo = 0;
      let hi = cp > 0xffff ? nAstral - 1 : nBmp - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v: number = cp > 0xffff ? t.astral.codePointAt(mid * 2)! : t.bmp.charCodeAt(mid);
        if (v === cp) return entry(cp > 0xffff ? nBmp + mid : mid);
        if (v < cp) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}

/** Builds the packed form (for the build script and tests). */
export function packTable(entries: Iterable<[string, PackedEntry]>): PackedTable {
  const list = [...entries].sort((a, b) => a[0].codePointAt(0)! - b[0].codePointAt(0)!);
  const bmp = list.filter(([ch]) => ch.length === 1);
  const astral = list.filter(([ch]) => ch.length === 2);
  let counts = '';
  let codes = '';
  for (const [ch, e] of [...bmp, ...astral]) {
    if (e.code && e.code.length !== e.count) throw new Error(`${ch}: ${e.count} strokes but ${e.code.length} codes`);
    const c = e.code ? SEQ_BASE + e.count : COUNT_BASE + e.count;
    if (e.count > (e.code ? COUNT_BASE - SEQ_BASE - 1 : 0xff - COUNT_BASE))
      throw new Error(`${ch}: ${e.count} strokes do not fit`);
    counts += String.fromCharCode(c);
    codes += e.code;
  }
  return { bmp: bmp.map(([ch]) => ch).join(''), astral: astral.map(([ch]) => ch).join(''), counts, codes };
}

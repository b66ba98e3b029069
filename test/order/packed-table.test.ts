// The packed stroke table: a round trip through packTable/readPacked (BMP and supplementary-plane
// characters, sequences and count-only entries, misses), and the real generated tables read back.
import { describe, expect, it } from 'vitest';
import { STROKE_TABLE } from '../../core/order/data/stroke-table';
import { EXTRA_TABLE } from '../../core/order/data/stroke-table-extra';
import { GENERAL_STANDARD_CHARS } from '../../core/order/data/general-standard-chars';
import { packTable, readPacked } from '../../core/order/packed-table';

describe('packed stroke table', () => {
  it('reads back what it packed, BMP and astral, sequences and totals', () => {
    const entries: [string, { count: number; code: string }][] = [
      ['王', { count: 4, code: '112a' }],
      ['一', { count: 1, code: '1' }],
      ['𬌗', { count: 13, code: '1b3331d1d2A1A' }],
      ['𠀀', { count: 3, code: '' }],
      ['㐀', { count: 5, code: 'shshh' }],
      ['劉', { count: 15, code: '' }],
    ];
    const r = readPacked(packTable(entries));
    expect(r.size).toBe(entries.length);
    for (const [ch, e] of entries) expect(r.get(ch), ch).toEqual(e);
    for (const miss of ['二', '𠀁', '', 'ab', 'A']) expect(r.get(miss), miss).toBeUndefined();
  });

  it('refuses a code whose length is not the count', () => {
    expect(() => packTable([['王', { count: 4, code: '11' }]])).toThrow(/4 strokes/);
  });

  it('holds every one of the 8105 in the main table, and none of them again in the extra one', () => {
    const main = readPacked(STROKE_TABLE);
    const extra = readPacked(EXTRA_TABLE);
    for (const ch of GENERAL_STANDARD_CHARS) {
      const e = main.get(ch);
      expect(e?.code.length, ch).toBe(e?.count);
      expect(extra.get(ch), ch).toBeUndefined();
    }
    expect(extra.size).toBeGreaterThan(20000);
  });
});

// Coverage of the 8105 通用规范汉字 by the generated stroke table, and sanity of the table itself.
import { describe, expect, it } from 'vitest';
import { generalStandardCoverage, strokeClasses, strokeInfo } from '../../core/order';
import { GENERAL_STANDARD_CHARS } from '../../core/order/data/general-standard-chars';
import { strokeSubranks } from '../../core/order/stroke-data';

describe('stroke table coverage', () => {
  it('covers all 8105 characters with a full stroke sequence', () => {
    const c = generalStandardCoverage();
    console.log(
      `8105 通用规范汉字: ${c.withSequence} with a stroke sequence (${((c.withSequence / c.total) * 100).toFixed(2)}%), ${c.countOnly.length} count only, ${c.none.length} none`,
    );
    expect(c.total).toBe(8105);
    expect(c.none).toEqual([]);
    expect(c.countOnly).toEqual([]);
    expect(c.withSequence).toBe(8105);
  });

  it('has every level-1 character (the first 3500) with a sequence', () => {
    const level1 = [...GENERAL_STANDARD_CHARS].slice(0, 3500);
    expect(level1.filter((ch) => strokeInfo(ch).source !== 'sequence')).toEqual([]);
  });

  it('stores well-formed codes: classes 1–5, subranks aligned', () => {
    for (const ch of [...GENERAL_STANDARD_CHARS].filter((_, i) => i % 97 === 0)) {
      const info = strokeInfo(ch);
      if (info.source !== 'sequence') continue;
      expect(strokeClasses(ch)).toMatch(/^[1-5]+$/);
      expect(strokeClasses(ch).length).toBe(info.count);
      expect(strokeSubranks(ch).length).toBe(info.count);
    }
  });
});

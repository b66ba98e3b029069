// The measure behind scripts/check-published-lists.ts: the share of names in official relative order
// is the longest increasing run of published positions in our order.
import { describe, expect, it } from 'vitest';
import { lisLength } from '../../scripts/check-published-lists';
import { sortNamesByStroke } from '../../core/order';

describe('agreement with a published list', () => {
  it('counts the names kept in relative order', () => {
    expect(lisLength([])).toBe(0);
    expect(lisLength([0, 1, 2, 3])).toBe(4);
    expect(lisLength([1, 0, 2, 3])).toBe(3); // one adjacent swap: one name out of place
    expect(lisLength([3, 0, 1, 2])).toBe(3); // one name moved far: still one
    expect(lisLength([3, 2, 1, 0])).toBe(1);
  });

  it('measures 100 % on a list in our order and (n − 1)/n with one name moved', () => {
    const published = ['丁一平', '于洋', '艾力更·依明巴海', '艾爱国', '田富', '田大利', '曾庆红'];
    const index = (names: string[]) => sortNamesByStroke(names).sorted.map((n) => names.indexOf(n));
    expect(lisLength(index(published))).toBe(published.length);
    const moved = ['丁一平', '于洋', '艾爱国', '艾力更·依明巴海', '田富', '田大利', '曾庆红'];
    expect(lisLength(index(moved))).toBe(moved.length - 1);
  });
});

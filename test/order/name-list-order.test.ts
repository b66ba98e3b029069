// The 姓氏笔画 order of published name lists (新华社's 按姓氏笔画为序 lists) where it differs from the
// 通用规范汉字表's character order: after stroke count and stroke classes the lists put 左右形字 before
// 上下形字 before 整体字 (字形结构), before any finer GF 3003 level. The pairs are the ones the check
// against the published lists found (scripts/check-published-lists.ts); the runs of names are short
// hand-made excerpts in published order, not the lists.
import { describe, expect, it } from 'vitest';
import { compareChars, compareNamesByStroke, sortNamesByStroke, strokeClasses, strokeCount } from '../../core/order';
import { nameCharKey } from '../../core/order/stroke-compare';
import { GENERAL_STANDARD_CHARS } from '../../core/order/data/general-standard-chars';
import { STRUCTURE_GROUPS } from '../../core/order/data/structure-table';

const inOrder = (names: string[]) => expect(sortNamesByStroke([...names].reverse()).sorted).toEqual(names);

describe('姓氏笔画 name-list order', () => {
  it('puts a 左右 character before an 整体 one of the same count and stroke classes (孔 巴, 次 衣, 叶 申)', () => {
    // Same count and classes: 孔 折竖横折 / 巴 折竖横折; 次 点横撇折撇点 / 衣 the same; 叶 / 申.
    for (const [a, b] of [
      ['孔', '巴'],
      ['次', '衣'],
      ['叶', '申'],
    ]) {
      expect(strokeCount(a)).toBe(strokeCount(b));
      expect(strokeClasses(a)).toBe(strokeClasses(b));
      expect(nameCharKey(a) < nameCharKey(b)).toBe(true);
    }
    inOrder(['孔军', '孔晓宏', '巴才洛', '巴音克西']);
    inOrder(['次仁顿珠', '衣立东']);
    inOrder(['叶建春', '申长雨']);
  });

  it('keeps the 通用规范汉字表 order for single characters (GF 3003 shapes: 巴 before 孔, 衣 before 次)', () => {
    expect(compareChars('巴', '孔')).toBeLessThan(0);
    expect(compareChars('衣', '次')).toBeLessThan(0);
  });

  it('leaves ties of structure to the finer levels (土 士 identical data: the table order; 干 于: 竖 before 竖钩)', () => {
    expect(compareNamesByStroke('土一', '士一')).toBeLessThan(0);
    expect(compareNamesByStroke('干一', '于一')).toBeLessThan(0);
    expect(compareNamesByStroke('从一', '父一')).toBeLessThan(0); // 从 左右 before 父 整体 (table: 父 从)
    expect(compareChars('父', '从')).toBeLessThan(0);
  });

  it('orders dotted names and names without a surname by their characters (excerpts of published runs)', () => {
    inOrder(['甘靖中', '艾力更·依明巴海', '艾尔肯·吐尼亚孜', '艾园林', '艾爱国', '古妩']);
    inOrder(['尹力', '尹弘', '巴特尔', '艾尔肯·吐尼亚孜', '石泰峰']);
    inOrder(['朱鹤新', '廷·巴特尔', '乔蓓华']);
    inOrder(['巴音朝鲁', '巴特尔', '艾力更·依明巴海']);
    // The single-given-name blank: every one-character given name before the two-character ones.
    inOrder(['马龙', '马伟', '马捷', '马飚', '马小洁', '马文娟']);
    inOrder(['陈敏尔', '努尔兰·阿不都满金', '苗华']);
  });

  it('has a structure rank for every character of the 8105 that ties another on count and classes', () => {
    const ranked = new Set(STRUCTURE_GROUPS.join(''));
    const groups = new Map<string, string[]>();
    for (const ch of GENERAL_STANDARD_CHARS) {
      const key = `${strokeCount(ch)}:${strokeClasses(ch)}`;
      groups.set(key, [...(groups.get(key) ?? []), ch]);
    }
    const unranked = [...groups.values()].filter((g) => g.length > 1).flatMap((g) => g.filter((c) => !ranked.has(c)));
    expect(unranked).toEqual([]);
    expect(ranked.size).toBeGreaterThan(600);
  });
});

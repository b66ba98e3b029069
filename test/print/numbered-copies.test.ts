import { beforeAll, describe, expect, it } from 'vitest';
import { eachNumberedCopy, formatCopyNumber, numberedCopiesPdf, planCopies } from '../../core/print/numbered-copies';
import { defaultLayoutSettings, mm } from '../../core/model/settings';
import { parseFont } from '../../core/fonts/font-set';
import { labelledPdf, readPdf, songFont, type ReadPage } from './helpers';

describe('copy numbers', () => {
  it('are zero padded to 6 digits by default, 3–6 allowed', () => {
    expect(formatCopyNumber(12)).toBe('000012');
    expect(formatCopyNumber(7, 3)).toBe('007');
    expect(() => formatCopyNumber(1, 2)).toThrow(/3～6/);
    expect(() => formatCopyNumber(1000, 3)).toThrow(/超出/);
    expect(() => formatCopyNumber(0)).toThrow(/正整数/);
  });
  it('plans copies with recipients in order and rejects more recipients than copies', () => {
    const c = planCopies({ count: 3, start: 98, digits: 3, recipients: ['张三', '李四'] });
    expect(c).toEqual([
      { number: '098', recipient: '张三' },
      { number: '099', recipient: '李四' },
      { number: '100', recipient: undefined },
    ]);
    expect(planCopies({ recipients: ['a', 'b'] })).toHaveLength(2);
    expect(() => planCopies({ count: 1, recipients: ['a', 'b'] })).toThrow(/多于份数/);
    expect(() => planCopies({})).toThrow(/份数/);
  });
});

describe('numbered copies PDF', () => {
  const layout = defaultLayoutSettings();
  let font: ReturnType<typeof parseFont>;
  let pages: ReadPage[];
  beforeAll(async () => {
    font = parseFont(songFont());
    const src = await labelledPdf(3);
    const copies = planCopies({ count: 4, recipients: ['张三', '李四', '民盟××市委会'] });
    pages = await readPdf(
      await numberedCopiesPdf(src, copies, { layout, font, recipientMark: 'footer', padEachTo: 2 }),
    );
  });

  it('holds every copy, each padded to an even page count so copies start on a new sheet', () => {
    expect(pages).toHaveLength(16);
    for (let k = 0; k < 4; k++) {
      expect(pages[k * 4].text).toContain('P1');
      expect(pages[k * 4 + 2].text).toContain('P3');
      expect(pages[k * 4 + 3].texts).toHaveLength(0);
    }
  });

  it('prints each copy’s own number on its cover, top-left of the text block, 16 pt, line 1', () => {
    for (let k = 0; k < 4; k++) {
      const num = `00000${k + 1}`;
      const t = pages[k * 4].texts.find((x) => x.str.includes(num));
      expect(t, num).toBeTruthy();
      expect(t!.size).toBeCloseTo(16, 0);
      expect(t!.x).toBeCloseTo(mm(layout.marginInner), 0);
      // baseline inside the first grid line below the top margin
      const top = pages[0].height - mm(layout.marginTop);
      const pitch = mm(layout.blockHeight) / layout.linesPerPage;
      expect(t!.y).toBeLessThan(top);
      expect(t!.y).toBeGreaterThan(top - pitch);
      // and on no other page of the copy
      expect(pages[k * 4 + 1].texts.some((x) => x.str === num)).toBe(false);
    }
  });

  it('puts the recipient and number in a light footer on every page', () => {
    expect(pages[1].text).toContain('张三');
    expect(pages[2].text).toContain('第 000001 号');
    expect(pages[9].text).toContain('民盟××市委会');
    expect(pages[12].text).toContain('第 000004 号');
    const footer = pages[5].texts.find((t) => t.str.includes('李四'))!;
    expect(footer.y).toBeLessThan(mm(12));
  });

  it('writes one file per copy with the right number', async () => {
    const seen: string[] = [];
    await eachNumberedCopy(
      await labelledPdf(2),
      planCopies({ count: 3, digits: 4 }),
      { layout, font, recipientMark: 'none' },
      async (c, bytes) => {
        const p = await readPdf(bytes);
        expect(p).toHaveLength(2);
        seen.push(p[0].texts.find((t) => /^\d{4}$/.test(t.str))!.str);
        expect(p[1].text).toBe('P2');
      },
    );
    expect(seen).toEqual(['0001', '0002', '0003']);
  });

  it('refuses duplicate numbers', async () => {
    await expect(
      numberedCopiesPdf(await labelledPdf(1), [{ number: '000001' }, { number: '000001' }], { layout, font }),
    ).rejects.toThrow(/重复/);
  });
});

describe('limits', () => {
  it('refuses a combined file beyond the page limit and points to one file per copy', async () => {
    const { MAX_PAGES_PER_FILE } = await import('../../core/print/numbered-copies');
    const copies = planCopies({ count: Math.floor(MAX_PAGES_PER_FILE / 10) + 1 });
    await expect(
      numberedCopiesPdf(await labelledPdf(10), copies, { layout: defaultLayoutSettings(), font: songFont() }),
    ).rejects.toThrow(/每份一个文件/);
  });
});

import { describe, expect, it } from 'vitest';
import { computePrintSheet, printSheetLines } from '../../core/print/print-sheet';
import { padCount } from '../../core/print/padding';

describe('print sheet', () => {
  it('counts sheets and reams for single, duplex and booklet printing', () => {
    const single = computePrintSheet({ pages: 163, copies: 100, mode: 'single' });
    expect(single).toMatchObject({ sheetsPerCopy: 163, sheets: 16300, reams: 33, reamsExact: 32.6, blankPages: 0 });
    const duplex = computePrintSheet({ pages: 163, copies: 100, mode: 'duplex' });
    expect(duplex).toMatchObject({ paddedPages: 164, blankPages: 1, sheetsPerCopy: 82, sheets: 8200, reams: 17 });
    const booklet = computePrintSheet({ pages: 163, copies: 100, mode: 'booklet', sparePercent: 3 });
    expect(booklet).toMatchObject({
      paddedPages: 164,
      sheetsPerCopy: 41,
      sheets: 4100,
      spareSheets: 123,
      totalSheets: 4223,
      reams: 9,
      paper: 'A3',
    });
    const lines = printSheetLines(booklet, '齐文化传承与创新会议材料汇编').join('\n');
    expect(lines).toContain('4223 张');
    expect(lines).toContain('需备 9 令');
  });
  it('pads to multiples', () => {
    expect([padCount(5, 4), padCount(8, 4), padCount(7, 2), padCount(7, 1)]).toEqual([3, 0, 1, 0]);
  });
});

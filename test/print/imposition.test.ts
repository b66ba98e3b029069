import { describe, expect, it, beforeAll } from 'vitest';
import { bookletOrder, imposeBooklet, imposeTwoUp } from '../../core/print/imposition';
import { A4, halves, labelledPdf, readPdf, type ReadPage } from './helpers';

describe('bookletOrder', () => {
  it('puts n, 1 on the first front and 2, n−1 on its back', () => {
    const s = bookletOrder(8);
    expect(s).toHaveLength(2);
    expect(s[0]).toEqual({ sheet: 1, front: { left: 8, right: 1 }, back: { left: 2, right: 7 } });
    expect(s[1]).toEqual({ sheet: 2, front: { left: 6, right: 3 }, back: { left: 4, right: 5 } });
  });
  it('pads to a multiple of 4 with blanks at the end', () => {
    const s = bookletOrder(6);
    expect(s[0].front).toEqual({ left: 0, right: 1 });
    expect(s[0].back).toEqual({ left: 2, right: 0 });
    expect(s[1].front).toEqual({ left: 6, right: 3 });
    expect(s[1].back).toEqual({ left: 4, right: 5 });
    // every real page appears exactly once
    const seen = s
      .flatMap((x) => [x.front.left, x.front.right, x.back.left, x.back.right])
      .filter((p) => p > 0)
      .sort((a, b) => a - b);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('rejects an empty document', () => {
    expect(() => bookletOrder(0)).toThrow(/至少/);
  });
});

/** The page labels on the left and right halves of an imposed page. */
const leftRight = (p: ReadPage): string[][] => {
  const h = halves(p);
  return [h.left, h.right];
};

describe('imposeBooklet', () => {
  let pages: ReadPage[];
  let sheetCount: number;
  beforeAll(async () => {
    const r = await imposeBooklet(await labelledPdf(10));
    sheetCount = r.sheets.length;
    pages = await readPdf(r.pdf);
  });
  it('makes one landscape A3 page per sheet side', () => {
    expect(sheetCount).toBe(3);
    expect(pages).toHaveLength(6);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(A4.width * 2, 0);
      expect(p.height).toBeCloseTo(A4.height, 0);
    }
  });
  it('reads back the saddle-stitch order from the halves', () => {
    // 10 pages → 12: sheet 1 front [12,1] back [2,11]; sheet 2 front [10,3] back [4,9]; sheet 3 [8,5] / [6,7]
    const expected = [
      [[], ['P1']],
      [['P2'], []],
      [['P10'], ['P3']],
      [['P4'], ['P9']],
      [['P8'], ['P5']],
      [['P6'], ['P7']],
    ];
    expect(pages.map(leftRight)).toEqual(expected);
  });
  it('A4 pages on an A4 sheet are scaled to A5 halves', async () => {
    const r = await imposeBooklet(await labelledPdf(4), { sheet: 'A4' });
    const p = await readPdf(r.pdf);
    expect(p[0].width).toBeCloseTo(A4.height, 0);
    expect(p[0].height).toBeCloseTo(A4.width, 0);
    const label = p[0].texts.find((t) => t.str === 'P1')!;
    expect(label.size).toBeCloseTo(24 * (A4.width / A4.height), 0);
  });
  it('creep moves inner sheets toward the spine', async () => {
    const src = await labelledPdf(8);
    const flat = await readPdf((await imposeBooklet(src)).pdf);
    const crept = await readPdf((await imposeBooklet(src, { creepMm: 2 })).pdf);
    const xOf = (p: ReadPage, s: string) => p.texts.find((t) => t.str === s)!.x;
    // sheet 1 unchanged
    expect(xOf(crept[0], 'P1')).toBeCloseTo(xOf(flat[0], 'P1'), 1);
    // sheet 2: right page P3 moves left by 2 mm, left page P6 moves right by 2 mm
    const d = (2 * 72) / 25.4;
    expect(xOf(crept[2], 'P3')).toBeCloseTo(xOf(flat[2], 'P3') - d, 1);
    expect(xOf(crept[2], 'P6')).toBeCloseTo(xOf(flat[2], 'P6') + d, 1);
  });
});

describe('imposeTwoUp', () => {
  it('puts pages 1+2, 3+4, 5 side by side', async () => {
    const pages = await readPdf(await imposeTwoUp(await labelledPdf(5)));
    expect(pages).toHaveLength(3);
    expect(pages.map(leftRight)).toEqual([
      [['P1'], ['P2']],
      [['P3'], ['P4']],
      [['P5'], []],
    ]);
  });
});

describe('signatures', () => {
  it('splits a thick dossier into folded signatures, padding only the last', async () => {
    const { signatureOrder } = await import('../../core/print/imposition');
    const s = signatureOrder(10, 2);
    expect(s.map((x) => [x.signature, x.sheet, x.front.left, x.front.right, x.back.left, x.back.right])).toEqual([
      [1, 1, 8, 1, 2, 7],
      [1, 2, 6, 3, 4, 5],
      [2, 1, 0, 9, 10, 0],
    ]);
    const pages = await readPdf((await imposeBooklet(await labelledPdf(10), { sheetsPerSignature: 2 })).pdf);
    expect(pages.map(leftRight)).toEqual([
      [['P8'], ['P1']],
      [['P2'], ['P7']],
      [['P6'], ['P3']],
      [['P4'], ['P5']],
      [[], ['P9']],
      [['P10'], []],
    ]);
  });
});

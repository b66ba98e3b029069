// Picture codecs on their own (issue 3): the PNG and BMP decoders, pdfkit embedding of our outputs,
// the time budget per document, the fast baseline-JPEG path, EXIF orientation and seeded random
// corruption. Fixtures: images-fixtures.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { decode as jpegDecode, encode as jpegEncode } from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { zlibSync } from 'fflate';
import { imageBudget, orient, prepareImageForPrint, resampleBox } from '../../core/read/images/downscale';
import { decodePng, encodePng, type Raster } from '../../core/read/images/png';
import { decodeBmp } from '../../core/read/images/bmp';
import { decodeJpegReduced } from '../../core/read/images/jpeg';
import { jpegHeader } from '../../scripts/make-fixtures';
import {
  jpeg,
  decodeAny,
  pngjs,
  px,
  chunk,
  concat,
  SIG,
  ihdr,
  pngRows,
  bmp,
  flatJpeg,
  cmykJpeg,
  gif,
  bigFixtures,
} from './images-fixtures';

let bigJpeg: Uint8Array, rgbaPng: Uint8Array, photoPng: Uint8Array;
beforeAll(async () => {
  ({ bigJpeg, rgbaPng, photoPng } = await bigFixtures());
}, 60_000);

// ───────────────────────── PNG decoder variants ─────────────────────────

describe('PNG decoder', () => {
  it('undoes all five filter types (RGB and RGBA) exactly', () => {
    for (const [ct, c] of [
      [2, 3],
      [6, 4],
    ] as const) {
      const w = 13;
      const h = 10;
      const rows = Array.from({ length: h }, (_, y) =>
        Uint8Array.from({ length: w * c }, (_, i) => (i * 37 + y * 101 + ((i * y) % 7)) & 255),
      );
      const r = decodePng(pngRows(w, h, 8, ct, rows, (y) => y % 5));
      expect(r.channels).toBe(c);
      expect(Array.from(r.data)).toEqual(rows.flatMap((x) => Array.from(x)));
    }
  });

  it('reads 4-bit palette with tRNS, 1-bit grey and 16-bit RGB', () => {
    const pal = chunk('PLTE', new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]));
    const trns = chunk('tRNS', new Uint8Array([255, 0]));
    const p4 = decodePng(
      pngRows(3, 2, 4, 3, [new Uint8Array([0x01, 0x20]), new Uint8Array([0x21, 0x00])], (y) => y, [pal, trns]),
    );
    expect(p4.channels).toBe(4);
    expect(Array.from(p4.data)).toEqual([
      255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255, 0, 255, 0, 0, 255, 0, 0, 255,
    ]);
    const g1 = decodePng(pngRows(10, 1, 1, 0, [new Uint8Array([0b10100000, 0b01000000])], () => 0));
    expect(Array.from(g1.data)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 0, 255]);
    const r16 = decodePng(
      pngRows(2, 1, 16, 2, [new Uint8Array([0x12, 0x34, 0xab, 0xcd, 0xff, 0xff, 0, 1, 2, 3, 4, 5])], () => 1),
    );
    expect(Array.from(r16.data)).toEqual([0x12, 0xab, 0xff, 0, 2, 4]);
  });

  it('reads Adam7-interlaced PNGs (every pass filtered on its own) exactly, and shrinks a big one', () => {
    const interlaced = (w: number, h: number, c: number, pixel: (x: number, y: number) => number[]) => {
      const passes = [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ];
      const raw: number[] = [];
      for (const [x0, y0, dx, dy] of passes) {
        const pw = Math.max(0, Math.ceil((w - x0) / dx));
        const ph = Math.max(0, Math.ceil((h - y0) / dy));
        if (!pw || !ph) continue;
        let prev = new Array(pw * c).fill(0);
        for (let y = 0; y < ph; y++) {
          const row = Array.from({ length: pw }, (_, x) => pixel(x0 + x * dx, y0 + y * dy)).flat();
          const f = y % 3 === 0 ? 2 : 1; // Up and Sub, alternating
          raw.push(f, ...row.map((v, i) => (v - (f === 2 ? prev[i] : i >= c ? row[i - c] : 0)) & 255));
          prev = row;
        }
      }
      return concat([
        SIG,
        ihdr(w, h, 8, c === 3 ? 2 : 6, 1),
        chunk('IDAT', zlibSync(new Uint8Array(raw))),
        chunk('IEND', new Uint8Array(0)),
      ]);
    };
    const colour = (x: number, y: number) => [(x * 11) & 255, (y * 7) & 255, (x ^ y) & 255];
    const small = decodePng(interlaced(13, 11, 3, colour));
    for (let y = 0; y < 11; y++) for (let x = 0; x < 13; x++) expect(px(small, x, y)).toEqual(colour(x, y));
    const o = prepareImageForPrint(interlaced(2200, 40, 4, (x) => (x < 1100 ? [255, 0, 0, 255] : [0, 0, 255, 128])));
    expect(o.ok && !o.notice && [o.image.mime, o.image.width, o.image.height]).toEqual(['image/png', 2000, 36]);
  });

  it('our encoder output is valid for png-js', async () => {
    const r: Raster = {
      width: 3,
      height: 2,
      channels: 2,
      data: new Uint8Array([0, 255, 50, 128, 100, 0, 150, 255, 200, 255, 250, 10]),
    };
    const back = await pngjs(encodePng(r));
    expect(Array.from(back.rgba)).toEqual([
      0, 0, 0, 255, 50, 50, 50, 128, 100, 100, 100, 0, 150, 150, 150, 255, 200, 200, 200, 255, 250, 250, 250, 10,
    ]);
  });

  it('box resampling averages exactly and keeps edges', () => {
    const r = resampleBox(
      { width: 4, height: 2, channels: 1, data: new Uint8Array([0, 100, 200, 40, 10, 110, 210, 60]) },
      2,
      1,
    );
    expect(Array.from(r.data)).toEqual([55, 128]);
  });
});

describe('BMP decoder', () => {
  it('refuses RLE and truncated files with a reason', () => {
    const b = bmp(4, 4, 24, () => [0, 0, 0]);
    const rle = b.slice();
    new DataView(rle.buffer).setUint32(30, 1, true);
    expect(() => decodeBmp(rle)).toThrow(/压缩方式/);
    expect(() => decodeBmp(b.subarray(0, 60))).toThrow(/截断/);
  });
});

describe('the outputs embed in pdfkit', () => {
  it('shrunk JPEG and RGBA PNG are accepted by pdfkit.image', async () => {
    const outs = [prepareImageForPrint(rgbaPng), prepareImageForPrint(photoPng)];
    const doc = new PDFDocument({ autoFirstPage: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((res) => doc.on('end', () => res()));
    for (const o of outs) {
      expect(o.ok).toBe(true);
      if (o.ok) doc.image(Buffer.from(o.image.bytes), { width: 300 });
    }
    doc.end();
    await done;
    expect(Buffer.concat(chunks).length).toBeGreaterThan(10_000);
  });
});

describe('time budget per document', () => {
  it('once a document has spent its shrinking budget, further big pictures are kept whole with a notice', () => {
    const budget = imageBudget(0);
    const o = prepareImageForPrint(photoPng, { budget });
    expect(o).toMatchObject({ ok: true, notice: { code: 'image.not-downscaled' } });
    if (o.ok) expect(o.image.bytes).toBe(photoPng);
    const fresh = imageBudget();
    const k = prepareImageForPrint(photoPng, { budget: fresh });
    expect(k.ok && k.image.width).toBe(2000);
    expect(fresh.spentMs).toBeGreaterThan(0);
  });
});

describe('fast baseline JPEG path (reduced IDCT, never full size in memory)', () => {
  /** Mean and max absolute difference between the fast path and jpeg-js + box resampling. */
  function compare(j: Uint8Array, scale: 1 | 2 | 4 | 8) {
    const fast = decodeJpegReduced(j, scale);
    expect(fast).toBeDefined();
    const f = fast!;
    const full = jpegDecode(j, { useTArray: true, formatAsRGBA: false });
    const ref = resampleBox(
      { width: full.width, height: full.height, channels: 3, data: full.data },
      f.width,
      f.height,
    );
    let sum = 0;
    let max = 0;
    for (let i = 0; i < f.width * f.height; i++)
      for (let k = 0; k < 3; k++) {
        const d = Math.abs(f.data[i * f.channels + (f.channels === 1 ? 0 : k)] - ref.data[i * 3 + k]);
        sum += d;
        max = Math.max(max, d);
      }
    return { w: f.width, h: f.height, mean: sum / (f.width * f.height * 3), max };
  }

  it('matches jpeg-js (then box-averaged) on a photo at every scale', () => {
    const j = jpeg(1600, 1200);
    for (const s of [1, 2, 4, 8] as const) {
      const r = compare(j, s);
      expect([r.w, r.h]).toEqual([1600 / s, 1200 / s]);
      expect(r.mean).toBeLessThan(1.5);
      expect(r.max).toBeLessThanOrEqual(8);
    }
  });

  it('handles 4:2:0, 4:2:2, greyscale and restart intervals, odd sizes included', () => {
    const ycc = (x: number, y: number, c: number) =>
      c === 0 ? (x * 3 + y) & 255 : c === 1 ? 128 + ((x >> 4) % 7) * 9 : 128 - ((y >> 4) % 5) * 11;
    for (const [name, sampling, restart] of [
      [
        '4:2:0',
        [
          [2, 2],
          [1, 1],
          [1, 1],
        ],
        0,
      ],
      [
        '4:2:2 with restarts',
        [
          [2, 1],
          [1, 1],
          [1, 1],
        ],
        7,
      ],
      [
        '4:4:4 with restarts',
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        1,
      ],
      ['grey', [[1, 1]], 3],
    ] as [string, [number, number][], number][]) {
      const j = flatJpeg(203, 117, sampling, ycc, { restart });
      for (const s of [1, 2] as const) {
        const r = compare(j, s);
        expect(r.mean, `${name} at 1/${s}`).toBeLessThan(2);
      }
    }
  });

  it('leaves progressive and CMYK files to jpeg-js, and refuses a cut stream', () => {
    const prog = jpegHeader(3000, 2000);
    prog[21] = 0xc2;
    expect(decodeJpegReduced(prog, 2)).toBeUndefined();
    expect(
      decodeJpegReduced(
        cmykJpeg(64, 64, () => [0, 0, 0, 0]),
        2,
      ),
    ).toBeUndefined();
    const j = jpeg(800, 600);
    expect(() => decodeJpegReduced(j.subarray(0, j.length >> 1), 2)).toThrow(/截断|损坏/);
  });

  it('the 6000×4000 phone photo takes the fast path: decoded at half size (3000×2000, 18 MB), never at full size', () => {
    const r = decodeJpegReduced(bigJpeg, 2);
    expect(r && [r.width, r.height, r.channels, r.data.length]).toEqual([3000, 2000, 3, 3000 * 2000 * 3]);
  });
});

describe('EXIF orientation (phone photos stored sideways)', () => {
  /** Inserts an APP1 Exif segment with the given orientation right after SOI (big- or little-endian). */
  function withOrientation(j: Uint8Array, o: number, le: boolean): Uint8Array {
    const tiff = le
      ? [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0, 0, 0]
      : [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const seg = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
    return new Uint8Array([0xff, 0xd8, ...seg, ...j.subarray(2)]);
  }

  it('orientation 6: a shrunk copy is turned upright (red on top), the size reported is the shown one', () => {
    const src = withOrientation(jpeg(2400, 1600), 6, false);
    const o = prepareImageForPrint(src);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect([o.image.width, o.image.height]).toEqual([1333, 2000]);
    expect(o.image.downscaledFrom).toEqual({ width: 1600, height: 2400 });
    const r = decodeAny(o.image.mime, o.image.bytes);
    expect([r.width, r.height]).toEqual([1333, 2000]);
    expect(px(r, 600, 300)[0]).toBeGreaterThan(180); // stored left half (red) is now the top
    expect(px(r, 600, 1700)[2]).toBeGreaterThan(180);
  });

  it('orientation 8 turns the other way; a small sideways JPEG is kept as is but laid out with its shown size', () => {
    const o = prepareImageForPrint(withOrientation(jpeg(2400, 1600), 8, true));
    if (!o.ok) throw new Error('not ok');
    const r = decodeAny(o.image.mime, o.image.bytes);
    expect(px(r, 600, 1700)[0]).toBeGreaterThan(180); // red at the bottom
    const small = withOrientation(jpeg(300, 200), 6, true);
    const k = prepareImageForPrint(small);
    expect(k.ok && [k.image.width, k.image.height, k.image.bytes === small]).toEqual([200, 300, true]);
  });

  it('orient() maps all eight orientations', () => {
    // 3×2 raster with distinct values: 0 1 2 / 3 4 5
    const r: Raster = { width: 3, height: 2, channels: 1, data: new Uint8Array([0, 1, 2, 3, 4, 5]) };
    const got = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => Array.from(orient(r, n).data));
    expect(got).toEqual([
      [0, 1, 2, 3, 4, 5],
      [2, 1, 0, 5, 4, 3],
      [5, 4, 3, 2, 1, 0],
      [3, 4, 5, 0, 1, 2],
      [0, 3, 1, 4, 2, 5],
      [3, 0, 4, 1, 5, 2],
      [5, 2, 4, 1, 3, 0],
      [2, 5, 1, 4, 0, 3],
    ]);
  });
});

describe('damaged bytes never escape as exceptions', () => {
  it('seeded random corruption of small PNG, JPEG, BMP and GIF files: always an outcome, and any re-encoded output decodes again', () => {
    const palette = Array.from({ length: 256 }, (_, i) => [i, i, 255 - i]);
    const rgba = new Uint8Array(48 * 32 * 4).map((_, i) => (i * 29) & 255);
    const sources = [
      encodePng({ width: 48, height: 32, channels: 4, data: rgba }),
      new Uint8Array(jpegEncode({ width: 48, height: 32, data: rgba }, 80).data),
      bmp(48, 32, 24, (x, y) => [x * 5, y * 7, 9]),
      gif(48, 32, palette, [Array.from({ length: 48 * 32 }, (_, i) => (i * 7) % 251)]),
    ];
    let seed = 2024;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const seen = new Set<string>();
    const t0 = performance.now();
    for (const src of sources)
      for (let round = 0; round < 40; round++) {
        const b = src.slice(0, round % 5 === 4 ? 20 + rnd(src.length - 20) : src.length);
        // Keep the header intact (sniffing and size must still pass) and damage the body.
        for (let k = 0; k < 1 + rnd(6); k++) b[30 + rnd(b.length - 30)] = rnd(256);
        let got: ReturnType<typeof prepareImageForPrint> | undefined;
        expect(() => (got = prepareImageForPrint(b, { maxSide: 16 }))).not.toThrow();
        const o = got!;
        seen.add(o.ok ? (o.notice?.code ?? 'ok') : o.code);
        if (o.ok && o.image.bytes !== b) {
          const out = o.image;
          expect(() => decodeAny(out.mime, out.bytes)).not.toThrow();
        }
      }
    expect(performance.now() - t0).toBeLessThan(10_000);
    // The corruption must actually have been noticed sometimes, and survived sometimes.
    expect(seen.has('image.corrupt') || seen.has('image.damaged')).toBe(true);
    expect(seen.has('ok')).toBe(true);
  });
});

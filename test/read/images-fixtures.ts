// Fixtures for the picture tests (images-downscale, images-codecs): generated pictures (jpeg-js,
// our PNG encoder, a test-side PNG writer with every filter type, hand-made BMP/GIF/JPEG files),
// documents wrapping them, and checks shared by both files.
import { expect } from 'vitest';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { decode as jpegDecode, encode as jpegEncode } from 'jpeg-js';
// @ts-expect-error png-js ships no types; it is pdfkit's PNG decoder, used here as an independent reader.
import PNGJS from 'png-js';
import { zlibSync } from 'fflate';
import type { Block, SourceDoc } from '../../core/model/document';
import { readDocx } from '../../core/read/docx/index';
import { PRINT_IMAGE } from '../../core/read/images/downscale';
import { crc32, decodePng, encodePng, type Raster } from '../../core/read/images/png';
import { concatBytes } from '../../core/bytes/concat';

export const MAX = PRINT_IMAGE.maxSide;
export const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
export const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** A photo-like RGBA picture: red on the left half, blue on the right, with a gradient and noise. */
export function photo(w: number, h: number): Uint8Array {
  const d = new Uint8Array(w * h * 4);
  let seed = 12345;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) & 31;
      const i = (y * w + x) * 4;
      const left = x < w / 2;
      d[i] = left ? 200 + (n >> 1) : 20 + n;
      d[i + 1] = Math.floor((y / h) * 120) + n;
      d[i + 2] = left ? 20 + n : 200 + (n >> 1);
      d[i + 3] = 255;
    }
  return d;
}

export function jpeg(w: number, h: number): Uint8Array {
  const enc = jpegEncode({ width: w, height: h, data: photo(w, h) }, 90);
  return new Uint8Array(enc.data);
}

export async function docxWithImage(data: Uint8Array, type: 'jpg' | 'png' | 'bmp'): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('关于城市更新的几点建议'),
          new Paragraph({ children: [new ImageRun({ type, data, transformation: { width: 600, height: 400 } })] }),
          new Paragraph('正文结束。'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function read(bytes: Uint8Array, name = '图片.docx'): Promise<SourceDoc> {
  const r = await readDocx(bytes, name);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export const imagesOf = (d: SourceDoc) =>
  d.blocks.filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
export const codes = (d: SourceDoc) => (d.warnings ?? []).map((w) => w.code);

export function decodeAny(mime: string, bytes: Uint8Array): Raster {
  if (mime === 'image/png') return decodePng(bytes);
  const j = jpegDecode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: j.width, height: j.height, channels: 3, data: j.data };
}

/** png-js (pdfkit's own PNG decoder) reads our PNG to RGBA. */
export function pngjs(bytes: Uint8Array): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  const p = new PNGJS(Buffer.from(bytes)) as {
    width: number;
    height: number;
    decode: (fn: (px: Uint8Array) => void) => void;
  };
  return new Promise((resolve) =>
    p.decode((px: Uint8Array) => resolve({ width: p.width, height: p.height, rgba: new Uint8Array(px) })),
  );
}

export const px = (r: Raster, x: number, y: number) =>
  Array.from(r.data.subarray((y * r.width + x) * r.channels, (y * r.width + x + 1) * r.channels));

export function expectFitted(block: { width: number; height: number }, from: { width: number; height: number }) {
  expect(Math.max(block.width, block.height)).toBeLessThanOrEqual(MAX);
  expect(Math.max(block.width, block.height)).toBeGreaterThanOrEqual(MAX - 1);
  // Aspect ratio kept to within one pixel of rounding.
  expect(Math.abs(block.width / block.height - from.width / from.height)).toBeLessThan(
    1 / Math.min(block.width, block.height) + 1e-9,
  );
}

// ───────────────────────── test-side writers ─────────────────────────

export function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  const t = new Uint8Array([...type].map((c) => c.charCodeAt(0)));
  out.set(t, 4);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc32([t, body]));
  return out;
}
export const concat = concatBytes;
export const SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export function ihdr(w: number, h: number, depth: number, colorType: number, interlace = 0): Uint8Array {
  const b = new Uint8Array(13);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  b.set([depth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', b);
}

/** Writes packed rows with the given filter per row (0–4), independently of core's encoder. */
export function pngRows(
  w: number,
  h: number,
  depth: number,
  colorType: number,
  rows: Uint8Array[],
  filterOf: (y: number) => number,
  extra: Uint8Array[] = [],
): Uint8Array {
  const samples = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType]!;
  const bpp = Math.max(1, (samples * depth) >> 3);
  const stride = rows[0].length;
  const raw = new Uint8Array(h * (stride + 1));
  for (let y = 0; y < h; y++) {
    const f = filterOf(y);
    const cur = rows[y];
    const prev = y > 0 ? rows[y - 1] : new Uint8Array(stride);
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      const p = a + b - c;
      const pr =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, pr][f];
      raw[y * (stride + 1) + 1 + x] = (cur[x] - pred) & 255;
    }
  }
  return concat([
    SIG,
    ihdr(w, h, depth, colorType),
    ...extra,
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A 24-bit bottom-up BMP, or an 8-bit palette top-down one. */
export function bmp(
  w: number,
  h: number,
  bits: 24 | 8,
  pixel: (x: number, y: number) => [number, number, number],
): Uint8Array {
  const stride = Math.floor((w * bits + 31) / 32) * 4;
  const palette: number[][] = [];
  const paletteBytes = bits === 8 ? 256 * 4 : 0;
  const offset = 14 + 40 + paletteBytes;
  const b = new Uint8Array(offset + stride * h);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, b.length, true);
  dv.setUint32(10, offset, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, w, true);
  dv.setInt32(22, bits === 8 ? -h : h, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, bits, true);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, bl] = pixel(x, y);
      if (bits === 24) {
        const p = offset + (h - 1 - y) * stride + x * 3;
        b.set([bl, g, r], p);
      } else {
        let idx = palette.findIndex((c) => c[0] === r && c[1] === g && c[2] === bl);
        if (idx < 0) idx = palette.push([r, g, bl]) - 1;
        b[offset + y * stride + x] = idx;
      }
    }
  palette.forEach((c, i) => b.set([c[2], c[1], c[0], 0], 54 + i * 4));
  if (bits === 8) dv.setUint32(46, 256, true);
  return b;
}

/**
 * A baseline JPEG made of flat 8×8 blocks, so only DC coefficients need coding: any component
 * count and sampling factors, optional restart interval and Adobe APP14 transform. `value(x, y, c)`
 * gives component c's sample (0–255, as stored) for the block whose top-left source pixel is (x, y).
 */
export function flatJpeg(
  w: number,
  h: number,
  sampling: [number, number][],
  value: (x: number, y: number, c: number) => number,
  opts: { restart?: number; adobe?: number } = {},
): Uint8Array {
  const seg = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 255,
    ...body,
  ];
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  // Canonical codes of the standard luminance DC table, by category.
  const dcCode: [number, number][] = [];
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < dcBits[len - 1]; i++) dcCode[k++] = [code++, len];
    code <<= 1;
  }
  const nc = sampling.length;
  const hmax = Math.max(...sampling.map((x) => x[0]));
  const vmax = Math.max(...sampling.map((x) => x[1]));
  const head = [
    0xff,
    0xd8,
    ...(opts.adobe !== undefined ? seg(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, opts.adobe]) : []),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [
      8,
      h >> 8,
      h & 255,
      w >> 8,
      w & 255,
      nc,
      ...sampling.flatMap(([sh, sv], i) => [i + 1, (sh << 4) | sv, 0]),
    ]),
    ...seg(0xc4, [0x00, ...dcBits, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    ...seg(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]),
    ...(opts.restart ? seg(0xdd, [opts.restart >> 8, opts.restart & 255]) : []),
    ...seg(0xda, [nc, ...sampling.flatMap((_, i) => [i + 1, 0]), 0, 63, 0]),
  ];
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  const put = (v: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((v >> i) & 1);
      if (++n === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0);
        acc = 0;
        n = 0;
      }
    }
  };
  const pred = new Array(nc).fill(0);
  // A single-component scan is not interleaved: one block per MCU, whatever the sampling says.
  const single = nc === 1;
  const mcuW = single ? 8 : 8 * hmax;
  const mcuH = single ? 8 : 8 * vmax;
  const mcusX = Math.ceil(w / mcuW);
  const mcusY = Math.ceil(h / mcuH);
  let mcu = 0;
  let rst = 0;
  for (let my = 0; my < mcusY; my++)
    for (let mx = 0; mx < mcusX; mx++) {
      if (opts.restart && mcu > 0 && mcu % opts.restart === 0) {
        if (n) put(0xff, 8 - n);
        out.push(0xff, 0xd0 + (rst++ & 7));
        pred.fill(0);
      }
      for (let c = 0; c < nc; c++) {
        const [sh, sv] = single ? [1, 1] : sampling[c];
        const bw = mcuW / sh; // source pixels covered by one block of this component
        const bh = mcuH / sv;
        for (let by = 0; by < sv; by++)
          for (let bx = 0; bx < sh; bx++) {
            const dc = (value(Math.min(w - 1, mx * mcuW + bx * bw), Math.min(h - 1, my * mcuH + by * bh), c) - 128) * 8;
            const diff = dc - pred[c];
            pred[c] = dc;
            const cat = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
            put(dcCode[cat][0], dcCode[cat][1]);
            if (cat) put(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
            put(0, 1); // EOB
          }
      }
      mcu++;
    }
  if (n) put(0xff, 8 - n);
  return new Uint8Array([...head, ...out, 0xff, 0xd9]);
}

/** An Adobe CMYK JPEG (transform 0, inverted samples as Photoshop writes them) of flat blocks. */
export function cmykJpeg(
  w: number,
  h: number,
  ink: (x: number, y: number) => [number, number, number, number],
): Uint8Array {
  return flatJpeg(
    w,
    h,
    [
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ],
    (x, y, c) => 255 - ink(x, y)[c],
    { adobe: 0 },
  );
}

/** A GIF written here (real LZW with a growing dictionary, as omggif encodes), frames of indices. */
export function gif(
  w: number,
  h: number,
  palette: number[][],
  frames: number[][],
  opts: { transparent?: number; interlace?: boolean } = {},
): Uint8Array {
  const bytes: number[] = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, w & 255, w >> 8, h & 255, h >> 8, 0xf7, 0, 0];
  for (let i = 0; i < 256; i++) bytes.push(...(palette[i] ?? [0, 0, 0]));
  if (opts.transparent !== undefined) bytes.push(0x21, 0xf9, 4, 1, 0, 0, opts.transparent, 0);
  for (const frame of frames) {
    bytes.push(0x2c, 0, 0, 0, 0, w & 255, w >> 8, h & 255, h >> 8, opts.interlace ? 0x40 : 0, 8);
    let rows = frame;
    if (opts.interlace) {
      rows = [];
      for (const [start, step] of [
        [0, 8],
        [4, 8],
        [2, 4],
        [1, 2],
      ])
        for (let y = start; y < h; y += step) rows.push(...frame.slice(y * w, (y + 1) * w));
    }
    const out: number[] = [];
    let acc = 0;
    let n = 0;
    const emit = (code: number, size: number) => {
      acc |= code << n;
      n += size;
      while (n >= 8) {
        out.push(acc & 255);
        acc >>>= 8;
        n -= 8;
      }
    };
    const clear = 256;
    let size = 9;
    let next = 258;
    const table = new Map<number, number>();
    emit(clear, size);
    let cur = rows[0];
    for (let i = 1; i < rows.length; i++) {
      const k = rows[i];
      const hit = table.get((cur << 8) | k);
      if (hit !== undefined) {
        cur = hit;
        continue;
      }
      emit(cur, size);
      if (next === 4096) {
        emit(clear, size);
        next = 258;
        size = 9;
        table.clear();
      } else {
        if (next >= 1 << size) size++;
        table.set((cur << 8) | k, next++);
      }
      cur = k;
    }
    emit(cur, size);
    emit(257, size);
    if (n) out.push(acc & 255);
    for (let i = 0; i < out.length; i += 255) bytes.push(Math.min(255, out.length - i), ...out.slice(i, i + 255));
    bytes.push(0);
  }
  bytes.push(0x3b);
  return new Uint8Array(bytes);
}

// ───────────────────────── fixtures ─────────────────────────

// ───────────────────────── bombs and damage ─────────────────────────

/** A valid IHDR of w × h followed by an IDAT of random bytes. */
export function corruptPng(w: number, h: number): Uint8Array {
  const junk = new Uint8Array(5000);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 255;
  junk[0] = 0x78;
  junk[1] = 0x9c;
  return concat([SIG, ihdr(w, h, 8, 2), chunk('IDAT', junk), chunk('IEND', new Uint8Array(0))]);
}

/** The big pictures several suites use, made once per test file (a few seconds). */
export interface BigFixtures {
  bigJpeg: Uint8Array; // 6000 × 4000, like a phone photo
  bigJpegDocx: Uint8Array;
  rgbaPng: Uint8Array; // 2600 × 1800 with a transparent band
  diagramPng: Uint8Array; // 3000 × 1500, black lines on white (few colours)
  photoPng: Uint8Array; // 2400 × 1600 RGB photo-like, no alpha
}
let big: Promise<BigFixtures> | undefined;
export function bigFixtures(): Promise<BigFixtures> {
  big ??= (async () => {
    const bigJpeg = jpeg(6000, 4000);
    const bigJpegDocx = await docxWithImage(bigJpeg, 'jpg');

    const w = 2600;
    const h = 1800;
    const d = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        d.set([x & 255, y & 255, 128, y < h / 3 ? 0 : 255], i);
      }
    const rgbaPng = encodePng({ width: w, height: h, channels: 4, data: d });

    const dg = new Uint8Array(3000 * 1500 * 3).fill(255);
    for (let y = 0; y < 1500; y++)
      for (let x = 0; x < 3000; x++)
        if (x % 100 < 4 || y % 100 < 4) dg.fill(0, (y * 3000 + x) * 3, (y * 3000 + x) * 3 + 3);
    const diagramPng = encodePng({ width: 3000, height: 1500, channels: 3, data: dg });

    const ph = photo(2400, 1600);
    const rgb = new Uint8Array(2400 * 1600 * 3);
    for (let i = 0, o = 0; i < ph.length; i += 4) {
      rgb[o++] = ph[i];
      rgb[o++] = ph[i + 1];
      rgb[o++] = ph[i + 2];
    }
    const photoPng = encodePng({ width: 2400, height: 1600, channels: 3, data: rgb });
    return { bigJpeg, bigJpegDocx, rgbaPng, diagramPng, photoPng };
  })();
  return big;
}

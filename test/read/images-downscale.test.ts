// Pictures on import (reliability H7/B5, issue 3): a picture larger than the print size is decoded,
// shrunk to at most PRINT_IMAGE.maxSide with its aspect ratio kept and re-encoded; a BMP is
// converted; a dimension bomb is refused from its header before any decoding; a damaged body is a
// clear warning, never a crash. Fixtures are generated here (jpeg-js, our PNG encoder, a test-side
// PNG writer with every filter type, hand-made BMPs); outputs are decoded again (and PNGs also by
// png-js, the decoder pdfkit uses) and checked pixel by pixel where it matters.
import { beforeAll, describe, expect, it } from 'vitest';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { decode as jpegDecode, encode as jpegEncode } from 'jpeg-js';
// @ts-expect-error png-js ships no types; it is pdfkit's PNG decoder, used here as an independent reader.
import PNGJS from 'png-js';
import PDFDocument from 'pdfkit';
import { zlibSync } from 'fflate';
import type { Block, SourceDoc } from '../../core/model/document';
import { documentText } from '../../core/model/document';
import { readDocx } from '../../core/read/docx/index';
import { readMarkdown } from '../../core/read/markdown';
import { PRINT_IMAGE, imageBudget, orient, prepareImageForPrint, resampleBox } from '../../core/read/images/downscale';
import { crc32, decodePng, encodePng, type Raster } from '../../core/read/images/png';
import { decodeBmp } from '../../core/read/images/bmp';
import { decodeJpegReduced } from '../../core/read/images/jpeg';
import { IMAGE_INFO_CODES } from '../../core/read/images/messages';
import { buildDocx, drawing, jpegHeader, para, pngHeaderOnly } from '../../scripts/make-fixtures';

const MAX = PRINT_IMAGE.maxSide;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** A photo-like RGBA picture: red on the left half, blue on the right, with a gradient and noise. */
function photo(w: number, h: number): Uint8Array {
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

function jpeg(w: number, h: number): Uint8Array {
  const enc = jpegEncode({ width: w, height: h, data: photo(w, h) }, 90);
  return new Uint8Array(enc.data);
}

async function docxWithImage(data: Uint8Array, type: 'jpg' | 'png' | 'bmp'): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: [new Paragraph('关于城市更新的几点建议'), new Paragraph({ children: [new ImageRun({ type, data, transformation: { width: 600, height: 400 } })] }), new Paragraph('正文结束。')] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function read(bytes: Uint8Array, name = '图片.docx'): Promise<SourceDoc> {
  const r = await readDocx(bytes, name);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const imagesOf = (d: SourceDoc) => d.blocks.filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
const codes = (d: SourceDoc) => (d.warnings ?? []).map((w) => w.code);

function decodeAny(mime: string, bytes: Uint8Array): Raster {
  if (mime === 'image/png') return decodePng(bytes);
  const j = jpegDecode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: j.width, height: j.height, channels: 3, data: j.data };
}

/** png-js (pdfkit's own PNG decoder) reads our PNG to RGBA. */
function pngjs(bytes: Uint8Array): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  const p = new PNGJS(Buffer.from(bytes)) as { width: number; height: number; decode: (fn: (px: Uint8Array) => void) => void };
  return new Promise((resolve) => p.decode((px: Uint8Array) => resolve({ width: p.width, height: p.height, rgba: new Uint8Array(px) })));
}

const px = (r: Raster, x: number, y: number) => Array.from(r.data.subarray((y * r.width + x) * r.channels, (y * r.width + x + 1) * r.channels));

function expectFitted(block: { width: number; height: number }, from: { width: number; height: number }) {
  expect(Math.max(block.width, block.height)).toBeLessThanOrEqual(MAX);
  expect(Math.max(block.width, block.height)).toBeGreaterThanOrEqual(MAX - 1);
  // Aspect ratio kept to within one pixel of rounding.
  expect(Math.abs(block.width / block.height - from.width / from.height)).toBeLessThan(1 / Math.min(block.width, block.height) + 1e-9);
}

// ───────────────────────── test-side writers ─────────────────────────

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  const t = new Uint8Array([...type].map((c) => c.charCodeAt(0)));
  out.set(t, 4);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc32([t, body]));
  return out;
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
const SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(w: number, h: number, depth: number, colorType: number, interlace = 0): Uint8Array {
  const b = new Uint8Array(13);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  b.set([depth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', b);
}

/** Writes packed rows with the given filter per row (0–4), independently of core's encoder. */
function pngRows(w: number, h: number, depth: number, colorType: number, rows: Uint8Array[], filterOf: (y: number) => number, extra: Uint8Array[] = []): Uint8Array {
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
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, pr][f];
      raw[y * (stride + 1) + 1 + x] = (cur[x] - pred) & 255;
    }
  }
  return concat([SIG, ihdr(w, h, depth, colorType), ...extra, chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** A 24-bit bottom-up BMP, or an 8-bit palette top-down one. */
function bmp(w: number, h: number, bits: 24 | 8, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
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
function flatJpeg(w: number, h: number, sampling: [number, number][], value: (x: number, y: number, c: number) => number, opts: { restart?: number; adobe?: number } = {}): Uint8Array {
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
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
    0xff, 0xd8,
    ...(opts.adobe !== undefined ? seg(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, opts.adobe]) : []),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [8, h >> 8, h & 255, w >> 8, w & 255, nc, ...sampling.flatMap(([sh, sv], i) => [i + 1, (sh << 4) | sv, 0])]),
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
function cmykJpeg(w: number, h: number, ink: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  return flatJpeg(w, h, [[1, 1], [1, 1], [1, 1], [1, 1]], (x, y, c) => 255 - ink(x, y)[c], { adobe: 0 });
}

/** A GIF written here (real LZW with a growing dictionary, as omggif encodes), frames of indices. */
function gif(w: number, h: number, palette: number[][], frames: number[][], opts: { transparent?: number; interlace?: boolean } = {}): Uint8Array {
  const bytes: number[] = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, w & 255, w >> 8, h & 255, h >> 8, 0xf7, 0, 0];
  for (let i = 0; i < 256; i++) bytes.push(...(palette[i] ?? [0, 0, 0]));
  if (opts.transparent !== undefined) bytes.push(0x21, 0xf9, 4, 1, 0, 0, opts.transparent, 0);
  for (const frame of frames) {
    bytes.push(0x2c, 0, 0, 0, 0, w & 255, w >> 8, h & 255, h >> 8, opts.interlace ? 0x40 : 0, 8);
    let rows = frame;
    if (opts.interlace) {
      rows = [];
      for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]]) for (let y = start; y < h; y += step) rows.push(...frame.slice(y * w, (y + 1) * w));
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

let bigJpeg: Uint8Array; // 6000 × 4000, like a phone photo
let bigJpegDocx: Uint8Array;
let rgbaPng: Uint8Array; // 2600 × 1800 with a transparent band
let diagramPng: Uint8Array; // 3000 × 1500, black lines on white (few colours)
let photoPng: Uint8Array; // 2400 × 1600 RGB photo-like, no alpha

beforeAll(async () => {
  bigJpeg = jpeg(6000, 4000);
  bigJpegDocx = await docxWithImage(bigJpeg, 'jpg');

  const w = 2600;
  const h = 1800;
  const d = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      d.set([x & 255, y & 255, 128, y < h / 3 ? 0 : 255], i);
    }
  rgbaPng = encodePng({ width: w, height: h, channels: 4, data: d });

  const dg = new Uint8Array(3000 * 1500 * 3).fill(255);
  for (let y = 0; y < 1500; y++) for (let x = 0; x < 3000; x++) if (x % 100 < 4 || y % 100 < 4) dg.fill(0, (y * 3000 + x) * 3, (y * 3000 + x) * 3 + 3);
  diagramPng = encodePng({ width: 3000, height: 1500, channels: 3, data: dg });

  const ph = photo(2400, 1600);
  const rgb = new Uint8Array(2400 * 1600 * 3);
  for (let i = 0, o = 0; i < ph.length; i += 4) {
    rgb[o++] = ph[i];
    rgb[o++] = ph[i + 1];
    rgb[o++] = ph[i + 2];
  }
  photoPng = encodePng({ width: 2400, height: 1600, channels: 3, data: rgb });
}, 60_000);

// ───────────────────────── DOCX ─────────────────────────

describe('DOCX: pictures over the print size are shrunk', () => {
  it('a 6000×4000 phone photo (docx ImageRun) becomes a ≤2000 px JPEG, same aspect, decodable, colours in place, with an info warning', async () => {
    const t0 = performance.now();
    const d = await read(bigJpegDocx, '城市更新.docx');
    const ms = performance.now() - t0;
    console.info(`[images] import of a DOCX with a 6000×4000 JPEG (${(bigJpeg.length / 1048576).toFixed(1)} MB): ${ms.toFixed(0)} ms`);
    const [img] = imagesOf(d);
    expect(img).toBeDefined();
    expect(img.width).toBe(2000);
    expect(img.height).toBe(1333);
    expectFitted(img, { width: 6000, height: 4000 });
    const res = d.images[img.resource];
    expect(res.mime).toBe('image/jpeg');
    const out = unb64(res.data);
    expect(out.length).toBeLessThan(bigJpeg.length / 3);
    const r = decodeAny(res.mime, out);
    expect([r.width, r.height]).toEqual([img.width, img.height]);
    const left = px(r, 500, 600);
    const right = px(r, 1500, 600);
    expect(left[0]).toBeGreaterThan(180);
    expect(left[2]).toBeLessThan(70);
    expect(right[2]).toBeGreaterThan(180);
    expect(right[0]).toBeLessThan(70);
    const w = d.warnings.find((x) => x.code === 'image.downscaled');
    expect(w?.message).toMatch(/城市更新\.docx：图片 .+ 原为 6000×4000 像素，已按印刷需要缩小为 2000×1333 像素/);
    expect(IMAGE_INFO_CODES.has('image.downscaled')).toBe(true);
    expect(documentText(d)).toContain('正文结束');
  });

  it('an RGBA PNG keeps its transparency (PNG out, read back by png-js as pdfkit would)', async () => {
    const d = await read(await docxWithImage(rgbaPng, 'png'));
    const [img] = imagesOf(d);
    expectFitted(img, { width: 2600, height: 1800 });
    const res = d.images[img.resource];
    expect(res.mime).toBe('image/png');
    const p = await pngjs(unb64(res.data));
    expect([p.width, p.height]).toEqual([img.width, img.height]);
    const alphaAt = (x: number, y: number) => p.rgba[(y * p.width + x) * 4 + 3];
    expect(alphaAt(100, 50)).toBe(0);
    expect(alphaAt(100, Math.floor(p.height * 0.8))).toBe(255);
    // Premultiplied averaging: the opaque pixels keep their blue channel exactly.
    expect(p.rgba[(Math.floor(p.height * 0.8) * p.width + 100) * 4 + 2]).toBe(128);
    expect(codes(d)).toContain('image.downscaled');
  });

  it('a diagram with few colours stays PNG; a photo-like PNG becomes JPEG', async () => {
    const dd = await read(buildDocx({ body: para(drawing('rIdA')) + para(drawing('rIdB')), rels: { rIdA: ['image', 'media/diagram.png'], rIdB: ['image', 'media/photo.png'] }, media: { 'diagram.png': diagramPng, 'photo.png': photoPng } }));
    const [a, b] = imagesOf(dd);
    expect(dd.images[a.resource].mime).toBe('image/png');
    expect([a.width, a.height]).toEqual([2000, 1000]);
    expect(dd.images[b.resource].mime).toBe('image/jpeg');
    expect([b.width, b.height]).toEqual([2000, 1333]);
    // Lines are 4 px in 3000: 2.67 px after shrinking, still clearly dark.
    const r = decodePng(unb64(dd.images[a.resource].data));
    expect(px(r, 1, 500)[0]).toBeLessThan(60);
    expect(px(r, 40, 40)[0]).toBe(255);
    expect(dd.warnings.filter((w) => w.code === 'image.downscaled').map((w) => w.message.match(/图片 (\S+)/)?.[1])).toEqual(['diagram.png', 'photo.png']);
  });

  it('a picture within the print size is kept byte for byte, without any warning', async () => {
    const small = jpeg(1200, 800);
    const d = await read(await docxWithImage(small, 'jpg'));
    const [img] = imagesOf(d);
    expect(unb64(d.images[img.resource].data)).toEqual(small);
    expect([img.width, img.height]).toEqual([1200, 800]);
    expect(d.warnings.filter((w) => w.code.startsWith('image.'))).toEqual([]);
  });

  it('BMP pictures are converted to PNG (24-bit bottom-up exact; 8-bit palette top-down also shrunk)', async () => {
    const colour = (x: number, y: number): [number, number, number] => [x * 3 % 256, y * 5 % 256, 77];
    const small = bmp(70, 40, 24, colour);
    const wide = bmp(2400, 30, 8, (x) => (x < 1200 ? [255, 0, 0] : [0, 0, 255]));
    const d = await read(buildDocx({ body: para(drawing('rIdA')) + para(drawing('rIdB')), rels: { rIdA: ['image', 'media/a.bmp'], rIdB: ['image', 'media/b.bmp'] }, media: { 'a.bmp': small, 'b.bmp': wide } }));
    const [a, b] = imagesOf(d);
    expect(d.images[a.resource].mime).toBe('image/png');
    const ra = decodePng(unb64(d.images[a.resource].data));
    expect([ra.width, ra.height]).toEqual([70, 40]);
    for (const [x, y] of [[0, 0], [69, 39], [33, 17]]) expect(px(ra, x, y)).toEqual(colour(x, y));
    expect([b.width, b.height]).toEqual([2000, 25]);
    const rb = decodePng(unb64(d.images[b.resource].data));
    expect(px(rb, 10, 0)).toEqual([255, 0, 0]);
    expect(px(rb, 1990, 24)).toEqual([0, 0, 255]);
    expect(codes(d).filter((c) => c === 'image.converted')).toHaveLength(2);
    expect(d.warnings.find((w) => w.code === 'image.converted')?.message).toContain('由 BMP 格式转换为 PNG');
  });
});

describe('GIF pictures are converted, not dropped', () => {
  const palette = Array.from({ length: 256 }, (_, i) => [i, 255 - i, (i * 7) & 255]);
  // A pattern with repeats (long dictionary strings) and noise (dictionary growth up to the 4096 reset).
  const pattern = (w: number, h: number, salt: number) => Array.from({ length: w * h }, (_, i) => (((i % w) >> 3) + ((Math.floor(i / w) * 13) ^ (i % 5 === 0 ? i * salt : 0))) & 255);

  it('a GIF (DOCX) becomes a PNG with exactly the same pixels; interlaced and transparent GIFs too', async () => {
    const w = 120;
    const h = 90;
    const idx = pattern(w, h, 31);
    const plain = gif(w, h, palette, [idx]);
    const inter = gif(w, h, palette, [idx], { interlace: true, transparent: idx[0] });
    const d = await read(buildDocx({ body: para(drawing('rIdA')) + para(drawing('rIdB')), rels: { rIdA: ['image', 'media/a.gif'], rIdB: ['image', 'media/b.gif'] }, media: { 'a.gif': plain, 'b.gif': inter } }));
    const [a, b] = imagesOf(d);
    expect(d.images[a.resource].mime).toBe('image/png');
    const ra = decodePng(unb64(d.images[a.resource].data));
    expect([ra.width, ra.height, ra.channels]).toEqual([w, h, 3]);
    for (let i = 0; i < w * h; i++) if (px(ra, i % w, Math.floor(i / w)).join() !== palette[idx[i]].join()) throw new Error(`pixel ${i} differs`);
    const rb = decodePng(unb64(d.images[b.resource].data));
    expect(rb.channels).toBe(4);
    for (let i = 0; i < w * h; i++) {
      const want = idx[i] === idx[0] ? 0 : 255;
      if (px(rb, i % w, Math.floor(i / w))[3] !== want) throw new Error(`alpha ${i} differs`);
      if (want && px(rb, i % w, Math.floor(i / w)).slice(0, 3).join() !== palette[idx[i]].join()) throw new Error(`pixel ${i} differs`);
    }
    expect(d.warnings.filter((x) => x.code === 'image.converted').map((x) => x.message)).toEqual([expect.stringContaining('a.gif 由 GIF 格式转换为 PNG'), expect.stringContaining('b.gif 由 GIF 格式转换为 PNG')]);
  });

  it('an animated GIF keeps its first frame and says so; a big GIF is also shrunk; Markdown too', () => {
    const w = 40;
    const h = 30;
    const first = pattern(w, h, 3);
    const o = prepareImageForPrint(gif(w, h, palette, [first, pattern(w, h, 5), pattern(w, h, 7)]));
    expect(o.ok && o.image.frames).toBe(3);
    const md = readMarkdown(`![动图](data:image/gif;base64,${b64(gif(w, h, palette, [first, first]))})\n\n![宽图](data:image/gif;base64,${b64(gif(2500, 20, palette, [pattern(2500, 20, 11)]))})\n`, { fileName: 'g.md' });
    const imgs = imagesOf(md);
    expect(imgs.map((i) => [i.width, i.height])).toEqual([[40, 30], [2000, 16]]);
    expect(md.warnings.map((x) => x.message).join('\n')).toMatch(/“动图”由 GIF 格式转换为 PNG（动图共 2 帧，印刷只保留第一帧）/);
    expect(md.warnings.map((x) => x.code)).toContain('image.downscaled');
  });

  it('a GIF with its data cut short is reported as damaged, with a marker', async () => {
    const g = gif(200, 200, palette, [pattern(200, 200, 13)]);
    const d = await read(buildDocx({ body: para(drawing('rIdA')), rels: { rIdA: ['image', 'media/cut.gif'] }, media: { 'cut.gif': g.subarray(0, 900) } }));
    expect(codes(d)).toContain('image.corrupt');
    expect(documentText(d)).toContain('［此处图片 cut.gif 已损坏，未导入］');
  });
});

// ───────────────────────── Markdown ─────────────────────────

describe('Markdown: data: URI pictures are shrunk the same way', () => {
  it('JPEG, PNG and BMP data URIs come in at most 2000 px with warnings naming the picture', () => {
    const j = jpeg(2400, 1600);
    const md = `# 标题\n\n![现场照片](data:image/jpeg;base64,${b64(j)})\n\n![示意图](data:image/png;base64,${b64(rgbaPng)})\n\n![旧图](data:image/bmp;base64,${b64(bmp(30, 20, 24, () => [1, 2, 3]))})\n`;
    const d = readMarkdown(md, { fileName: '说明.md' });
    const imgs = imagesOf(d);
    expect(imgs).toHaveLength(3);
    expectFitted(imgs[0], { width: 2400, height: 1600 });
    expectFitted(imgs[1], { width: 2600, height: 1800 });
    expect([imgs[2].width, imgs[2].height]).toEqual([30, 20]);
    for (const im of imgs) {
      const r = decodeAny(d.images[im.resource].mime, unb64(d.images[im.resource].data));
      expect([r.width, r.height]).toEqual([im.width, im.height]);
    }
    expect(d.images[imgs[1].resource].mime).toBe('image/png');
    const msgs = d.warnings.map((w) => w.message).join('\n');
    expect(msgs).toMatch(/图片“现场照片”原为 2400×1600 像素，已按印刷需要缩小为 2000×1333 像素/);
    expect(msgs).toMatch(/图片“示意图”原为 2600×1800 像素/);
    expect(msgs).toMatch(/图片“旧图”由 BMP 格式转换为 PNG/);
  });

  it('a dimension bomb or a damaged PNG in Markdown keeps the alt text and says why', () => {
    const corrupt = corruptPng(3000, 2000);
    const md = `![大图](data:image/png;base64,${b64(pngHeaderOnly(30000, 30000))})\n\n![坏图](data:image/png;base64,${b64(corrupt)})\n`;
    const d = readMarkdown(md, { fileName: 'x.md' });
    expect(imagesOf(d)).toHaveLength(0);
    expect(documentText(d)).toContain('大图');
    expect(documentText(d)).toContain('坏图');
    expect(d.warnings.find((w) => w.code === 'image.too-large')?.message).toMatch(/“大图”过大（30000×30000 像素/);
    expect(d.warnings.find((w) => w.code === 'image.corrupt')?.message).toMatch(/“坏图”已损坏/);
  });
});

// ───────────────────────── bombs and damage ─────────────────────────

/** A valid IHDR of w × h followed by an IDAT of random bytes. */
function corruptPng(w: number, h: number): Uint8Array {
  const junk = new Uint8Array(5000);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 255;
  junk[0] = 0x78;
  junk[1] = 0x9c;
  return concat([SIG, ihdr(w, h, 8, 2), chunk('IDAT', junk), chunk('IEND', new Uint8Array(0))]);
}

describe('huge and damaged pictures', () => {
  it('a CMYK JPEG (Adobe, inverted) over the print size is decoded to RGB with the right colours', () => {
    const src = cmykJpeg(2400, 1600, (x) => (x < 1200 ? [255, 0, 0, 0] : [0, 0, 0, 128]));
    const o = prepareImageForPrint(src);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.image.mime).toBe('image/jpeg');
    expect([o.image.width, o.image.height]).toEqual([2000, 1333]);
    const r = decodeAny(o.image.mime, o.image.bytes);
    const cyan = px(r, 300, 600);
    const grey = px(r, 1700, 600);
    expect(cyan[0]).toBeLessThan(20);
    expect(cyan[1]).toBeGreaterThan(235);
    expect(cyan[2]).toBeGreaterThan(235);
    for (const c of grey) expect(Math.abs(c - 127)).toBeLessThan(8);
  });

  it('a JPEG whose decoding would need more memory than allowed is kept whole with a notice (not called damaged)', () => {
    const src = cmykJpeg(2400, 1600, () => [0, 0, 0, 0]);
    const o = prepareImageForPrint(src, { jpegDecodeMemoryMb: 8 });
    expect(o).toMatchObject({ ok: true, notice: { code: 'image.not-downscaled', detail: expect.stringContaining('内存') } });
  });

  it('a 30,000 × 30,000 header (PNG or JPEG) is refused before decoding: marker, warning, fast, no memory', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const d = await read(buildDocx({ body: para(drawing('rIdA')) + para(drawing('rIdB')) + para('后文'), rels: { rIdA: ['image', 'media/bomb.png'], rIdB: ['image', 'media/bomb.jpg'] }, media: { 'bomb.png': pngHeaderOnly(30000, 30000), 'bomb.jpg': jpegHeader(30000, 30000) } }));
    const ms = performance.now() - t0;
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(32 * 1024 * 1024); // 30,000² × 4 would be 3.6 GB
    expect(imagesOf(d)).toHaveLength(0);
    expect(d.warnings.filter((w) => w.code === 'image.too-large').map((w) => w.message)).toEqual([
      expect.stringMatching(/bomb\.png 过大（30000×30000 像素，边长超过 20000）/),
      expect.stringMatching(/bomb\.jpg 过大（30000×30000 像素/),
    ]);
    expect(documentText(d)).toContain('［此处图片 bomb.png 过大，未导入］');
    expect(documentText(d)).toContain('后文');
  });

  it('a picture allowed but too big to decode safely (8000×7000) is kept as is with a notice, without decoding', () => {
    const t0 = performance.now();
    const o = prepareImageForPrint(pngHeaderOnly(8000, 7000));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(o.ok && o.notice?.code).toBe('image.not-downscaled');
    expect(o.ok && [o.image.width, o.image.height]).toEqual([8000, 7000]);
  });

  it('a damaged body after a valid header: PNG dropped with a marker, JPEG kept and flagged; never a crash', async () => {
    const truncated = bigJpeg.subarray(0, Math.floor(bigJpeg.length * 0.4));
    const d = await read(
      buildDocx({
        body: para(drawing('rIdA')) + para(drawing('rIdB')) + para(drawing('rIdC')) + para('后文'),
        rels: { rIdA: ['image', 'media/bad.png'], rIdB: ['image', 'media/cut.jpg'], rIdC: ['image', 'media/hdr.jpg'] },
        media: { 'bad.png': corruptPng(3000, 2000), 'cut.jpg': truncated, 'hdr.jpg': jpegHeader(2400, 1600) },
      }),
    );
    expect(d.warnings.find((w) => w.code === 'image.corrupt')?.message).toMatch(/图片\.docx：图片 bad\.png 已损坏（.+），无法导入/);
    expect(documentText(d)).toContain('［此处图片 bad.png 已损坏，未导入］');
    const damaged = d.warnings.filter((w) => w.code === 'image.damaged').map((w) => w.message);
    expect(damaged).toHaveLength(2);
    expect(damaged[0]).toMatch(/cut\.jpg 可能已损坏.*已按原样保留/);
    expect(imagesOf(d)).toHaveLength(2);
    expect(documentText(d)).toContain('后文');
  });

  it('a small damaged PNG (within the print size) is also caught, since pdfkit would throw on it', () => {
    const o = prepareImageForPrint(corruptPng(300, 200));
    expect(o).toMatchObject({ ok: false, code: 'image.corrupt' });
    const good = encodePng({ width: 300, height: 200, channels: 1, data: new Uint8Array(60000).fill(9) });
    const k = prepareImageForPrint(good);
    expect(k.ok && k.image.bytes).toBe(good);
  });

  it('a deflate bomb inside IDAT stops at the size the header promised', () => {
    const w = 2100;
    const h = 2100;
    const zeros = new Uint8Array(64 * 1024 * 1024); // 64 MB of zeros (15× the promised size), ~64 KB deflated
    const b = concat([SIG, ihdr(w, h, 8, 0), chunk('IDAT', zlibSync(zeros, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
    const t0 = performance.now();
    const o = prepareImageForPrint(b);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(o.ok).toBe(true);
    if (o.ok) expect([o.image.width, o.image.height]).toEqual([2000, 2000]);
  });
});

// ───────────────────────── PNG decoder variants ─────────────────────────

describe('PNG decoder', () => {
  it('undoes all five filter types (RGB and RGBA) exactly', () => {
    for (const [ct, c] of [[2, 3], [6, 4]] as const) {
      const w = 13;
      const h = 10;
      const rows = Array.from({ length: h }, (_, y) => Uint8Array.from({ length: w * c }, (_, i) => (i * 37 + y * 101 + ((i * y) % 7)) & 255));
      const r = decodePng(pngRows(w, h, 8, ct, rows, (y) => y % 5));
      expect(r.channels).toBe(c);
      expect(Array.from(r.data)).toEqual(rows.flatMap((x) => Array.from(x)));
    }
  });

  it('reads 4-bit palette with tRNS, 1-bit grey and 16-bit RGB', () => {
    const pal = chunk('PLTE', new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]));
    const trns = chunk('tRNS', new Uint8Array([255, 0]));
    const p4 = decodePng(pngRows(3, 2, 4, 3, [new Uint8Array([0x01, 0x20]), new Uint8Array([0x21, 0x00])], (y) => y, [pal, trns]));
    expect(p4.channels).toBe(4);
    expect(Array.from(p4.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255, 0, 255, 0, 0, 255, 0, 0, 255]);
    const g1 = decodePng(pngRows(10, 1, 1, 0, [new Uint8Array([0b10100000, 0b01000000])], () => 0));
    expect(Array.from(g1.data)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 0, 255]);
    const r16 = decodePng(pngRows(2, 1, 16, 2, [new Uint8Array([0x12, 0x34, 0xab, 0xcd, 0xff, 0xff, 0, 1, 2, 3, 4, 5])], () => 1));
    expect(Array.from(r16.data)).toEqual([0x12, 0xab, 0xff, 0, 2, 4]);
  });

  it('reads Adam7-interlaced PNGs (every pass filtered on its own) exactly, and shrinks a big one', () => {
    const interlaced = (w: number, h: number, c: number, pixel: (x: number, y: number) => number[]) => {
      const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
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
      return concat([SIG, ihdr(w, h, 8, c === 3 ? 2 : 6, 1), chunk('IDAT', zlibSync(new Uint8Array(raw))), chunk('IEND', new Uint8Array(0))]);
    };
    const colour = (x: number, y: number) => [(x * 11) & 255, (y * 7) & 255, (x ^ y) & 255];
    const small = decodePng(interlaced(13, 11, 3, colour));
    for (let y = 0; y < 11; y++) for (let x = 0; x < 13; x++) expect(px(small, x, y)).toEqual(colour(x, y));
    const o = prepareImageForPrint(interlaced(2200, 40, 4, (x) => (x < 1100 ? [255, 0, 0, 255] : [0, 0, 255, 128])));
    expect(o.ok && !o.notice && [o.image.mime, o.image.width, o.image.height]).toEqual(['image/png', 2000, 36]);
  });

  it('our encoder output is valid for png-js', async () => {
    const r: Raster = { width: 3, height: 2, channels: 2, data: new Uint8Array([0, 255, 50, 128, 100, 0, 150, 255, 200, 255, 250, 10]) };
    const back = await pngjs(encodePng(r));
    expect(Array.from(back.rgba)).toEqual([0, 0, 0, 255, 50, 50, 50, 128, 100, 100, 100, 0, 150, 150, 150, 255, 200, 200, 200, 255, 250, 250, 250, 10]);
  });

  it('box resampling averages exactly and keeps edges', () => {
    const r = resampleBox({ width: 4, height: 2, channels: 1, data: new Uint8Array([0, 100, 200, 40, 10, 110, 210, 60]) }, 2, 1);
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
    const ref = resampleBox({ width: full.width, height: full.height, channels: 3, data: full.data }, f.width, f.height);
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
    const ycc = (x: number, y: number, c: number) => (c === 0 ? (x * 3 + y) & 255 : c === 1 ? 128 + ((x >> 4) % 7) * 9 : 128 - ((y >> 4) % 5) * 11);
    for (const [name, sampling, restart] of [
      ['4:2:0', [[2, 2], [1, 1], [1, 1]], 0],
      ['4:2:2 with restarts', [[2, 1], [1, 1], [1, 1]], 7],
      ['4:4:4 with restarts', [[1, 1], [1, 1], [1, 1]], 1],
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
    expect(decodeJpegReduced(cmykJpeg(64, 64, () => [0, 0, 0, 0]), 2)).toBeUndefined();
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
    const tiff = le ? [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0, 0, 0] : [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
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

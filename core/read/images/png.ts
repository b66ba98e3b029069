// PNG decode (8/16-bit, palette, grey, interlaced) and encode in pure TypeScript (fflate for zlib),
// so the import worker can shrink an oversized picture for print without a native image library.
// Decoding is bounded: the caller checks the header size first, and the inflated data is counted
// as it streams, so a lying IHDR or a deflate bomb inside IDAT stops at the expected size. It must
// never decode before the caller's size check, nor grow a buffer beyond what the header promised.
import { Unzlib, zlibSync } from 'fflate';
import { crc32 as crc32Of } from '../../bytes/crc32';
import { concatBytes } from '../../bytes/concat';

/** Decoded pixels, 8 bits per sample: 1 = gray, 2 = gray+alpha, 3 = RGB, 4 = RGBA. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array;
}

/** Why a picture could not be decoded: damaged bytes, or a variant we do not decode. */
export class ImageDecodeError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const be32 = (b: Uint8Array, p: number) => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes an 8/16-bit (or 1/2/4-bit gray or palette) non-interlaced PNG to an 8-bit raster. */
export function decodePng(b: Uint8Array): Raster {
  if (b.length < 33 || be32(b, 0) !== 0x89504e47 || be32(b, 12) !== 0x49484452)
    throw new ImageDecodeError('corrupt', '文件头损坏');
  const width = be32(b, 16);
  const height = be32(b, 20);
  const depth = b[24];
  const colorType = b[25];
  const interlace = b[28];
  const samples = CHANNELS[colorType];
  if (!width || !height || samples === undefined) throw new ImageDecodeError('corrupt', '文件头数值无效');
  if (interlace > 1) throw new ImageDecodeError('corrupt', `隔行方式 ${interlace} 无效`);
  const okDepth =
    colorType === 0 || colorType === 3
      ? [1, 2, 4, 8, 16].includes(depth) && !(colorType === 3 && depth === 16)
      : depth === 8 || depth === 16;
  if (!okDepth) throw new ImageDecodeError('corrupt', `位深 ${depth} 无效`);

  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let p = 8;
  let ended = false;
  while (p + 8 <= b.length) {
    const len = be32(b, p);
    const type = String.fromCharCode(b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    const start = p + 8;
    if (start + len > b.length) {
      // A truncated last IDAT still carries data; the inflate step decides whether it is enough.
      if (type === 'IDAT') idat.push(b.subarray(start));
      break;
    }
    const body = b.subarray(start, start + len);
    if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    p = start + len + 4;
  }
  if (!idat.length) throw new ImageDecodeError('corrupt', '没有图像数据（IDAT）');
  if (colorType === 3 && (!palette || palette.length < 3)) throw new ImageDecodeError('corrupt', '调色板缺失');

  const bitsPerPixel = samples * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const passes = interlace ? adam7(width, height) : [{ x0: 0, y0: 0, dx: 1, dy: 1, w: width, h: height }];
  const strideOf = (w: number) => Math.ceil((w * bitsPerPixel) / 8);
  const expected = passes.reduce((n, q) => n + (q.w && q.h ? q.h * (strideOf(q.w) + 1) : 0), 0);
  const raw = new Uint8Array(expected);
  let got = 0;
  let overflow = false;
  const inflater = new Unzlib((chunk) => {
    const room = expected - got;
    if (chunk.length > room) overflow = true;
    raw.set(room < chunk.length ? chunk.subarray(0, room) : chunk, got);
    got += Math.min(room, chunk.length);
  });
  try {
    // Small pushes so a deflate bomb is noticed after at most ~64 MB of output, not at the end.
    for (let i = 0; i < idat.length && !overflow; i++) {
      const part = idat[i];
      for (let q = 0; q < part.length && !overflow; q += 65536)
        inflater.push(part.subarray(q, Math.min(part.length, q + 65536)), false);
    }
    if (!overflow) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (got < expected)
      throw new ImageDecodeError('corrupt', `图像数据无法解压（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (got < expected) throw new ImageDecodeError('corrupt', ended ? '图像数据不完整' : '文件被截断');

  const bpp = Math.max(1, bitsPerPixel >> 3);
  if (!interlace) {
    unfilter(raw, height, stride, bpp);
    return expand(raw, width, height, stride, depth, colorType, palette, trns);
  }
  // Adam7: seven reduced images one after the other, each filtered on its own, then interleaved.
  let out: Raster | undefined;
  let at = 0;
  for (const q of passes) {
    if (!q.w || !q.h) continue;
    const qs = strideOf(q.w);
    const part = raw.subarray(at, at + q.h * (qs + 1));
    at += part.length;
    unfilter(part, q.h, qs, bpp);
    const small = expand(part, q.w, q.h, qs, depth, colorType, palette, trns);
    const c = small.channels;
    out ??= { width, height, channels: c, data: new Uint8Array(width * height * c) };
    for (let y = 0; y < q.h; y++)
      for (let x = 0; x < q.w; x++) {
        const d = ((q.y0 + y * q.dy) * width + q.x0 + x * q.dx) * c;
        const s0 = (y * q.w + x) * c;
        for (let k = 0; k < c; k++) out.data[d + k] = small.data[s0 + k];
      }
  }
  if (!out) throw new ImageDecodeError('corrupt', '没有图像数据');
  return out;
}

function adam7(width: number, height: number) {
  return [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ].map(([x0, y0, dx, dy]) => ({
    x0,
    y0,
    dx,
    dy,
    w: Math.max(0, Math.ceil((width - x0) / dx)),
    h: Math.max(0, Math.ceil((height - y0) / dy)),
  }));
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): void {
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const f = raw[row];
    const s = row + 1;
    const prev = s - stride - 1; // start of the previous row's data
    const hasPrev = y > 0;
    switch (f) {
      case 0:
        break;
      case 1:
        for (let x = bpp; x < stride; x++) raw[s + x] = (raw[s + x] + raw[s + x - bpp]) & 255;
        break;
      case 2:
        if (hasPrev) for (let x = 0; x < stride; x++) raw[s + x] = (raw[s + x] + raw[prev + x]) & 255;
        break;
      case 3:
        for (let x = 0; x < stride; x++) {
          const left = x >= bpp ? raw[s + x - bpp] : 0;
          const up = hasPrev ? raw[prev + x] : 0;
          raw[s + x] = (raw[s + x] + ((left + up) >> 1)) & 255;
        }
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          const a = x >= bpp ? raw[s + x - bpp] : 0;
          const bb = hasPrev ? raw[prev + x] : 0;
          const c = hasPrev && x >= bpp ? raw[prev + x - bpp] : 0;
          const pp = a + bb - c;
          const pa = Math.abs(pp - a);
          const pb = Math.abs(pp - bb);
          const pc = Math.abs(pp - c);
          raw[s + x] = (raw[s + x] + (pa <= pb && pa <= pc ? a : pb <= pc ? bb : c)) & 255;
        }
        break;
      default:
        throw new ImageDecodeError('corrupt', `第 ${y + 1} 行的过滤类型 ${f} 无效`);
    }
  }
}

function expand(
  raw: Uint8Array,
  width: number,
  height: number,
  stride: number,
  depth: number,
  colorType: number,
  palette: Uint8Array | undefined,
  trns: Uint8Array | undefined,
): Raster {
  if (colorType === 3 && palette) {
    const alpha = !!trns && trns.length > 0;
    const channels = alpha ? 4 : 3;
    const out = new Uint8Array(width * height * channels);
    const entries = Math.floor(palette.length / 3);
    const mask = (1 << depth) - 1;
    let o = 0;
    for (let y = 0; y < height; y++) {
      const s = y * (stride + 1) + 1;
      for (let x = 0; x < width; x++) {
        const bit = x * depth;
        let idx = depth === 8 ? raw[s + x] : (raw[s + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
        if (idx >= entries) idx = 0;
        out[o++] = palette[idx * 3];
        out[o++] = palette[idx * 3 + 1];
        out[o++] = palette[idx * 3 + 2];
        if (alpha) out[o++] = trns && idx < trns.length ? trns[idx] : 255;
      }
    }
    return { width, height, channels, data: out };
  }
  const channels = CHANNELS[colorType] as Raster['channels'];
  const out = new Uint8Array(width * height * channels);
  const n = width * channels;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const s = y * (stride + 1) + 1;
    if (depth === 8) {
      out.set(raw.subarray(s, s + n), o);
      o += n;
    } else if (depth === 16) {
      // Keeping the high byte is exact enough for print at 8 bits per channel.
      for (let i = 0; i < n; i++) out[o++] = raw[s + i * 2];
    } else {
      const mask = (1 << depth) - 1;
      const scale = 255 / mask;
      for (let x = 0; x < width; x++) {
        const bit = x * depth;
        out[o++] = Math.round(((raw[s + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask) * scale);
      }
    }
  }
  return { width, height, channels, data: out };
}

// ───────────────────────────── encode ─────────────────────────────

/** CRC-32 over several parts, as PNG chunks need it (type + body). */
export function crc32(parts: Uint8Array[]): number {
  return parts.reduce((c, part) => crc32Of(part, c), 0);
}

/** One PNG chunk: length, type, body, CRC (also used by the sample generator's chart). */
export function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  const t = new Uint8Array([type.charCodeAt(0), type.charCodeAt(1), type.charCodeAt(2), type.charCodeAt(3)]);
  out.set(t, 4);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc32([t, body]));
  return out;
}

const COLOR_TYPE: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/** Encodes an 8-bit raster as a PNG (filter 0 on every row, zlib deflate). */
export function encodePng(r: Raster): Uint8Array {
  const stride = r.width * r.channels;
  const raw = new Uint8Array(r.height * (stride + 1));
  for (let y = 0; y < r.height; y++) raw.set(r.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, r.width);
  dv.setUint32(4, r.height);
  ihdr[8] = 8;
  ihdr[9] = COLOR_TYPE[r.channels];
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(raw, { level: 6 })),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  return concatBytes(parts);
}

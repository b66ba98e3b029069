// GIF decode (first frame, with transparency and interlacing), so a GIF in an old Word document can
// be converted to PNG instead of being dropped; an animated GIF keeps its first frame, as print
// must. It must never read outside the file nor grow its output past the screen size in the header.
import { ImageDecodeError, type Raster } from './png';

const le16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);

/** Pixel size from the GIF logical screen descriptor. */
export function gifSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 10 || b[0] !== 0x47 || b[1] !== 0x49 || b[2] !== 0x46) return undefined;
  return { width: le16(b, 6), height: le16(b, 8) };
}

/** Decodes the first frame onto an RGBA canvas of the logical screen size; counts the frames. */
export function decodeGif(b: Uint8Array): Raster & { frames: number } {
  const size = gifSize(b);
  if (!size || b.length < 13) throw new ImageDecodeError('corrupt', '文件头损坏');
  const { width, height } = size;
  if (!width || !height) throw new ImageDecodeError('corrupt', '尺寸无效');
  const packed = b[10];
  let p = 13;
  let global: Uint8Array | undefined;
  if (packed & 0x80) {
    const n = 3 << ((packed & 7) + 1);
    if (p + n > b.length) throw new ImageDecodeError('corrupt', '调色板不完整');
    global = b.subarray(p, p + n);
    p += n;
  }
  const out = new Uint8Array(width * height * 4);
  let transparent = -1;
  let frames = 0;
  const skipSubBlocks = () => {
    while (p < b.length && b[p] !== 0) p += b[p] + 1;
    p++;
  };
  while (p < b.length) {
    const tag = b[p++];
    if (tag === 0x3b) break;
    if (tag === 0x21) {
      const label = b[p++];
      if (label === 0xf9 && frames === 0 && p + 5 <= b.length && b[p] >= 4) {
        if (b[p + 1] & 1) transparent = b[p + 4];
      }
      skipSubBlocks();
      continue;
    }
    if (tag !== 0x2c) {
      if (frames) break; // trailing junk after a complete first frame is harmless
      throw new ImageDecodeError('corrupt', `未知的数据块 0x${tag.toString(16)}`);
    }
    if (p + 9 > b.length) throw new ImageDecodeError('corrupt', '图像描述不完整');
    frames++;
    const left = le16(b, p);
    const top = le16(b, p + 2);
    const fw = le16(b, p + 4);
    const fh = le16(b, p + 6);
    const fpacked = b[p + 8];
    p += 9;
    let palette = global;
    if (fpacked & 0x80) {
      const n = 3 << ((fpacked & 7) + 1);
      if (p + n > b.length) throw new ImageDecodeError('corrupt', '局部调色板不完整');
      palette = b.subarray(p, p + n);
      p += n;
    }
    if (frames > 1) {
      p++; // LZW code size; later frames are only counted
      skipSubBlocks();
      continue;
    }
    if (!palette) throw new ImageDecodeError('corrupt', '没有调色板');
    const minCode = b[p++];
    if (minCode < 2 || minCode > 11) throw new ImageDecodeError('corrupt', `LZW 码长 ${minCode} 无效`);
    // Gather the data sub-blocks (bounded by the file) and decode.
    const parts: Uint8Array[] = [];
    let total = 0;
    while (p < b.length && b[p] !== 0) {
      const n = b[p];
      parts.push(b.subarray(p + 1, Math.min(b.length, p + 1 + n)));
      total += n;
      p += n + 1;
    }
    p++;
    const data = new Uint8Array(total);
    let o = 0;
    for (const x of parts) {
      data.set(x, o);
      o += x.length;
    }
    const indices = lzw(data, minCode, fw * fh);
    if (indices.filled < fw * fh * 0.5) throw new ImageDecodeError('corrupt', '图像数据不完整');
    const interlaced = (fpacked & 0x40) !== 0;
    const rowOrder = interlaced ? interlaceOrder(fh) : undefined;
    const entries = Math.floor(palette.length / 3);
    for (let i = 0; i < indices.filled; i++) {
      const fy = rowOrder ? rowOrder[Math.floor(i / fw)] : Math.floor(i / fw);
      const y = top + fy;
      const x = left + (i % fw);
      if (x >= width || y >= height) continue;
      const idx = indices.data[i];
      if (idx === transparent || idx >= entries) continue;
      const q = (y * width + x) * 4;
      out[q] = palette[idx * 3];
      out[q + 1] = palette[idx * 3 + 1];
      out[q + 2] = palette[idx * 3 + 2];
      out[q + 3] = 255;
    }
  }
  if (!frames) throw new ImageDecodeError('corrupt', '没有图像帧');
  return { width, height, channels: 4, data: out, frames };
}

function interlaceOrder(h: number): Uint32Array {
  const order = new Uint32Array(h);
  let i = 0;
  for (const [start, step] of [
    [0, 8],
    [4, 8],
    [2, 4],
    [1, 2],
  ])
    for (let y = start; y < h; y += step) order[i++] = y;
  return order;
}

/** Variable-width LZW as GIF uses it; stops at `max` indices so a lying stream cannot grow output. */
function lzw(data: Uint8Array, minCode: number, max: number): { data: Uint8Array; filled: number } {
  const out = new Uint8Array(max);
  const clear = 1 << minCode;
  const eoi = clear + 1;
  const prefix = new Int16Array(4096);
  const suffix = new Uint8Array(4096);
  const firstOf = new Uint8Array(4096);
  const stack = new Uint8Array(4097);
  for (let i = 0; i < clear; i++) {
    suffix[i] = i;
    firstOf[i] = i;
    prefix[i] = -1;
  }
  let size = minCode + 1;
  let next = eoi + 1;
  let prev = -1;
  let filled = 0;
  let bits = 0;
  let acc = 0;
  let pos = 0;
  while (filled < max) {
    while (bits < size && pos < data.length) {
      acc |= data[pos++] << bits;
      bits += 8;
    }
    if (bits < size) break;
    const code = acc & ((1 << size) - 1);
    acc >>>= size;
    bits -= size;
    if (code === clear) {
      size = minCode + 1;
      next = eoi + 1;
      prev = -1;
      continue;
    }
    if (code === eoi) break;
    let cur: number;
    let sp = 0;
    if (prev < 0) {
      if (code >= clear) break; // the first code after a clear must be a literal
      out[filled++] = code;
      prev = code;
      continue;
    }
    if (code < next) {
      cur = code;
    } else if (code === next) {
      stack[sp++] = firstOf[prev];
      cur = prev;
    } else break; // damaged stream: keep what was decoded
    while (cur >= 0 && sp < 4097) {
      stack[sp++] = suffix[cur];
      cur = prefix[cur];
    }
    const first = stack[sp - 1];
    while (sp > 0 && filled < max) out[filled++] = stack[--sp];
    if (next < 4096) {
      prefix[next] = prev;
      suffix[next] = first;
      firstOf[next] = firstOf[prev];
      next++;
      if (next === 1 << size && size < 12) size++;
    }
    prev = code;
  }
  return { data: out, filled };
}

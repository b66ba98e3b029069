// BMP decode (uncompressed 1/4/8-bit palette, 24-bit, 32-bit incl. bitfields), so a BMP pasted into
// an old Word document can be converted to PNG instead of being dropped. Compressed (RLE) and 16-bit
// BMPs are reported as unsupported. It must never read outside the file: every offset is checked.
import { ImageDecodeError, type Raster } from './png';

const le16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const le32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const lei32 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);

/** Pixel size from the BMP header (height may be negative for top-down files). */
export function bmpSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) return undefined;
  const dib = le32(b, 14);
  if (dib === 12) return { width: le16(b, 18), height: le16(b, 20) };
  if (dib < 40 || b.length < 26) return undefined;
  return { width: Math.abs(lei32(b, 18)), height: Math.abs(lei32(b, 22)) };
}

function shiftOf(mask: number): { shift: number; max: number } {
  if (!mask) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

export function decodeBmp(b: Uint8Array): Raster {
  if (b.length < 30 || b[0] !== 0x42 || b[1] !== 0x4d) throw new ImageDecodeError('corrupt', '文件头损坏');
  const offset = le32(b, 10);
  const dib = le32(b, 14);
  const core = dib === 12;
  if (!core && dib < 40) throw new ImageDecodeError('corrupt', '信息头长度无效');
  const width = core ? le16(b, 18) : lei32(b, 18);
  const rawHeight = core ? le16(b, 20) : lei32(b, 22);
  const bpp = core ? le16(b, 24) : le16(b, 28);
  const compression = core ? 0 : le32(b, 30);
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0) throw new ImageDecodeError('corrupt', '尺寸无效');
  if (compression !== 0 && !(compression === 3 && bpp === 32))
    throw new ImageDecodeError('unsupported', `压缩方式 ${compression}（RLE 等）`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new ImageDecodeError('unsupported', `${bpp} 位色`);

  const stride = Math.floor((width * bpp + 31) / 32) * 4;
  if (offset + stride * height > b.length) throw new ImageDecodeError('corrupt', '像素数据不完整（文件被截断）');

  let palette: Uint8Array | undefined;
  if (bpp <= 8) {
    const entrySize = core ? 3 : 4;
    const used = core ? 0 : le32(b, 46);
    const count = Math.min(used || 1 << bpp, 1 << bpp);
    const start = 14 + dib;
    if (start + count * entrySize > offset || start + count * entrySize > b.length)
      throw new ImageDecodeError('corrupt', '调色板不完整');
    palette = new Uint8Array(256 * 3);
    for (let i = 0; i < count; i++) {
      palette[i * 3] = b[start + i * entrySize + 2];
      palette[i * 3 + 1] = b[start + i * entrySize + 1];
      palette[i * 3 + 2] = b[start + i * entrySize];
    }
  }

  // 32-bit: default BGRX (no alpha); bitfields (and V4/V5 headers) may declare an alpha mask.
  let masks = { r: 0x00ff0000, g: 0x0000ff00, b: 0x000000ff, a: 0 };
  if (bpp === 32 && compression === 3) {
    // Masks follow the 40-byte header, whether appended (BITMAPINFOHEADER) or inside V4/V5.
    const m = 54;
    if (m + 12 <= b.length)
      masks = { r: le32(b, m), g: le32(b, m + 4), b: le32(b, m + 8), a: dib >= 56 ? le32(b, 14 + 52) : 0 };
  }
  const sh = { r: shiftOf(masks.r), g: shiftOf(masks.g), b: shiftOf(masks.b), a: shiftOf(masks.a) };
  const scaled = (v: number, s: { shift: number; max: number }) =>
    s.max ? Math.round((((v >>> s.shift) & s.max) * 255) / s.max) : 0;

  const hasAlpha = bpp === 32 && masks.a !== 0;
  const channels = hasAlpha ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  let o = 0;
  for (let y = 0; y < height; y++) {
    const row = offset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      if (bpp === 24) {
        const p = row + x * 3;
        out[o++] = b[p + 2];
        out[o++] = b[p + 1];
        out[o++] = b[p];
      } else if (bpp === 32) {
        const v = le32(b, row + x * 4);
        out[o++] = scaled(v, sh.r);
        out[o++] = scaled(v, sh.g);
        out[o++] = scaled(v, sh.b);
        if (hasAlpha) out[o++] = scaled(v, sh.a);
      } else if (palette) {
        const bit = x * bpp;
        const idx = bpp === 8 ? b[row + x] : (b[row + (bit >> 3)] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        out[o++] = palette[idx * 3];
        out[o++] = palette[idx * 3 + 1];
        out[o++] = palette[idx * 3 + 2];
      }
    }
  }
  return { width, height, channels, data: out };
}

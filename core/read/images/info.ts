// Identifies an embedded image by its bytes and reads its pixel size from the header (PNG IHDR,
// JPEG SOF, BMP and GIF headers) and a JPEG's EXIF orientation WITHOUT decoding it, so a
// 30,000 × 30,000 px bomb is refused before anyone allocates pixels (reliability H7); shrinking
// for print happens later, in images/downscale. It must never decode image data or trust a file
// extension.

import { bmpSize } from './bmp';
import { gifSize } from './gif';
import { nextMarker } from './jpeg';

export const IMAGE_LIMITS = {
  /** Longest side accepted, in pixels. */
  maxSide: 20_000,
  /** Most pixels accepted (100 Mpx). */
  maxPixels: 100_000_000,
  /** Largest single image file accepted, in bytes. */
  maxBytes: 50 * 1024 * 1024,
} as const;

export type ImageKind = 'png' | 'jpeg' | 'gif' | 'bmp' | 'emf' | 'wmf' | 'tiff' | 'svg' | 'webp' | 'unknown';

export function sniffImage(b: Uint8Array): ImageKind {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (
    b.length >= 44 &&
    b[0] === 0x01 &&
    b[1] === 0 &&
    b[2] === 0 &&
    b[3] === 0 &&
    b[40] === 0x20 &&
    b[41] === 0x45 &&
    b[42] === 0x4d &&
    b[43] === 0x46
  )
    return 'emf';
  if (
    b.length >= 4 &&
    ((b[0] === 0xd7 && b[1] === 0xcd && b[2] === 0xc6 && b[3] === 0x9a) ||
      (b[0] === 1 && b[1] === 0 && b[2] === 9 && b[3] === 0))
  )
    return 'wmf';
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a))
  )
    return 'tiff';
  if (b.length >= 12 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  const head = new TextDecoder('latin1').decode(b.subarray(0, 256));
  if (/<svg[\s>]/i.test(head)) return 'svg';
  return 'unknown';
}

/** Pixel size from the header; undefined when the header is unreadable. */
export function imageSize(b: Uint8Array, kind: ImageKind): { width: number; height: number } | undefined {
  if (kind === 'bmp') return bmpSize(b);
  if (kind === 'gif') return gifSize(b);
  if (kind === 'png') {
    if (b.length < 24) return undefined;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (kind === 'jpeg') {
    let p = 2;
    for (;;) {
      p = nextMarker(b, p);
      if (p + 9 >= b.length) break;
      const marker = b[p + 1];
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        p += 2;
        continue;
      }
      const len = (b[p + 2] << 8) | b[p + 3];
      // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (b[p + 5] << 8) | b[p + 6], width: (b[p + 7] << 8) | b[p + 8] };
      }
      if (len < 2) return undefined;
      p += 2 + len;
    }
    return undefined;
  }
  return undefined;
}

/** Why an image is refused for size, or undefined when it is acceptable. */
export function oversize(size: { width: number; height: number }, bytes: number): string | undefined {
  if (bytes > IMAGE_LIMITS.maxBytes)
    return `文件 ${(bytes / 1048576).toFixed(1)} MB，超过 ${IMAGE_LIMITS.maxBytes / 1048576} MB`;
  if (size.width > IMAGE_LIMITS.maxSide || size.height > IMAGE_LIMITS.maxSide)
    return `${size.width}×${size.height} 像素，边长超过 ${IMAGE_LIMITS.maxSide}`;
  if (size.width * size.height > IMAGE_LIMITS.maxPixels) return `${size.width}×${size.height} 像素，超过 1 亿像素`;
  return undefined;
}

/**
 * EXIF orientation of a JPEG (1–8; 1 when absent or unreadable), read from the APP1 header only.
 * Phone photos are often stored sideways with orientation 6 or 8; pdfkit turns them upright when
 * drawing, so the layout must use the displayed size, and a re-encoded copy must be turned itself.
 */
export function jpegOrientation(b: Uint8Array): number {
  let p = 2;
  while (p + 4 <= b.length && b[p] === 0xff) {
    const marker = b[p + 1];
    if (marker === 0xda || marker === 0xd9) return 1;
    const len = (b[p + 2] << 8) | b[p + 3];
    if (len < 2) return 1;
    if (marker === 0xe1 && p + 18 <= b.length && String.fromCharCode(...b.subarray(p + 4, p + 10)) === 'Exif\0\0') {
      const t = p + 10;
      const le = b[t] === 0x49 && b[t + 1] === 0x49;
      if (!le && !(b[t] === 0x4d && b[t + 1] === 0x4d)) return 1;
      const u16 = (o: number) => (o + 2 > b.length ? 0 : le ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1]);
      const u32 = (o: number) =>
        o + 4 > b.length
          ? 0
          : le
            ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
            : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
      const ifd = t + u32(t + 4);
      const n = u16(ifd);
      for (let i = 0; i < n && i < 512; i++) {
        const e = ifd + 2 + i * 12;
        if (e + 12 > b.length) return 1;
        if (u16(e) === 0x0112) {
          const v = u16(e + 8);
          return v >= 1 && v <= 8 ? v : 1;
        }
      }
      return 1;
    }
    p += 2 + len;
  }
  return 1;
}

// Makes an embedded picture fit for print: sizes are checked from the header first (images/info), and
// only a picture larger than the print size (or a BMP/GIF, which the outputs cannot carry) is decoded, box-
// resampled to at most PRINT_IMAGE.maxSide on its long side with its aspect ratio kept, and
// re-encoded (JPEG for photos, PNG for transparency or few colours). A baseline JPEG is decoded
// straight at a reduced size (images/jpeg); other JPEGs go through jpeg-js. Pure: the import worker
// runs it.
// It must never decode before the size caps, never allocate more than maxDecodeBytes of pixels, and
// never lose a picture it could keep: when shrinking is impossible but the original is usable, the
// original is kept with a notice.
import { decode as decodeJpeg, encode as encodeJpeg } from 'jpeg-js';
import { decodeBmp } from './bmp';
import { decodeGif } from './gif';
import { decodeJpegReduced } from './jpeg';
import { imageSize, jpegOrientation, oversize, sniffImage, type ImageKind } from './info';
import { decodePng, encodePng, ImageDecodeError, type Raster } from './png';

export const PRINT_IMAGE = {
  /**
   * Longest side kept, in pixels. The text block is 156 mm wide: at 300 dpi that is 1843 px, so
   * 2000 px prints sharp at full width with a little margin.
   */
  maxSide: 2000,
  jpegQuality: 85,
  /** width × height × 4 must stay under this before a full-size decode (48 Mpx); the reduced baseline-JPEG path needs far less. */
  maxDecodeBytes: 192 * 1024 * 1024,
  /**
   * Decoding time one document may spend on shrinking (ms). A report with twenty phone photos
   * must not run into the worker's 90 s timeout and lose the whole file: past this budget the
   * remaining pictures are kept at full size with a notice.
   */
  documentBudgetMs: 40_000,
  /** Memory jpeg-js may use while decoding one JPEG (it needs ~20 bytes per pixel), in MB. */
  jpegDecodeMemoryMb: 1024,
} as const;

/** Time spent shrinking pictures of one document; one per document read. */
export interface ImageBudget {
  spentMs: number;
  limitMs: number;
}

export const imageBudget = (limitMs: number = PRINT_IMAGE.documentBudgetMs): ImageBudget => ({ spentMs: 0, limitMs });

export type PrintMime = 'image/png' | 'image/jpeg';

export interface PrintImage {
  mime: PrintMime;
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Set when the picture was shrunk: its original pixel size. */
  downscaledFrom?: { width: number; height: number };
  /** Set when the picture was converted from a format the output cannot carry (BMP, GIF). */
  convertedFrom?: ImageKind;
  /** Frames in the source when more than one (an animated GIF keeps its first). */
  frames?: number;
}

/** A picture kept, possibly with a notice (shrunk, converted, or kept as is because it could not be). */
export type PrepareOutcome =
  | { ok: true; image: PrintImage; notice?: { code: 'image.not-downscaled' | 'image.damaged'; detail: string } }
  | {
      ok: false;
      code: 'image.unsupported-format' | 'image.unreadable' | 'image.too-large' | 'image.corrupt';
      kind: ImageKind;
      detail: string;
    };

/** Output size that fits maxSide on the long side, aspect ratio kept (each side at least 1 px). */
export function fitSize(
  width: number,
  height: number,
  maxSide: number = PRINT_IMAGE.maxSide,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxSide) return { width, height };
  const s = maxSide / long;
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/**
 * Area-average (box) resample to a smaller size. Colour is averaged premultiplied by alpha, so
 * transparent pixels do not bleed their (often black) colour into the edges.
 */
export function resampleBox(src: Raster, ow: number, oh: number): Raster {
  const { width: w, height: h, channels: c, data } = src;
  const alpha = c === 2 || c === 4 ? c - 1 : -1;
  const xmap = new Uint32Array(w);
  const colCount = new Uint32Array(ow);
  for (let x = 0; x < w; x++) {
    const t = Math.min(ow - 1, Math.floor((x * ow) / w));
    xmap[x] = t;
    colCount[t]++;
  }
  const out = new Uint8Array(ow * oh * c);
  const acc = new Float64Array(ow * c);
  let oy = 0;
  let rows = 0;
  const flush = () => {
    const base = oy * ow * c;
    for (let ox = 0; ox < ow; ox++) {
      const n = colCount[ox] * rows;
      if (!n) continue;
      const a = ox * c;
      if (alpha < 0) {
        for (let k = 0; k < c; k++) out[base + a + k] = Math.round(acc[a + k] / n);
      } else {
        const sa = acc[a + alpha];
        for (let k = 0; k < c; k++)
          out[base + a + k] = k === alpha ? Math.round(sa / n) : sa > 0 ? Math.round(acc[a + k] / sa) : 0;
      }
    }
    acc.fill(0);
    rows = 0;
  };
  for (let y = 0; y < h; y++) {
    const ty = Math.min(oh - 1, Math.floor((y * oh) / h));
    if (ty !== oy) {
      flush();
      oy = ty;
    }
    const row = y * w * c;
    if (c === 3) {
      // The common case (every decoded JPEG), unrolled: about twice as fast as the generic loop.
      for (let x = 0, s = row; x < w; x++, s += 3) {
        const t = xmap[x] * 3;
        acc[t] += data[s];
        acc[t + 1] += data[s + 1];
        acc[t + 2] += data[s + 2];
      }
    } else if (alpha < 0) {
      for (let x = 0; x < w; x++) {
        const s = row + x * c;
        const t = xmap[x] * c;
        for (let k = 0; k < c; k++) acc[t + k] += data[s + k];
      }
    } else {
      for (let x = 0; x < w; x++) {
        const s = row + x * c;
        const t = xmap[x] * c;
        const av = data[s + alpha];
        for (let k = 0; k < c; k++) acc[t + k] += k === alpha ? av : data[s + k] * av;
      }
    }
    rows++;
  }
  flush();
  return { width: ow, height: oh, channels: c, data: out };
}

/** Turns a raster upright according to its EXIF orientation (2–8), so the copy needs no EXIF. */
export function orient(r: Raster, orientation: number): Raster {
  if (orientation <= 1 || orientation > 8) return r;
  const { width: w, height: h, channels: c, data } = r;
  const swap = orientation > 4;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          sy = y;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sx = x;
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        default:
          sx = w - 1 - y;
          sy = x;
          break; // 8
      }
      const s = (sy * w + sx) * c;
      const o = (y * ow + x) * c;
      for (let k = 0; k < c; k++) out[o + k] = data[s + k];
    }
  return { width: ow, height: oh, channels: c, data: out };
}

/** Drops an alpha channel that is fully opaque (smaller output, and JPEG becomes possible). */
function withoutOpaqueAlpha(r: Raster): Raster {
  if (r.channels !== 2 && r.channels !== 4) return r;
  const c = r.channels;
  for (let i = c - 1; i < r.data.length; i += c) if (r.data[i] !== 255) return r;
  const nc = (c - 1) as 1 | 3;
  const out = new Uint8Array(r.width * r.height * nc);
  for (let i = 0, o = 0; i < r.data.length; i += c) for (let k = 0; k < nc; k++) out[o++] = r.data[i + k];
  return { width: r.width, height: r.height, channels: nc, data: out };
}

/** True when the picture has at most 256 distinct colours (a chart, diagram or scan of text). */
function fewColours(r: Raster): boolean {
  const seen = new Set<number>();
  const c = r.channels;
  for (let i = 0; i < r.data.length; i += c) {
    const v =
      c === 1
        ? r.data[i]
        : c === 3
          ? (r.data[i] << 16) | (r.data[i + 1] << 8) | r.data[i + 2]
          : (r.data[i] << 24) | (r.data[i + 1] << 16) | (r.data[i + 2] << 8) | r.data[i + 3];
    if (!seen.has(v)) {
      seen.add(v);
      if (seen.size > 256) return false;
    }
  }
  return true;
}

function toJpeg(r: Raster): Uint8Array {
  const rgba = new Uint8Array(r.width * r.height * 4);
  for (let i = 0, o = 0; i < r.data.length; i += r.channels, o += 4) {
    if (r.channels === 1) rgba[o] = rgba[o + 1] = rgba[o + 2] = r.data[i];
    else {
      rgba[o] = r.data[i];
      rgba[o + 1] = r.data[i + 1];
      rgba[o + 2] = r.data[i + 2];
    }
    rgba[o + 3] = 255;
  }
  const enc = encodeJpeg({ width: r.width, height: r.height, data: rgba }, PRINT_IMAGE.jpegQuality);
  return new Uint8Array(enc.data.buffer, enc.data.byteOffset, enc.data.byteLength);
}

function decode(bytes: Uint8Array, kind: ImageKind, jpegMemoryMb: number): Raster {
  if (kind === 'png') return decodePng(bytes);
  if (kind === 'bmp') return decodeBmp(bytes);
  if (kind === 'gif') return decodeGif(bytes);
  try {
    // Strict decoding: a damaged body is reported rather than printed as grey blocks.
    const img = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: 100,
      maxMemoryUsageInMB: jpegMemoryMb,
    });
    return { width: img.width, height: img.height, channels: 3, data: img.data };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // jpeg-js needs ~20 bytes per pixel while decoding; its own memory cap is a limit, not damage.
    if (/maxMemoryUsageInMB|maxResolutionInMP|allocate enough memory/i.test(msg))
      throw new ImageDecodeError('unsupported', '图像过大，缩小所需内存超过上限');
    throw new ImageDecodeError(/unsupported|not supported/i.test(msg) ? 'unsupported' : 'corrupt', msg.slice(0, 120));
  }
}

/**
 * Checks, and if needed shrinks or converts, one embedded picture. `fallbackSize` is the size the
 * document declares (used only when the header has none). Never throws.
 */
export function prepareImageForPrint(
  bytes: Uint8Array,
  opts: {
    maxSide?: number;
    fallbackSize?: { width: number; height: number };
    budget?: ImageBudget;
    jpegDecodeMemoryMb?: number;
  } = {},
): PrepareOutcome {
  const maxSide = opts.maxSide ?? PRINT_IMAGE.maxSide;
  const kind = sniffImage(bytes);
  if (kind !== 'png' && kind !== 'jpeg' && kind !== 'bmp' && kind !== 'gif')
    return {
      ok: false,
      code: 'image.unsupported-format',
      kind,
      detail: kind === 'unknown' ? '未知格式' : `${kind.toUpperCase()} 格式`,
    };
  const converted = kind === 'bmp' || kind === 'gif';
  const size = imageSize(bytes, kind) ?? (converted ? undefined : opts.fallbackSize);
  if (!size || !(size.width > 0) || !(size.height > 0))
    return { ok: false, code: 'image.unreadable', kind, detail: '无法识别尺寸' };
  const why = oversize(size, bytes.length);
  if (why) return { ok: false, code: 'image.too-large', kind, detail: why };

  const mime: PrintMime = kind === 'png' ? 'image/png' : 'image/jpeg';
  // A sideways-stored phone photo: the original keeps its EXIF (pdfkit turns it when drawing), so
  // the layout gets the displayed size; a shrunk copy is turned here and carries no EXIF.
  const orientation = kind === 'jpeg' ? jpegOrientation(bytes) : 1;
  const shown = orientation > 4 ? { width: size.height, height: size.width } : size;
  const original: PrintImage = { mime, bytes, width: shown.width, height: shown.height };
  const needsShrink = Math.max(size.width, size.height) > maxSide;
  if (!needsShrink && kind === 'jpeg') return { ok: true, image: original };
  if (!needsShrink && kind === 'png') {
    // Kept byte for byte, but decoded once as a check: pdfkit's PNG reader throws from a zlib
    // callback on a damaged stream, which would take the whole compile down the night before.
    try {
      decodePng(bytes);
    } catch (e) {
      if (e instanceof ImageDecodeError && e.reason === 'corrupt')
        return { ok: false, code: 'image.corrupt', kind, detail: e.message };
    }
    return { ok: true, image: original };
  }

  const budget = opts.budget;
  if (budget && budget.spentMs >= budget.limitMs && !converted)
    return {
      ok: true,
      image: original,
      notice: {
        code: 'image.not-downscaled',
        detail: `本文件图片较多，处理时间已超过 ${Math.round(budget.limitMs / 1000)} 秒`,
      },
    };
  const started = Date.now();

  // Baseline JPEG (nearly every photo): reduced decoding, never the full-size picture in memory.
  let raster: Raster | undefined;
  if (kind === 'jpeg') {
    const ratio = Math.max(size.width, size.height) / maxSide;
    try {
      raster = decodeJpegReduced(bytes, ratio >= 8 ? 8 : ratio >= 4 ? 4 : ratio >= 2 ? 2 : 1);
    } catch {
      raster = undefined; // damaged: the full decoder below decides how to report it
    }
  }

  if (!raster && size.width * size.height * 4 > PRINT_IMAGE.maxDecodeBytes) {
    if (converted)
      return { ok: false, code: 'image.too-large', kind, detail: `${size.width}×${size.height} 像素，无法安全转换` };
    return {
      ok: true,
      image: original,
      notice: {
        code: 'image.not-downscaled',
        detail: `${size.width}×${size.height} 像素，超过可安全缩小的上限（${Math.floor(PRINT_IMAGE.maxDecodeBytes / 4 / 1e6)} 百万像素）`,
      },
    };
  }

  if (!raster) {
    try {
      raster = decode(bytes, kind, opts.jpegDecodeMemoryMb ?? PRINT_IMAGE.jpegDecodeMemoryMb);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const unsupported = e instanceof ImageDecodeError && e.reason === 'unsupported';
      if (converted)
        return {
          ok: false,
          code: unsupported ? 'image.unsupported-format' : 'image.corrupt',
          kind,
          detail: unsupported ? `${kind.toUpperCase()}（${detail}）` : detail,
        };
      // pdfkit decodes PNG itself and would fail the whole compile on a damaged one; a JPEG is passed
      // through as is, so a damaged JPEG is kept (the viewer shows what it can) and flagged.
      if (unsupported) return { ok: true, image: original, notice: { code: 'image.not-downscaled', detail } };
      if (kind === 'png') return { ok: false, code: 'image.corrupt', kind, detail };
      return { ok: true, image: original, notice: { code: 'image.damaged', detail } };
    }
    if (
      (raster.width !== size.width || raster.height !== size.height) &&
      raster.width * raster.height * 4 > PRINT_IMAGE.maxDecodeBytes
    )
      return { ok: false, code: 'image.corrupt', kind, detail: '文件头与图像数据的尺寸不一致' };
  }
  const decoded = raster;

  let out: Uint8Array;
  let asPng: boolean;
  let shrunk: Raster;
  let flat: Raster;
  try {
    // Target from the header size, so a reduced decode lands on the same pixels as a full one.
    const target = fitSize(size.width, size.height, maxSide);
    shrunk =
      target.width === decoded.width && target.height === decoded.height
        ? decoded
        : resampleBox(decoded, Math.min(target.width, decoded.width), Math.min(target.height, decoded.height));
    flat = withoutOpaqueAlpha(orient(shrunk, orientation));
    // A shrunk photo (JPEG source, or many colours without transparency) goes to JPEG; transparency,
    // few colours and a BMP only converted (not shrunk) stay lossless.
    asPng = flat.channels === 2 || flat.channels === 4 || !needsShrink || (kind !== 'jpeg' && fewColours(decoded));
    out = asPng ? encodePng(flat) : toJpeg(flat);
  } catch (e) {
    // Out of memory or a bug while resampling/encoding: the original is still a good picture.
    const detail = `缩小失败：${e instanceof Error ? e.message : String(e)}`.slice(0, 120);
    if (converted)
      return { ok: false, code: 'image.unsupported-format', kind, detail: `${kind.toUpperCase()}（${detail}）` };
    return { ok: true, image: original, notice: { code: 'image.not-downscaled', detail } };
  }
  if (budget) budget.spentMs += Date.now() - started;
  return {
    ok: true,
    image: {
      mime: asPng ? 'image/png' : 'image/jpeg',
      bytes: out,
      width: flat.width,
      height: flat.height,
      ...(needsShrink ? { downscaledFrom: { width: shown.width, height: shown.height } } : {}),
      ...(converted ? { convertedFrom: kind } : {}),
      ...('frames' in decoded && typeof decoded.frames === 'number' && decoded.frames > 1
        ? { frames: decoded.frames }
        : {}),
    },
  };
}

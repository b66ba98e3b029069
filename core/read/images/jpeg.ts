// Fast path for shrinking a baseline JPEG (what cameras and phones write): each 8×8 block is
// turned straight into the average of its n×n sub-squares (n = 1, 2, 4 or 8) by a reduced inverse
// DCT, so a 6000×4000 photo never exists at full size in memory (tens of MB instead of ~1 GB) and
// less arithmetic is done. Anything else (progressive, arithmetic, 12-bit, CMYK, unusual sampling)
// returns undefined and the caller uses jpeg-js. It must never guess: a damaged stream throws, and
// the caller then lets the full decoder judge the file.
import type { Raster } from './png';

/** From p, the position of the next marker (0xFF then a non-0xFF code), past stray bytes and
 *  fill bytes; when there is none, a position with fewer than two bytes left. */
export function nextMarker(b: Uint8Array, p: number): number {
  while (p + 1 < b.length && (b[p] !== 0xff || b[p + 1] === 0xff)) p++;
  return p;
}

const ZIGZAG = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

/**
 * M[n][i*8+u]: mean over output cell i (of n across 8 pixels) of the 1-D IDCT basis u, so that
 * block = M · C · Mᵀ gives the exact box average of the full-resolution block.
 */
const REDUCE: Record<number, Float64Array> = {};
function reduceMatrix(n: number): Float64Array {
  const cached = REDUCE[n];
  if (cached) return cached;
  const m = new Float64Array(n * 8);
  const span = 8 / n;
  for (let i = 0; i < n; i++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = i * span; x < (i + 1) * span; x++)
        s += (u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
      m[i * 8 + u] = s / span / 2;
    }
  REDUCE[n] = m;
  return m;
}

interface Huff {
  /** 16-bit lookahead → (length << 8) | symbol; 0 = invalid code. */
  lut: Uint16Array;
}

function buildHuff(counts: Uint8Array, symbols: Uint8Array): Huff {
  const lut = new Uint16Array(65536);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < counts[len - 1]; i++) {
      const start = code << (16 - len);
      const end = (code + 1) << (16 - len);
      if (end > 65536) throw new Error('bad huffman table');
      lut.fill((len << 8) | symbols[k++], start, end);
      code++;
    }
    code <<= 1;
  }
  return { lut };
}

interface Comp {
  id: number;
  h: number;
  v: number;
  tq: number;
  td: number;
  ta: number;
  /** Reduced plane for one MCU row: (blocksPerLine·nx) × (v·ny). */
  plane: Uint8Array;
  planeW: number;
  pred: number;
  /** Output cells per block side: chroma keeps up to twice luma's so it is not blurred further. */
  nx: number;
  ny: number;
}

/**
 * Decodes a baseline JPEG at 1/scale (scale = 1, 2, 4 or 8 → n = 8/scale pixels per block side),
 * each output pixel the average of its scale×scale source pixels. Returns undefined when the file
 * is not a kind this path handles.
 */
export function decodeJpegReduced(b: Uint8Array, scale: 1 | 2 | 4 | 8): (Raster & { channels: 1 | 3 }) | undefined {
  const n = 8 / scale;
  const qt: Float64Array[] = [];
  const dc: Huff[] = [];
  const ac: Huff[] = [];
  let width = 0;
  let height = 0;
  let comps: Comp[] = [];
  let restart = 0;
  let adobeTransform = -1;
  let p = 2;
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (;;) {
    p = nextMarker(b, p);
    if (p + 4 > b.length) return undefined;
    const marker = b[p + 1];
    const len = (b[p + 2] << 8) | b[p + 3];
    const s = p + 4;
    const e = p + 2 + len;
    if (e > b.length || len < 2) return undefined;
    if (marker === 0xdb) {
      let q = s;
      while (q < e) {
        const pq = b[q] >> 4;
        const id = b[q] & 15;
        const t = new Float64Array(64);
        for (let i = 0; i < 64; i++) t[ZIGZAG[i]] = pq ? (b[q + 1 + i * 2] << 8) | b[q + 2 + i * 2] : b[q + 1 + i];
        qt[id] = t;
        q += 1 + (pq ? 128 : 64);
      }
    } else if (marker === 0xc4) {
      let q = s;
      while (q < e) {
        const cls = b[q] >> 4;
        const id = b[q] & 15;
        const counts = b.subarray(q + 1, q + 17);
        const total = counts.reduce((x, y) => x + y, 0);
        const h = buildHuff(counts, b.subarray(q + 17, q + 17 + total));
        (cls ? ac : dc)[id] = h;
        q += 17 + total;
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (b[s] !== 8) return undefined;
      height = (b[s + 1] << 8) | b[s + 2];
      width = (b[s + 3] << 8) | b[s + 4];
      const nc = b[s + 5];
      if (nc !== 1 && nc !== 3) return undefined;
      comps = [];
      for (let i = 0; i < nc; i++) {
        const o = s + 6 + i * 3;
        comps.push({
          id: b[o],
          h: b[o + 1] >> 4,
          v: b[o + 1] & 15,
          tq: b[o + 2],
          td: 0,
          ta: 0,
          plane: new Uint8Array(0),
          planeW: 0,
          pred: 0,
          nx: n,
          ny: n,
        });
      }
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return undefined; // progressive, lossless, arithmetic: the full decoder handles them
    } else if (marker === 0xdd) {
      restart = (b[s] << 8) | b[s + 1];
    } else if (
      marker === 0xee &&
      len >= 14 &&
      b[s] === 0x41 &&
      b[s + 1] === 0x64 &&
      b[s + 2] === 0x6f &&
      b[s + 3] === 0x62 &&
      b[s + 4] === 0x65
    ) {
      adobeTransform = b[s + 11];
    } else if (marker === 0xda) {
      const ns = b[s];
      if (!comps.length || ns !== comps.length || !width || !height) return undefined; // non-interleaved scans: not handled here
      for (let i = 0; i < ns; i++) {
        const c = comps.find((x) => x.id === b[s + 1 + i * 2]);
        if (!c) return undefined;
        c.td = b[s + 2 + i * 2] >> 4;
        c.ta = b[s + 2 + i * 2] & 15;
      }
      p = e;
      break;
    } else if (marker === 0xd9) return undefined;
    p = e;
  }
  if (comps.length === 3 && adobeTransform === 0) return undefined; // RGB-coded JPEG: rare, leave it to jpeg-js
  if (comps.length === 1) comps[0].h = comps[0].v = 1;
  const hmax = Math.max(...comps.map((c) => c.h));
  const vmax = Math.max(...comps.map((c) => c.v));
  // Only the common layouts: luma 1×1, 2×1, 1×2 or 2×2 and chroma 1×1.
  if (hmax > 2 || vmax > 2 || comps.slice(1).some((c) => c.h !== 1 || c.v !== 1)) return undefined;
  for (const c of comps) if (!qt[c.tq] || !dc[c.td] || !ac[c.ta]) return undefined;

  const mcuW = 8 * hmax;
  const mcuH = 8 * vmax;
  const mcusX = Math.ceil(width / mcuW);
  const mcusY = Math.ceil(height / mcuH);
  const outW = Math.ceil((width * n) / 8);
  const outH = Math.ceil((height * n) / 8);
  const channels = comps.length === 1 ? 1 : 3;
  const out = new Uint8Array(outW * outH * channels);
  for (const c of comps) {
    c.nx = Math.min(8, (n * hmax) / c.h);
    c.ny = Math.min(8, (n * vmax) / c.v);
    c.planeW = mcusX * c.h * c.nx;
    c.plane = new Uint8Array(c.planeW * c.v * c.ny);
  }

  // Bit reader over the entropy-coded segment; stops feeding at a marker (zeros after it).
  let pos = p;
  let acc = 0;
  let bits = 0;
  /** Zero bytes fed past the end or a marker; using any of them means the data is cut short. */
  let padded = 0;
  const fill = () => {
    while (bits <= 24) {
      let byte = 0;
      if (pos < b.length) {
        byte = b[pos];
        if (byte === 0xff) {
          const nx = b[pos + 1];
          if (nx === 0) pos += 2;
          else {
            byte = 0; // a marker: do not pass it
            padded++;
          }
        } else pos++;
      } else padded++;
      acc = (acc << 8) | byte;
      bits += 8;
    }
  };
  const decodeSym = (h: Huff) => {
    fill();
    const e = h.lut[(acc >>> (bits - 16)) & 0xffff];
    if (!e) throw new Error('bad huffman code');
    bits -= e >> 8;
    return e & 255;
  };
  const receive = (s: number) => {
    if (!s) return 0;
    fill();
    const v = (acc >>> (bits - s)) & ((1 << s) - 1);
    bits -= s;
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  };

  const coef = new Float64Array(64);
  const tmp = new Float64Array(64);
  const decodeBlock = (c: Comp, q: Float64Array, dst: Uint8Array, dstW: number, dx: number, dy: number) => {
    const nx = c.nx;
    const ny = c.ny;
    const Mx = reduceMatrix(nx);
    const My = reduceMatrix(ny);
    coef.fill(0);
    c.pred += receive(decodeSym(dc[c.td]));
    coef[0] = c.pred * q[0];
    const acT = ac[c.ta];
    for (let k = 1; k < 64;) {
      const rs = decodeSym(acT);
      const r = rs >> 4;
      const s = rs & 15;
      if (!s) {
        if (r !== 15) break;
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) throw new Error('coefficient index out of range');
      coef[ZIGZAG[k]] = receive(s) * q[ZIGZAG[k]];
      k++;
    }
    // rows: tmp[y*nx + i] = Σ_u Mx[i][u] · coef[y][u]; then columns with My.
    for (let y = 0; y < 8; y++)
      for (let i = 0; i < nx; i++) {
        let s = 0;
        for (let u = 0; u < 8; u++) s += Mx[i * 8 + u] * coef[y * 8 + u];
        tmp[y * nx + i] = s;
      }
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        let s = 0;
        for (let v = 0; v < 8; v++) s += My[j * 8 + v] * tmp[v * nx + i];
        const val = Math.round(s + 128);
        dst[(dy + j) * dstW + dx + i] = val < 0 ? 0 : val > 255 ? 255 : val;
      }
  };

  let mcu = 0;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      if (restart && mcu > 0 && mcu % restart === 0) {
        // Expect RSTn: drop leftover bits, skip to after the marker, reset the predictors.
        while (pos + 1 < b.length && !(b[pos] === 0xff && b[pos + 1] >= 0xd0 && b[pos + 1] <= 0xd7)) pos++;
        pos += 2;
        acc = 0;
        bits = 0;
        padded = 0;
        for (const c of comps) c.pred = 0;
      }
      for (const c of comps) {
        const q = qt[c.tq];
        for (let by = 0; by < c.v; by++)
          for (let bx = 0; bx < c.h; bx++) decodeBlock(c, q, c.plane, c.planeW, (mx * c.h + bx) * c.nx, by * c.ny);
      }
      if (padded * 8 > bits) throw new Error('数据不完整（文件被截断或损坏）');
      mcu++;
    }
    // Colour-convert this MCU row into the output (chroma upsampled by nearest neighbour).
    const rowsHere = Math.min(vmax * n, outH - my * vmax * n);
    const Y = comps[0];
    for (let y = 0; y < rowsHere; y++) {
      const oy = my * vmax * n + y;
      const yRow = y * Y.planeW;
      if (channels === 1) {
        out.set(Y.plane.subarray(yRow, yRow + outW), oy * outW);
        continue;
      }
      const cb = comps[1];
      const cr = comps[2];
      // Chroma cells per luma cell: 1, or 2 where chroma could not get finer than 8 per block.
      const rx = (hmax * n) / (cb.h * cb.nx);
      const ry = (vmax * n) / (cb.v * cb.ny);
      const cRow = (ry === 2 ? y >> 1 : y) * cb.planeW;
      let o = oy * outW * 3;
      for (let x = 0; x < outW; x++) {
        const yy = Y.plane[yRow + x];
        const cx = cRow + (rx === 2 ? x >> 1 : x);
        const u = cb.plane[cx] - 128;
        const v = cr.plane[cx] - 128;
        const r = yy + 1.402 * v;
        const g = yy - 0.344136 * u - 0.714136 * v;
        const bl = yy + 1.772 * u;
        out[o++] = r < 0 ? 0 : r > 255 ? 255 : Math.round(r);
        out[o++] = g < 0 ? 0 : g > 255 ? 255 : Math.round(g);
        out[o++] = bl < 0 ? 0 : bl > 255 ? 255 : Math.round(bl);
      }
    }
  }
  return { width: outW, height: outH, channels, data: out };
}

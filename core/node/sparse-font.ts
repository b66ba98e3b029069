// Reading a TrueType font without its outlines: every table is read at once except `glyf` (the
// glyph outlines, 93–96 % of each built-in TrueType font), whose bytes are read when fontkit first
// decodes a glyph — for the few thousand glyphs a dossier uses, not the 30,000 a CJK font has.
// Why: a fresh process pays for every page of memory it first touches, and reading 62 MB of fonts
// was ~0.16 s of a fresh `huibian compile` of the sample on its critical path (the system time of
// the page faults, measured on the 2-core test machine). Used by short processes (the CLI:
// setFontReadMode('sparse')); the app keeps reading whole files (it compiles many times and
// should not hold font files open).
//
// How it stays exact: the buffer handed to fontkit has the file's size; unread bytes are zero
// pages that are never touched. fontkit reads `glyf` in exactly two places, both on the TrueType
// glyph class (`_decode` for outlines, composites and subsetting; `_getCBox` for a glyph's box);
// both are wrapped once so that the glyph's byte range (from `loca`) is read before they run.
// When fontkit's internals are not as expected (another version), nothing is wrapped and the
// font is read whole. Bytes come from the same open file, so the outlines match the tables read
// first even if the file is replaced meanwhile. A failed late read throws font.read-failed.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Font } from 'fontkit';
import { AppException } from '../result';

/** Below this, or when `glyf` is a small part of the file, the font is simply read whole. */
const SPARSE_MIN_BYTES = 2 * 1024 * 1024;
/** Outlines are read in aligned blocks of one memory page (what a first touch costs). */
const BLOCK = 4096;

interface SparseFile {
  file: string;
  fd: number;
  bytes: Uint8Array;
  glyfStart: number;
  glyfEnd: number;
  loaded: Uint8Array; // one flag per BLOCK of glyf
}

const sparseFonts = new WeakMap<object, SparseFile>();

function readFully(fd: number, into: Uint8Array, start: number, end: number, file: string): void {
  let at = start;
  while (at < end) {
    const n = readSync(fd, into, at, end - at, at);
    if (n <= 0) throw new AppException({ code: 'font.read-failed', message: `字体文件读取不完整：${file}`, file });
    at += n;
  }
}

/** Reads the byte range [start, end) of the font's glyf bytes (file offsets) that is not read yet. */
function ensure(s: SparseFile, start: number, end: number): void {
  const first = Math.floor((start - s.glyfStart) / BLOCK);
  const last = Math.floor((end - 1 - s.glyfStart) / BLOCK);
  for (let b = first; b <= last; b++) {
    if (s.loaded[b]) continue;
    let e = b;
    while (e + 1 <= last && !s.loaded[e + 1]) e++;
    const from = s.glyfStart + b * BLOCK;
    const to = Math.min(s.glyfEnd, s.glyfStart + (e + 1) * BLOCK);
    try {
      readFully(s.fd, s.bytes, from, to, s.file);
    } catch (x) {
      if (x instanceof AppException) throw x;
      throw new AppException({
        code: 'font.read-failed',
        message: `字体文件读取失败：${s.file}（${(x as NodeJS.ErrnoException).code ?? x}）`,
        file: s.file,
      });
    }
    s.loaded.fill(1, b, e + 1);
    b = e;
  }
}

interface GlyphLike {
  id: number;
  _font: { loca?: { offsets?: ArrayLike<number> } };
}
type GlyphMethod = (this: GlyphLike, ...args: unknown[]) => unknown;

/** The TrueType glyph class's prototype, its two glyf readers wrapped (once per process). */
const wrapped = new WeakSet<object>();
function wrapGlyphClass(proto: Record<string, unknown>): boolean {
  if (wrapped.has(proto)) return true;
  const decode = proto._decode;
  const cbox = proto._getCBox;
  if (typeof decode !== 'function' || typeof cbox !== 'function') return false;
  const guard = (orig: GlyphMethod): GlyphMethod =>
    function (this: GlyphLike, ...args: unknown[]) {
      const s = sparseFonts.get(this._font);
      const offsets = s && this._font.loca?.offsets;
      if (s && offsets) {
        const a = offsets[this.id];
        const b = offsets[this.id + 1];
        if (b > a) ensure(s, s.glyfStart + a, s.glyfStart + b);
      }
      return orig.apply(this, args);
    };
  proto._decode = guard(decode as GlyphMethod);
  proto._getCBox = guard(cbox as GlyphMethod);
  wrapped.add(proto);
  return true;
}

/** The font file's table directory entry for `tag`, when the file is a single TrueType font. */
function glyfRange(head: Uint8Array, size: number): { start: number; end: number } | undefined {
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const version = v.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return undefined;
  const n = v.getUint16(4);
  if (head.byteLength < 12 + 16 * n) return undefined;
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    if (String.fromCharCode(head[at], head[at + 1], head[at + 2], head[at + 3]) !== 'glyf') continue;
    const start = v.getUint32(at + 8);
    const end = start + v.getUint32(at + 12);
    return end <= size && end > start ? { start, end } : undefined;
  }
  return undefined;
}

/**
 * Reads `file` for `parse` (which makes the fontkit font): sparsely when it is a large TrueType
 * font whose glyf table can be read on demand, else whole. Synchronous reads: this runs once per
 * font per process, and the late reads are a few kilobytes each.
 */
export function readFontSparse(file: string, parse: (bytes: Uint8Array) => Font): Font {
  const fd = openSync(file, 'r');
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, 12 + 16 * 64));
    readFully(fd, head, 0, head.length, file);
    const glyf = size >= SPARSE_MIN_BYTES ? glyfRange(head, size) : undefined;
    // Zero-filled by the allocator without touching its pages: only what is read is paid for.
    const bytes = new Uint8Array(size);
    if (!glyf || glyf.end - glyf.start < size / 2) {
      readFully(fd, bytes, 0, size, file);
      return parse(bytes);
    }
    readFully(fd, bytes, 0, glyf.start, file);
    readFully(fd, bytes, glyf.end, size, file);
    const font = parse(bytes);
    const glyph0 = (font as unknown as { getGlyph(id: number): object }).getGlyph(0);
    const proto = Object.getPrototypeOf(glyph0) as Record<string, unknown>;
    const t = font as unknown as { directory?: { tables?: Record<string, unknown> } };
    const tables = t.directory?.tables ?? {};
    // Variation fonts, colour and bitmap glyphs read glyf in other ways: read those whole.
    if (tables.gvar || tables.COLR || tables.sbix || !wrapGlyphClass(proto)) {
      readFully(fd, bytes, glyf.start, glyf.end, file);
      return font;
    }
    const blocks = Math.ceil((glyf.end - glyf.start) / BLOCK);
    const s: SparseFile = { file, fd, bytes, glyfStart: glyf.start, glyfEnd: glyf.end, loaded: new Uint8Array(blocks) };
    sparseFonts.set(font, s);
    keep = true;
    return font;
  } finally {
    if (!keep) closeSync(fd);
  }
}

/** How many of the font's glyf bytes have been read (tests, diagnostics); undefined when read whole. */
export function sparseBytesRead(font: Font): number | undefined {
  const s = sparseFonts.get(font);
  if (!s) return undefined;
  let n = 0;
  s.loaded.forEach((f, b) => {
    if (f) n += Math.min(BLOCK, s.glyfEnd - (s.glyfStart + b * BLOCK));
  });
  return n;
}

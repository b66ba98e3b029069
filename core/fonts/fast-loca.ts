// fontkit decodes a TrueType font's `loca` table (where each glyph's outline starts: one number per
// glyph, ~30,000 for a CJK font) through its generic table reader, one value at a time: ~9 ms per
// font, paid by every compile since pdfkit asks glyph 0 for its metrics, which needs its box. Here
// the same table is read straight from the font's bytes and handed to fontkit as already decoded:
// the same object fontkit makes ({ version, offsets } with short offsets doubled), so nothing else
// changes. Guarded: when fontkit's internals are not as expected, fontkit decodes it as before.
import type { Font } from 'fontkit';

interface FontInternals {
  _tables?: Record<string, unknown>;
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer?: Uint8Array };
  head?: { indexToLocFormat?: number };
}

export function preloadLoca(font: Font): void {
  const f = font as unknown as FontInternals;
  const entry = f.directory?.tables?.loca;
  const bytes = f.stream?.buffer;
  if (!entry || !f._tables || !(bytes instanceof Uint8Array) || 'loca' in f._tables) return;
  const format = f.head?.indexToLocFormat;
  if (format !== 0 && format !== 1) return;
  const size = format === 0 ? 2 : 4;
  if (entry.offset + entry.length > bytes.byteLength) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.length);
  const n = Math.floor(entry.length / size);
  const offsets: number[] = new Array(n);
  if (format === 0) for (let i = 0; i < n; i++) offsets[i] = view.getUint16(i * 2) << 1;
  else for (let i = 0; i < n; i++) offsets[i] = view.getUint32(i * 4);
  f._tables.loca = format === 0 ? { version: 0, offsets, _processed: true } : { version: 1, offsets };
}

// Reading a TrueType font without its outlines (core/node/sparse-font.ts, the CLI's font mode):
// the font it gives is the same font — same outlines, boxes, metrics and the same embedded subset
// bytes as the font read whole, for CJK, Latin composites and rare characters — while reading a
// small part of the outline table; a CFF font is read whole; a file cut short after opening
// gives the error font.read-failed naming the file, not a blank glyph.
import { copyFileSync, readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Font } from 'fontkit';
import { parseFont } from '../../core/fonts/font-set';
import { BUILTIN_FILES } from '../../core/node/fonts';
import { fontsDir } from '../../core/node/paths';
import { readFontSparse, sparseBytesRead } from '../../core/node/sparse-font';
import { tempDirs } from '../helpers/temp-dirs';

const tmp = tempDirs('hb-sparse-');

const TEXT = '关于推进数字乡村建设的建议——市政协委员王明：一、二、三。《报告》（2026年）ÅéüçñØǅ﹏㛃啰喆堃玥瞭赟「」·…';

interface Internals {
  getGlyph(id: number): { path: { toSVG(): string }; cbox: object; advanceWidth: number };
  glyphsForString(s: string): { id: number }[];
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number }> };
}
const f = (font: Font) => font as unknown as Internals;

const glyphIds = (font: Font) => [
  ...new Set(
    f(font)
      .glyphsForString(TEXT)
      .map((g) => g.id),
  ),
];

function subsetBytes(font: Font, ids: number[]): Uint8Array {
  const s = f(font).createSubset();
  for (const id of ids) s.includeGlyph(id);
  return s.encode();
}

describe('sparse font reading', () => {
  for (const name of ['NotoSansSC-Regular', 'NotoSerifSC-Bold', 'LXGWWenKai']) {
    it(`${name}: the same outlines, boxes, advances and subset bytes as the font read whole`, () => {
      const file = path.join(fontsDir(), BUILTIN_FILES[name]);
      const whole = parseFont(new Uint8Array(readFileSync(file)));
      const sparse = readFontSparse(file, (b) => parseFont(b));
      expect(sparseBytesRead(whole)).toBeUndefined();
      expect(sparseBytesRead(sparse)).toBe(0);
      const ids = glyphIds(whole);
      expect(glyphIds(sparse)).toEqual(ids);
      expect(ids.length).toBeGreaterThan(40);
      for (const id of ids) {
        const a = f(whole).getGlyph(id);
        const b = f(sparse).getGlyph(id);
        expect(b.advanceWidth).toBe(a.advanceWidth);
        expect(b.cbox).toEqual(a.cbox);
        expect(b.path.toSVG()).toBe(a.path.toSVG());
      }
      // Subsets made from fresh fonts (no glyph decoded yet): the bytes a PDF embeds.
      const wholeAgain = parseFont(new Uint8Array(readFileSync(file)));
      const sparseAgain = readFontSparse(file, (b) => parseFont(b));
      expect(Buffer.from(subsetBytes(sparseAgain, ids)).equals(Buffer.from(subsetBytes(wholeAgain, ids)))).toBe(true);
      const glyf = f(sparse).directory.tables.glyf.length;
      expect(sparseBytesRead(sparseAgain)!).toBeGreaterThan(0);
      expect(sparseBytesRead(sparseAgain)!).toBeLessThan(glyf / 20);
    });
  }

  it('reads a CFF (OpenType) font whole', () => {
    const file = path.join(fontsDir(), BUILTIN_FILES.FandolFang);
    const font = readFontSparse(file, (b) => parseFont(b));
    expect(sparseBytesRead(font)).toBeUndefined();
    expect(f(font).getGlyph(glyphIds(font)[3]).path.toSVG().length).toBeGreaterThan(20);
  });

  it('names the file when its outlines cannot be read any more (font.read-failed)', () => {
    const dir = tmp();
    const file = path.join(dir, 'cut.ttf');
    copyFileSync(path.join(fontsDir(), BUILTIN_FILES['NotoSansSC-Regular']), file);
    const font = readFontSparse(file, (b) => parseFont(b));
    truncateSync(file, f(font).directory.tables.glyf.offset + 1024);
    const id = f(font).glyphsForString('赟')[0].id;
    let error: unknown;
    try {
      void f(font).getGlyph(id).path;
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ error: { code: 'font.read-failed', file } });
  });
});

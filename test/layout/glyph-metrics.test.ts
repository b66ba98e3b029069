// The fast glyph-metrics path (cmap + hmtx read directly) must give exactly what fontkit's glyph
// objects give — ids and advance widths — for every bundled font, including characters a font
// lacks (glyph 0) and the glyphs past the hmtx metrics array. Layout and PDF widths rely on it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glyphMetrics, lightPostTable, parseFont } from '../../core/fonts/font-set';
import { BUILTIN_FILES } from '../../core/node/fonts';
import { fontsDir } from '../../core/node/paths';

// ASCII, CJK punctuation, common and rare Han, a few characters most fonts lack
const sample: number[] = [];
for (let c = 0x20; c < 0x7f; c++) sample.push(c);
for (const ch of '，。、；：？！“”‘’（）《》〔〕【】……——·％㛃喆堃玥赟啰瞭𠀀') sample.push(ch.codePointAt(0)!);
for (let c = 0x4e00; c < 0x9fa5; c += 37) sample.push(c);

describe('glyphMetrics', () => {
  for (const file of Object.values(BUILTIN_FILES)) {
    it(`matches fontkit glyph objects for ${file}`, () => {
      const bytes = readFileSync(path.join(fontsDir(), file));
      const fast = parseFont(bytes);
      const slow = parseFont(bytes); // a separate parse: no shared caches between the two paths
      let missing = 0;
      for (const cp of sample) {
        const g = slow.glyphForCodePoint(cp);
        const m = glyphMetrics(fast, cp);
        expect(m.id, `U+${cp.toString(16)}`).toBe(g.id);
        expect(m.advance, `U+${cp.toString(16)}`).toBe(g.advanceWidth);
        if (g.id === 0) missing++;
      }
      expect(sample.length).toBeGreaterThan(650);
      // the check covers the .notdef case too (U+20000 is in none of these fonts)
      expect(missing).toBeGreaterThan(0);
    });
  }
});

describe('lightPostTable', () => {
  for (const file of Object.values(BUILTIN_FILES)) {
    it(`gives the same post header as fontkit for ${file}, and glyph names on demand`, () => {
      const bytes = readFileSync(path.join(fontsDir(), file));
      const light = parseFont(bytes);
      const full = parseFont(bytes);
      lightPostTable(light);
      const a = (light as unknown as { post: Record<string, unknown> }).post;
      const b = (full as unknown as { post: Record<string, unknown> }).post;
      for (const k of [
        'version',
        'italicAngle',
        'underlinePosition',
        'underlineThickness',
        'isFixedPitch',
        'minMemType42',
        'maxMemType42',
        'minMemType1',
        'maxMemType1',
      ])
        expect(a[k], k).toBe(b[k]);
      expect((light as unknown as { italicAngle: number }).italicAngle).toBe(
        (full as unknown as { italicAngle: number }).italicAngle,
      );
      expect(a.numberOfGlyphs).toEqual(b.numberOfGlyphs);
      expect(a.glyphNameIndex).toEqual(b.glyphNameIndex);
    });
  }
});

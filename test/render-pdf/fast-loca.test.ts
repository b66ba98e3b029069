// The loca table read straight from the bytes (core/fonts/fast-loca.ts) is exactly what fontkit
// decodes itself for every built-in TrueType font (long offsets); short offsets (stored halved) come
// out doubled as fontkit's loca.process makes them; a CFF font has none and is left alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { preloadLoca } from '../../core/fonts/fast-loca';
import { parseFont } from '../../core/fonts/font-set';
import { BUILTIN_FILES } from '../../core/node/fonts';
import { fontsDir } from '../../core/node/paths';

type Loca = { version: number; offsets: number[] };
const internals = (f: Font) =>
  f as unknown as {
    loca?: Loca;
    _tables: Record<string, unknown>;
    glyphsForString(s: string): { id: number }[];
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  };
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(fontsDir(), BUILTIN_FILES[name])));

function compare(bytes: Uint8Array): Loca {
  const theirs = internals(create(bytes) as Font).loca!;
  const ours = parseFont(bytes);
  expect(internals(ours)._tables.loca).toBeDefined(); // preloaded, not decoded by fontkit
  const loca = internals(ours).loca!;
  expect(loca.version).toBe(theirs.version);
  expect(loca.offsets).toEqual([...theirs.offsets]);
  return loca;
}

describe('fast loca', () => {
  for (const name of ['NotoSansSC-Regular', 'NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'LXGWWenKai']) {
    it(`${name}: the same offsets as fontkit's own decoding`, () => {
      expect(compare(bytesOf(name)).offsets.length).toBeGreaterThan(20_000);
    });
  }

  it('doubles short offsets (stored halved), as fontkit does', () => {
    // No built-in font has short offsets: a stand-in with fontkit's fields and a 3-entry table.
    const stand = {
      _tables: {} as Record<string, unknown>,
      directory: { tables: { loca: { offset: 4, length: 6 } } },
      stream: { buffer: new Uint8Array([9, 9, 9, 9, 0, 1, 0, 5, 0x80, 9]) },
      head: { indexToLocFormat: 0 },
    };
    preloadLoca(stand as unknown as Font);
    expect(stand._tables.loca).toEqual({ version: 0, offsets: [2, 10, 0x10012], _processed: true });
  });

  it('leaves a CFF font alone', () => {
    const font = parseFont(bytesOf('FandolFang'));
    expect(internals(font)._tables.loca).toBeUndefined();
  });
});

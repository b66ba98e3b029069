// The built-in font files and how a font file is read: whole, in one buffer, once per process.
// Kept apart from core/node/fonts.ts (fontkit, the font set) and tiny, so a command that will
// compile can start reading the ~60 MB of built-in fonts the moment it starts (prefetchBuiltinFonts,
// from cli/main.ts): the reads run on the I/O threads while the main thread is still loading the
// engine's code, instead of after it (measured: ~0.15 s of a fresh `huibian compile`).
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fontsDir } from './paths';

export const BUILTIN_FILES: Record<string, string> = {
  FandolFang: 'FandolFang-Regular.otf',
  'NotoSerifSC-Regular': 'NotoSerifSC-Regular.ttf',
  'NotoSerifSC-Bold': 'NotoSerifSC-Bold.ttf',
  'NotoSansSC-Regular': 'NotoSansSC-Regular.ttf',
  LXGWWenKai: 'LXGWWenKai-Regular.ttf',
};

export const builtinFontPath = (name: string): string => path.join(fontsDir(), BUILTIN_FILES[name]);

/**
 * A whole file in one buffer with as few reads as the OS allows: fs.readFile reads in 512 KB
 * pieces, each a thread-pool job, ~120 of them for the built-in fonts, which costs a fresh compile
 * measurable system time; here each font is one job (and a Buffer is a Uint8Array: no copy).
 */
async function readWhole(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await fh.read(buf, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === size ? buf : buf.subarray(0, done);
  } finally {
    await fh.close();
  }
}

/** Reads started ahead of need, each handed out once (the font set keeps what it parsed). */
const ahead = new Map<string, Promise<Uint8Array>>();

/** The bytes of a font file: a read started by prefetchBuiltinFonts when there is one, else a new read. */
export function readFontFile(file: string): Promise<Uint8Array> {
  const p = ahead.get(file);
  if (!p) return readWhole(file);
  ahead.delete(file);
  return p;
}

/** Starts reading every built-in font (they are always loaded: the roles' defaults and the fallbacks). */
export function prefetchBuiltinFonts(): void {
  for (const name of Object.keys(BUILTIN_FILES)) {
    const file = builtinFontPath(name);
    if (ahead.has(file)) continue;
    const p = readWhole(file);
    p.catch(() => ahead.delete(file)); // read again (and reported) by the font set
    ahead.set(file, p);
  }
}

// Loads font bytes for a LayoutSettings (built-in free fonts from resources/fonts, or a user's
// installed font file) and finds installed fonts on Windows, macOS and Linux. Fonts are ~60 MB,
// so every file is read and parsed once per process and the FontSet per settings is cached.
// It must never modify font files, and a missing/broken user font is an error value, not a crash.
import { open, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Font } from 'fontkit';
import { FontSet, parseFont, type FaceSource } from '../fonts/font-set';
import { FONT_ROLES, DEFAULT_FONTS, type FontRef, type FontRole, type LayoutSettings } from '../model/settings';
import { AppException } from '../result';
import { fontsDir } from './paths';
import { readFontSparse } from './sparse-font';

export const BUILTIN_FILES: Record<string, string> = {
  FandolFang: 'FandolFang-Regular.otf',
  'NotoSerifSC-Regular': 'NotoSerifSC-Regular.ttf',
  'NotoSerifSC-Bold': 'NotoSerifSC-Bold.ttf',
  'NotoSansSC-Regular': 'NotoSansSC-Regular.ttf',
  LXGWWenKai: 'LXGWWenKai-Regular.ttf',
};

const parsed = new Map<string, Promise<Font>>();

/**
 * 'whole' (the default): every font file is read at once. 'sparse': large TrueType fonts are read
 * without their outlines, which are read glyph by glyph when used (core/node/sparse-font) — for
 * short processes (the CLI), where touching 62 MB of memory is a measurable part of the run.
 * Either way the fonts, and so the output, are the same.
 */
let readMode: 'whole' | 'sparse' = 'whole';
export function setFontReadMode(mode: 'whole' | 'sparse'): void {
  readMode = mode;
}
const sets = new Map<string, Promise<FontSet>>();

function refPath(ref: FontRef): string {
  return 'builtin' in ref ? path.join(fontsDir(), BUILTIN_FILES[ref.builtin]) : ref.file;
}
const refKey = (ref: FontRef) => `${refPath(ref)}#${'file' in ref ? (ref.postscriptName ?? '') : ''}`;
const refLabel = (ref: FontRef) => ('builtin' in ref ? ref.builtin : (ref.label ?? path.basename(ref.file)));

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

async function loadFont(ref: FontRef): Promise<Font> {
  const key = refKey(ref);
  let p = parsed.get(key);
  if (!p) {
    p = (async () => {
      const file = refPath(ref);
      if (/\.woff2?$/i.test(file))
        throw new AppException({
          code: 'font.unsupported',
          message: `不支持网页字体（WOFF）：${file}，请选择 TTF/OTF/TTC 字体`,
          file,
        });
      const parse = (bytes: Uint8Array) => {
        try {
          return parseFont(bytes, 'file' in ref ? ref.postscriptName : undefined);
        } catch (e) {
          throw new AppException({
            code: 'font.invalid',
            message: `字体文件无法读取：${file}（${e instanceof Error ? e.message : e}）`,
            file,
          });
        }
      };
      let bytes: Uint8Array;
      try {
        if (readMode === 'sparse') return readFontSparse(file, parse);
        bytes = await readWhole(file);
      } catch (e) {
        if (e instanceof AppException) throw e;
        throw new AppException({
          code: 'font.not-found',
          message: `找不到字体文件：${file}（${(e as NodeJS.ErrnoException).code ?? e}）`,
          file,
        });
      }
      return parse(bytes);
    })();
    parsed.set(key, p);
    p.catch(() => parsed.delete(key));
  }
  return p;
}

/** The FontSet for these settings; fonts and sets are cached for the life of the process. */
export function loadFontSet(settings: Pick<LayoutSettings, 'fonts'>): Promise<FontSet> {
  const refs = settings.fonts;
  const key = FONT_ROLES.map((r) => refKey(refs[r])).join('|');
  let p = sets.get(key);
  if (!p) {
    p = (async () => {
      const roles = {} as Record<FontRole, FaceSource>;
      await Promise.all(
        FONT_ROLES.map(async (r) => {
          roles[r] = { label: refLabel(refs[r]), font: await loadFont(refs[r]) };
        }),
      );
      // Installed fonts may lack characters; the free built-ins always back them up.
      const fallbacks: FaceSource[] = [];
      for (const r of FONT_ROLES) {
        const def = DEFAULT_FONTS[r];
        if (refKey(def) !== refKey(refs[r])) fallbacks.push({ label: refLabel(def), font: await loadFont(def) });
      }
      return new FontSet(roles, fallbacks);
    })();
    sets.set(key, p);
    p.catch(() => sets.delete(key));
  }
  return p;
}

export interface InstalledFont {
  file: string;
  postscriptName: string;
  family: string;
  /** Full name (English record). */
  fullName: string;
  /** The Chinese name when the font has one (仿宋_GB2312, 方正小标宋简体), for the font picker. */
  localName?: string;
  /** Whether the face covers common Chinese (checks a few frequent characters). */
  cjk: boolean;
}

/** The usual font folders of the platform. */
export function systemFontDirs(platform = process.platform): string[] {
  const home = os.homedir();
  if (platform === 'win32') {
    const win = process.env.WINDIR ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
    return [path.join(win, 'Fonts'), path.join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  if (platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
}

async function listFontFiles(dir: string, depth: number, out: string[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) await listFontFiles(p, depth - 1, out);
    else if (/\.(ttf|otf|ttc)$/i.test(e.name)) out.push(p);
  }
}

function chineseName(face: Font): string | undefined {
  const recs = face.name?.records ?? {};
  for (const key of ['fullName', 'fontFamily', 'preferredFamily']) {
    const r = recs[key];
    const lang = r && Object.keys(r).find((k) => k.toLowerCase().startsWith('zh'));
    if (r && lang) return r[lang];
  }
  return undefined;
}

/**
 * Installed fonts with their names (read with fontkit). Only CJK-capable faces are returned by
 * default, since only those can serve a role. Files that fail to parse are skipped.
 */
export async function findInstalledFonts(opts: { dirs?: string[]; all?: boolean } = {}): Promise<InstalledFont[]> {
  const files: string[] = [];
  for (const d of opts.dirs ?? systemFontDirs()) await listFontFiles(d, 4, files);
  const out: InstalledFont[] = [];
  const { create } = await import('fontkit');
  for (const file of files) {
    try {
      const st = await stat(file);
      if (st.size > 80 * 1024 * 1024) continue;
      const bytes = new Uint8Array(await readFile(file));
      const f = create(bytes) as Font & { fonts?: Font[] };
      const faces = f.fonts ?? [f];
      for (const face of faces) {
        const cjk = [0x4e2d, 0x6587, 0x653f, 0x534f].every((cp) => face.hasGlyphForCodePoint(cp));
        if (!cjk && !opts.all) continue;
        out.push({
          file,
          postscriptName: face.postscriptName,
          family: face.familyName,
          fullName: face.fullName,
          localName: chineseName(face),
          cjk,
        });
      }
    } catch {
      /* not a readable font: skip */
    }
  }
  return out;
}

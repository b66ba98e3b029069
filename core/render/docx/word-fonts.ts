// The font names written into the Word file for each typographic role. Word and WPS look fonts up
// by family name on the reader's PC, so these must be names secretariat PCs actually have; it must
// never write a file path or one of our built-in free fonts' names (nobody has FandolFang installed).
//
// Why '仿宋' and '楷体' rather than '仿宋_GB2312' and '楷体_GB2312': every Windows since Vista ships
// 仿宋 (simfang.ttf) and 楷体 (simkai.ttf), the GB18030 successors of the same designs, while the
// _GB2312 faces came only with Windows XP and must be installed by hand. Word replaces a missing
// font with the default 宋体/等线, which is a visible error; 仿宋 renders the same design everywhere.
// A clerk who picked an installed font for a role (FontRef with a label) gets that font's name.
// 方正小标宋简体 is not part of Windows but is on most secretariat PCs; fontTable.xml gives it
// 宋体 as the alternate so a PC without it still shows a serif Chinese title.
import type { FontRef, FontRole, LayoutSettings } from '../../model/settings';

export const DEFAULT_WORD_FONTS: Record<FontRole, string> = {
  fang: '仿宋',
  song: '宋体',
  xbs: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体',
};

/** Alternates written into fontTable.xml (w:altName) for fonts many PCs lack. */
export const WORD_FONT_ALTERNATES: Record<string, string> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  方正仿宋_GBK: '仿宋',
  方正楷体_GBK: '楷体',
  方正黑体_GBK: '黑体',
};

/** The family name in a user's font label, "仿宋_GB2312 (C:\\Windows\\Fonts\\…)" → "仿宋_GB2312". */
function familyFromLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.replace(/\s*[（(].*$/u, '').trim();
  if (!name || name.length > 48 || /[\\/:*?"<>|]/.test(name) || /\.(?:ttf|otf|ttc)$/i.test(name)) return undefined;
  return name;
}

export function wordFontName(role: FontRole, ref: FontRef | undefined): string {
  if (ref && 'file' in ref) return familyFromLabel(ref.label) ?? DEFAULT_WORD_FONTS[role];
  return DEFAULT_WORD_FONTS[role];
}

export type WordFonts = Record<FontRole, string>;

export function wordFonts(settings: LayoutSettings): WordFonts {
  const f = settings.fonts;
  return {
    fang: wordFontName('fang', f.fang),
    song: wordFontName('song', f.song),
    xbs: wordFontName('xbs', f.xbs),
    hei: wordFontName('hei', f.hei),
    kai: wordFontName('kai', f.kai),
  };
}

/**
 * A run font: Latin letters and digits in Times New Roman (the usual Chinese office pairing),
 * everything East Asian in the role's Chinese font.
 */
export function runFont(eastAsia: string, latin = 'Times New Roman') {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin };
}

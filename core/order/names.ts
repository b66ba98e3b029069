// Personal-name ordering for official lists: 按姓氏笔画为序 (GF 3003 per character with the name-list
// 字形结构 level, see ./stroke-compare.ts nameCharKey; surname first, then the given name), and pinyin order with surname readings. It knows Chinese naming conventions
// (compound surnames, the single-character-given-name blank, ethnic names with a middle dot compared
// character by character with the dot ignored, Latin names after Chinese ones). It must never drop
// or silently misplace a name: every Han character without checked stroke data is returned in
// `unknownChars` (`estimatedChars`: those of them that still had an estimated stroke sequence).
import { pinyin } from 'pinyin-pro';
import { BLANK_KEY, charEntry, compareKeyArrays } from './stroke-compare';
import { isHan } from './stroke-data';

/** 复姓 compared as one surname (character by character). Editable by passing `compoundSurnames`. */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '尉迟',
  '东方',
  '皇甫',
  '夏侯',
  '公孙',
  '令狐',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '端木',
  '轩辕',
  '独孤',
  '南宫',
  '万俟',
  '闻人',
  '申屠',
  '澹台',
  '公冶',
  '太史',
  '呼延',
  '赫连',
  '百里',
  '东郭',
  '西门',
  '钟离',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '拓跋',
  '完颜',
  '亓官',
  '司寇',
  '子车',
  '颛孙',
  '巫马',
  '公西',
  '漆雕',
  '乐正',
  '壤驷',
  '公良',
  '谷梁',
  '左丘',
  '梁丘',
  '羊舌',
  '微生',
  '段干',
  '闾丘',
  '东门',
  '公羊',
  '仲孙',
  '叔孙',
  '即墨',
  '鲜于',
  '第五',
  '南门',
  '呼衍',
  '爱新觉罗',
];

/**
 * Separators written in transcribed ethnic and foreign names (艾力更·依明巴海): the middle dot and its
 * look-alikes (・ • ‧ ･ ∙ ⋅ Greek ano teleia ．), and a full stop, hyphen or dash between two Han characters
 * (努尔.白克力, 艾力更-依明巴海).
 * Official lists compare such a name character by character with the separator IGNORED, like any other
 * name: 艾力更·依明巴海 comes before 艾爱国 because 力 (2 strokes) precedes 爱 (10).
 */
export const NAME_DOTS = /[·・•‧･∙⋅·．]|(?<=\p{Script=Han})[-‐‑–—－.](?=\p{Script=Han})/u;
const NAME_DOTS_ALL = new RegExp(NAME_DOTS.source, 'gu');
/** Spaces that clerks put inside two-character names to pad them ("王　伟"). */
const SPACES = /[\s\u3000\u00a0]+/gu;

export interface NameOptions {
  /**
   * true (default, the CPPCC/party-list convention): a single-character given name counts as blank
   * in the second position, so 田富 comes before 田大利. false: compare the actual characters.
   */
  givenNameBlank?: boolean;
  compoundSurnames?: readonly string[];
}

export interface NameParts {
  /** What was compared (spaces removed). */
  clean: string;
  kind: 'han' | 'dotted' | 'latin';
  surname: string;
  given: string;
}

/** Notes printed after names in official lists: 王丽（女）, 马云（回族）. Not part of the name's order. */
const NAME_NOTE = /[（(][^）)]*[）)]/gu;

export function cleanName(name: string): string {
  return name.normalize('NFC').replace(NAME_NOTE, '').replace(SPACES, '');
}

/** The characters a dotted name is compared by: the name with its separators removed. */
export function undottedName(name: string): string {
  return cleanName(name).replace(NAME_DOTS_ALL, '');
}

export function splitName(name: string, compound: readonly string[] = COMPOUND_SURNAMES): NameParts {
  const clean = cleanName(name);
  const first = [...clean][0] ?? '';
  if (!first || !isHan(first)) {
    // Latin names keep their word spaces ("Li Na" is not "Lina").
    const latin = name
      .normalize('NFC')
      .replace(/[（(][^）)]*[）)]/gu, '')
      .trim()
      .replace(/\s+/gu, ' ');
    return { clean: latin, kind: 'latin', surname: '', given: latin };
  }
  // A transcribed name (维吾尔、哈萨克、蒙古 …) has no surname in the Han sense: it is compared character
  // by character with the dots dropped. Its first character takes the surname position so that it
  // interleaves with Han names of the same first character (艾力更·依明巴海 between 艾丁 and 艾爱国).
  if (NAME_DOTS.test(clean)) {
    const chars = [...clean.replace(NAME_DOTS_ALL, '')];
    return { clean, kind: 'dotted', surname: chars[0], given: chars.slice(1).join('') };
  }
  const chars = [...clean];
  // A compound surname only when something follows it (a two-character 欧阳 alone is surname 欧 + 阳).
  const cs = compound.find((s) => clean.startsWith(s) && chars.length > [...s].length);
  const surname = cs ?? chars[0];
  return { clean, kind: 'han', surname, given: chars.slice([...surname].length).join('') };
}

/** A precomputed sort key for a name; build once per name, compare many times. */
export interface NameKey {
  group: 0 | 1;
  surname: string[];
  given: string[];
  latin: string;
  /** The original text, for a last stable tie-break. */
  text: string;
}

export interface KeyContext {
  /** Han characters not ordered by a checked sequence (estimated, count only, or nothing known). */
  unknown: Set<string>;
  /** The subset of `unknown` with an estimated class sequence (outside the 8105, rime-stroke data). */
  estimated?: Set<string>;
}

function keysOf(text: string, ctx?: KeyContext): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const e = charEntry(ch);
    if (ctx && e.info.source !== 'sequence' && isHan(ch)) {
      ctx.unknown.add(ch);
      if (e.info.source === 'estimated') ctx.estimated?.add(ch);
    }
    out.push(e.nameKey);
  }
  return out;
}

export function nameKey(name: string, opts: NameOptions = {}, ctx?: KeyContext): NameKey {
  const parts = splitName(name, opts.compoundSurnames);
  if (parts.kind === 'latin') return { group: 1, surname: [], given: [], latin: parts.clean, text: name };
  const surname = keysOf(parts.surname, ctx);
  let given = keysOf(parts.given, ctx);
  // The single-given-name blank (田富 before 田大利) applies to every two-character Han name, also to a
  // name without a surname (蒙古 names such as 乌兰 are printed 乌　兰 and sorted the same way): the
  // list cannot tell them apart. It never applies to a dotted name, whose characters are compared as written.
  if ((opts.givenNameBlank ?? true) && parts.kind === 'han' && given.length === 1) given = [BLANK_KEY, given[0]];
  return { group: 0, surname, given, latin: '', text: name };
}

const latinCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareNameKeys(a: NameKey, b: NameKey): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.group === 1) return latinCollator.compare(a.latin, b.latin) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  return (
    compareKeyArrays(a.surname, b.surname) ||
    compareKeyArrays(a.given, b.given) ||
    (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)
  );
}

/** Compares two names by 姓氏笔画 (GF 3003). */
export function compareNamesByStroke(a: string, b: string, opts: NameOptions = {}): number {
  return compareNameKeys(nameKey(a, opts), nameKey(b, opts));
}

export interface SortResult<T> {
  sorted: T[];
  /**
   * Han characters outside the checked table: ordered by an estimated class sequence (see
   * `estimatedChars`), by their total only, or last. Show these to the clerk.
   */
  unknownChars: string[];
  /** Those of `unknownChars` ordered by an estimated stroke sequence (rime-stroke classes, Unihan total). */
  estimatedChars: string[];
}

/** Sorts items by the stroke order of the name `nameOf` gives (stable for equal names). */
export function sortByStroke<T>(items: readonly T[], nameOf: (t: T) => string, opts: NameOptions = {}): SortResult<T> {
  return sortByKey(items, (item, ctx) => nameKey(nameOf(item), opts, ctx), compareNameKeys);
}

/** A stable sort by a name key, collecting the characters the key had to guess or did not know. */
function sortByKey<T, K>(
  items: readonly T[],
  keyOf: (t: T, ctx: KeyContext) => K,
  compare: (a: K, b: K) => number,
): SortResult<T> {
  const ctx: KeyContext = { unknown: new Set(), estimated: new Set() };
  const keyed = items.map((item, i) => ({ item, i, key: keyOf(item, ctx) }));
  keyed.sort((x, y) => compare(x.key, y.key) || x.i - y.i);
  return { sorted: keyed.map((k) => k.item), unknownChars: [...ctx.unknown], estimatedChars: [...ctx.estimated!] };
}

export function sortNamesByStroke(names: readonly string[], opts: NameOptions = {}): SortResult<string> {
  return sortByStroke(names, (n) => n, opts);
}

// ---------------------------------------------------------------------------------------------
// Pinyin: letters first (syllable by syllable), then tones, then stroke order, then the text.

export interface PinyinKey {
  group: 0 | 1;
  letters: string[];
  tones: string[];
  stroke: NameKey;
}

export function pinyinKey(name: string, opts: NameOptions = {}, ctx?: KeyContext): PinyinKey {
  const stroke = nameKey(name, opts, ctx);
  if (stroke.group === 1) return { group: 1, letters: [], tones: [], stroke };
  const clean = cleanName(name).replace(NAME_DOTS_ALL, '');
  const syl = pinyin(clean, { surname: 'head', toneType: 'num', type: 'array', v: true }) as string[];
  const letters: string[] = [];
  const tones: string[] = [];
  for (const s of syl) {
    const m = /^([a-zü]+)([0-5]?)$/i.exec(s);
    letters.push((m ? m[1] : s).toLowerCase());
    tones.push(m && m[2] ? m[2] : '0');
  }
  return { group: 0, letters, tones, stroke };
}

export function comparePinyinKeys(a: PinyinKey, b: PinyinKey): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.group === 1) return compareNameKeys(a.stroke, b.stroke);
  return (
    compareKeyArrays(a.letters, b.letters) || compareKeyArrays(a.tones, b.tones) || compareNameKeys(a.stroke, b.stroke)
  );
}

export function sortByPinyin<T>(items: readonly T[], nameOf: (t: T) => string, opts: NameOptions = {}): SortResult<T> {
  return sortByKey(items, (item, ctx) => pinyinKey(nameOf(item), opts, ctx), comparePinyinKeys);
}

export function sortNamesByPinyin(names: readonly string[], opts: NameOptions = {}): SortResult<string> {
  return sortByPinyin(names, (n) => n, opts);
}

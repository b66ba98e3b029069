// Word list numbering resolved to the label a reader sees printed ("1.", "（二）", "①", "•"):
// abstract definitions, num instances with start overrides, per-level counters that restart
// when a higher level advances. It must never drop a label silently: an unknown format prints
// decimal digits rather than nothing.
import { child, childrenNamed, type XmlElement } from '../xml-safe';

interface Level {
  fmt: string;
  text: string;
  start: number;
  /** Level whose advance restarts this one (Word's lvlRestart; default: any higher level). */
  restart?: number;
  isLgl: boolean;
}

interface NumInstance {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n < 10) return CN[n];
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${CN[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? '零' + CN[rest] : rest < 20 ? '一' + chineseCounting(rest) : chineseCounting(rest)}`;
  }
  return String(n);
}
const LEGAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
function chineseLegal(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return LEGAL[n];
  return `${n >= 20 ? LEGAL[Math.floor(n / 10)] : '壹'}拾${n % 10 ? LEGAL[n % 10] : ''}`;
}
function roman(n: number): string {
  const t: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of t)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}
function letters(n: number): string {
  // Word repeats the letter: a … z, aa … zz.
  const l = String.fromCharCode(97 + ((n - 1) % 26));
  return l.repeat(Math.floor((n - 1) / 26) + 1);
}
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseLegal(n);
    case 'ideographTraditional':
      return TIANGAN[(n - 1) % 10];
    case 'ideographZodiac':
      return DIZHI[(n - 1) % 12];
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Symbol-font bullets (private-use code points) mapped to what they look like. */
function bulletChar(text: string): string {
  const map: Record<string, string> = {
    '\uf0b7': '•',
    '\uf0a7': '▪',
    '\uf06c': '●',
    '\uf06e': '■',
    '\uf075': '◆',
    '\uf0d8': '➢',
    '\uf0fc': '✓',
    '\uf076': '❖',
    o: '○',
  };
  const t = [...text].map((c) => map[c] ?? c).join('');
  return t || '•';
}

function readLevel(l: XmlElement): Level {
  const start = Number(child(l, 'w:start')?.attrs['w:val'] ?? 1);
  const restart = child(l, 'w:lvlRestart')?.attrs['w:val'];
  return {
    fmt: child(l, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    text: child(l, 'w:lvlText')?.attrs['w:val'] ?? '',
    start: Number.isFinite(start) ? start : 1,
    restart: restart !== undefined ? Number(restart) : undefined,
    isLgl: !!child(l, 'w:isLgl'),
  };
}

export interface ListLabel {
  label: string;
  ordered: boolean;
  level: number;
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  /** abstractNum → list style it takes its levels from (w:numStyleLink). */
  private readonly styleLinks = new Map<string, string>();
  private readonly nums = new Map<string, NumInstance>();
  /** Counters keyed by abstract id (Word continues a list across num instances that share it) or by num id when it overrides a start. */
  private readonly counters = new Map<string, number[]>();

  /** `listStyleNum` resolves a list style id to the numId its definition uses. */
  constructor(
    root: XmlElement | undefined,
    private readonly listStyleNum: (styleId: string) => string | undefined = () => undefined,
  ) {
    if (!root) return;
    for (const a of childrenNamed(root, 'w:abstractNum')) {
      const id = a.attrs['w:abstractNumId'];
      const levels = new Map<number, Level>();
      for (const l of childrenNamed(a, 'w:lvl')) levels.set(Number(l.attrs['w:ilvl'] ?? 0), readLevel(l));
      const link = child(a, 'w:numStyleLink')?.attrs['w:val'];
      if (link && levels.size === 0) this.styleLinks.set(id, link);
      this.abstracts.set(id, levels);
    }
    for (const n of childrenNamed(root, 'w:num')) {
      const id = n.attrs['w:numId'];
      const abstractId = child(n, 'w:abstractNumId')?.attrs['w:val'] ?? '';
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of childrenNamed(n, 'w:lvlOverride')) {
        const ilvl = Number(o.attrs['w:ilvl'] ?? 0);
        const so = child(o, 'w:startOverride')?.attrs['w:val'];
        const lvl = child(o, 'w:lvl');
        overrides.set(ilvl, {
          start: so !== undefined ? Number(so) : undefined,
          level: lvl ? readLevel(lvl) : undefined,
        });
      }
      this.nums.set(id, { abstractId, overrides });
    }
  }

  private level(num: NumInstance, ilvl: number): Level | undefined {
    return num.overrides.get(ilvl)?.level ?? this.abstractLevels(num.abstractId)?.get(ilvl);
  }

  /** Levels of an abstract definition, following a numStyleLink to the list style's definition. */
  private abstractLevels(id: string, depth = 0): Map<number, Level> | undefined {
    const link = this.styleLinks.get(id);
    if (!link || depth > 4) return this.abstracts.get(id);
    const numId = this.listStyleNum(link);
    const target = numId ? this.nums.get(numId)?.abstractId : undefined;
    return target && target !== id ? this.abstractLevels(target, depth + 1) : this.abstracts.get(id);
  }

  /** Advances the counter for (numId, ilvl) and returns the printed label; undefined for numId 0 / unknown. */
  next(numId: string, ilvl: number): ListLabel | undefined {
    const num = this.nums.get(numId);
    if (!num || numId === '0') return undefined;
    const lvl = this.level(num, ilvl);
    if (!lvl) return undefined;
    const hasStartOverride = [...num.overrides.values()].some((o) => o.start !== undefined);
    const key = hasStartOverride ? `n${numId}` : `a${num.abstractId}`;
    let c = this.counters.get(key);
    if (!c) {
      c = [];
      this.counters.set(key, c);
    }
    const startOf = (i: number) => num.overrides.get(i)?.start ?? this.level(num, i)?.start ?? 1;
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl] + 1;
    // Deeper levels restart when this one advances (unless their lvlRestart says otherwise).
    for (let d = ilvl + 1; d < 9; d++) {
      const dl = this.level(num, d);
      if (dl?.restart === 0) continue;
      if (dl?.restart !== undefined && dl.restart - 1 < ilvl) continue;
      c[d] = undefined as unknown as number;
    }
    if (lvl.fmt === 'bullet') return { label: bulletChar(lvl.text), ordered: false, level: ilvl };
    const label = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const i = Number(d) - 1;
      const v = c![i] ?? startOf(i);
      const f = lvl.isLgl ? 'decimal' : (this.level(num, i)?.fmt ?? 'decimal');
      return formatNumber(v, f === 'bullet' ? 'decimal' : f);
    });
    return { label, ordered: true, level: ilvl };
  }
}

// How much decoded text looks like real Chinese (or Latin) prose, and the cheap first decoding
// candidate (strict UTF-8 without a BOM): split from text.ts so that reading a UTF-8 Markdown
// file never loads the charset detector (jschardet) or iconv-lite. Pure. It must give exactly
// the answer decodeText gives for the bytes it accepts, and decline (undefined) everything else.

/**
 * Ordinary Chinese prose: the 3,755 level-1 characters of GB2312 plus the ~5,400 frequent
 * characters of Big5 (so traditional text decoded right is not taken for mojibake).
 */
const BIG5_RADICALS = '丶丿亅亠冂冖冫勹匸卩厶夊宀巛⼳廴彐彡攴疒癶辵仝々〇';
let commonHan: Set<string> | undefined;
const COMMON_HAN = (): Set<string> =>
  (commonHan ??= (() => {
    const gb: number[] = [];
    for (let hi = 0xb0; hi <= 0xd7; hi++)
      for (let lo = 0xa1; lo <= 0xfe; lo++) if (!(hi === 0xd7 && lo > 0xf9)) gb.push(hi, lo);
    const big5: number[] = [];
    for (let hi = 0xa4; hi <= 0xc6; hi++)
      for (const lo of [...Array(63).keys()].map((k) => 0x40 + k).concat([...Array(94).keys()].map((k) => 0xa1 + k)))
        big5.push(hi, lo);
    // The platform decoder (ICU) builds this ~15x faster than iconv-lite, the same set except for
    // 25 Big5 radicals iconv-lite maps differently from WHATWG Big5: added by hand so plausibility
    // scores stay exactly what they were.
    const dec = (b: number[], enc: string) => new TextDecoder(enc).decode(Uint8Array.from(b));
    return new Set(
      [...dec(gb, 'gb18030'), ...dec(big5, 'big5'), ...BIG5_RADICALS].filter((c) => /\p{Script=Han}/u.test(c)),
    );
  })());

/** Sequences that only appear when UTF-8 Chinese was read as GBK (。，“ ” 的 …). */
const MOJIBAKE_RE = /锟斤拷|銆[傘€]|锛[岋殝氾紱]|鈥[溿€淔檿]|鐨|鍦|浠|涓[嶄€婂]|鏈|鍙|鎴|璇|閮|杩|绗/g;

export interface Plausibility {
  /** 0..1, higher is better */
  score: number;
  han: number;
  commonShare: number;
  bad: number;
  mojibake: number;
}

const HAN_RE = /\p{Script=Han}/u;

/** How much a decoded text looks like real (Chinese or Latin) prose. */
export function plausibility(text: string): Plausibility {
  const commonSet = COMMON_HAN();
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let han = 0;
  let common = 0;
  let bad = 0;
  let total = 0;
  for (const ch of sample) {
    total++;
    const c = ch.codePointAt(0)!;
    if (
      c === 0xfffd ||
      (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      (c >= 0x7f && c < 0xa0)
    )
      bad++;
    else if (commonSet.has(ch)) {
      // every member of the common set is Han: no regex for the frequent case
      han++;
      common++;
    } else if (HAN_RE.test(ch)) han++;
  }
  const mojibake = (sample.match(MOJIBAKE_RE) ?? []).length;
  const commonShare = han ? common / han : 1;
  let score = 1 - Math.min(1, (bad / Math.max(1, total)) * 20);
  if (han >= 10) score *= Math.min(1, commonShare / 0.85);
  if (han >= 10) score *= 1 - Math.min(1, (mojibake / han) * 8);
  return { score, han, commonShare, bad, mojibake };
}

/** Accepted without a warning at or above this score; refused below TEXT_REFUSE. */
export const TEXT_ACCEPT = 0.85;
export const TEXT_REFUSE = 0.6;

/** UTF-16 without a BOM shows as zero bytes at even (BE) or odd (LE) positions in ASCII stretches. */
export function utf16ByZeros(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even < pairs * 0.02) return 'utf-16le';
  if (even > pairs * 0.2 && odd < pairs * 0.02) return 'utf-16be';
  return undefined;
}

export interface Decoded {
  text: string;
  encoding: string;
  plausibility: Plausibility;
  /** Text was double-encoded and has been repaired. */
  repaired?: boolean;
}

/**
 * The first candidate of decodeText: bytes with no BOM and no UTF-16 sign that decode as strict
 * UTF-8 into plausible text. Undefined when decodeText has to look further.
 */
export function decodePlainUtf8(bytes: Uint8Array): Decoded | undefined {
  if (
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff)
  )
    return undefined;
  if (utf16ByZeros(bytes)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const p = plausibility(text);
  return p.score >= TEXT_ACCEPT ? { text, encoding: 'utf-8', plausibility: p } : undefined;
}

// Recognises GB/T 9704 heading labels (一、 （一） 1. （1）) at the start of a line, shared by the
// text and DOCX readers. It only classifies; deciding that a line IS a heading also needs evidence
// (short line, heading font, bold) which the caller supplies. It must never rewrite the text.

const CN_NUM = '[一二三四五六七八九十百零〇]+';
const PATTERNS: { level: 1 | 2 | 3 | 4; re: RegExp }[] = [
  { level: 1, re: new RegExp(`^${CN_NUM}[、，.．]`) },
  { level: 2, re: new RegExp(`^[（(]${CN_NUM}[）)]`) },
  { level: 4, re: /^[（(][0-9０-９]{1,3}[）)]/ },
  { level: 3, re: /^[0-9０-９]{1,3}[.．、](?![0-9０-９])/ },
];

/** The heading level a label at the start of `text` suggests, or undefined. */
export function headingLabelLevel(text: string): 1 | 2 | 3 | 4 | undefined {
  const t = text.replace(/^[\s\u3000]+/, '');
  for (const p of PATTERNS) if (p.re.test(t)) return p.level;
  return undefined;
}

/** Longest line still treated as a heading when only the label pattern says so. */
export const HEADING_MAX_CHARS = 40;

/** A line that ends a sentence is body text even when it starts with a label (text-only evidence). */
export function looksLikeHeadingLine(text: string): boolean {
  const t = text.trim();
  if (!t || [...t].length > HEADING_MAX_CHARS) return false;
  return !/[。；;，,、]$/.test(t);
}

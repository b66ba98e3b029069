// Breaks the sketch text of the live sample page into grid lines the way the dossier does in
// spirit: every character kept (none skipped at a line end), and 禁则 by push-down — a line never
// starts with closing punctuation (，。、；：？！）」』》…), the previous line's last character
// moves down with it; a line never ends with an opening bracket. Pure, unit-tested.
const NO_START = new Set('，。、；：？！）」』》〉】”’…—·%'.split(''));
const NO_END = new Set('（「『《〈【“‘'.split(''));

export function sketchLines(text: string, perLine: number, firstIndent: number, maxLines: number): string[] {
  const chars = [...text];
  const lines: string[] = [];
  let i = 0;
  while (i < chars.length && lines.length < maxLines) {
    const room = Math.max(1, perLine - (lines.length === 0 ? firstIndent : 0));
    let end = Math.min(chars.length, i + room);
    // Push down: while the next line would start with a forbidden character, end this line earlier.
    while (end < chars.length && end - i > 1 && (NO_START.has(chars[end]) || NO_END.has(chars[end - 1]))) end--;
    lines.push(chars.slice(i, end).join(''));
    i = end;
  }
  return lines;
}

// Balanced line breaks for 2号 titles (GB/T 9704 7.3.1: a long title wraps into lines of similar
// length, never splitting a word or number and keeping 禁则). Word cannot balance lines itself, so
// the title paragraph gets explicit line breaks here; it must never change the title's characters.

export const NO_START = new Set([...'，。、；：？！）》」』’”〕】…—%,.;:?!)]}·～']);
export const NO_END = new Set([...'（《「『‘“〔【([{']);

interface Unit {
  text: string;
  /** width in em (full-width = 1, Latin/digits = 0.5) */
  w: number;
}

function units(title: string): Unit[] {
  const out: Unit[] = [];
  for (const m of title.matchAll(/[A-Za-z0-9][A-Za-z0-9.\-+/%]*|\s+|[\s\S]/gu)) {
    const t = m[0];
    const ascii = /^[\x20-\x7e]+$/.test(t);
    out.push({ text: t, w: ascii ? t.length * 0.5 : [...t].length });
  }
  return out;
}

const width = (us: Unit[]) => us.reduce((a, u) => a + u.w, 0);

/**
 * Splits a title into lines of at most maxEm em, as evenly as possible.
 * Explicit line breaks in the title are kept.
 */
export function balancedTitleLines(title: string, maxEm: number): string[] {
  const explicit = title.split(/\r?\n/);
  if (explicit.length > 1) return explicit.flatMap((t) => balancedTitleLines(t, maxEm));
  const us = units(title.trim());
  const total = width(us);
  if (total <= maxEm || us.length < 2) return [title.trim()];
  const n = Math.ceil(total / maxEm);
  const lines: Unit[][] = [];
  let i = 0;
  for (let k = 0; k < n - 1 && i < us.length; k++) {
    const remaining = width(us.slice(i));
    const target = remaining / (n - k);
    const line: Unit[] = [];
    let w = 0;
    while (i < us.length && w + us[i].w <= maxEm && (line.length === 0 || w + us[i].w / 2 <= target)) {
      line.push(us[i]);
      w += us[i].w;
      i++;
    }
    // 禁则: pull a closing mark up if it fits, else push the last unit down; never end on an opener.
    while (i < us.length && NO_START.has(us[i].text[0]) && line.length > 1) {
      if (w + us[i].w <= maxEm) {
        line.push(us[i]);
        w += us[i].w;
        i++;
      } else {
        const u = line.pop()!;
        w -= u.w;
        i--;
      }
    }
    while (line.length > 1 && NO_END.has(line[line.length - 1].text.slice(-1))) {
      const u = line.pop()!;
      w -= u.w;
      i--;
    }
    lines.push(line);
  }
  if (i < us.length) lines.push(us.slice(i));
  return lines
    .map((l) =>
      l
        .map((u) => u.text)
        .join('')
        .trim(),
    )
    .filter((l) => l.length > 0);
}

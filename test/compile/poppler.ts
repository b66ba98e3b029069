// Helpers over poppler (pdftotext -bbox, pdffonts) for the compile tests. When poppler is
// missing the tests skip with a visible notice, except on CI (CI=true), where they must fail.
import { execFileSync, spawnSync } from 'node:child_process';

export const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler) {
  if (process.env.CI === 'true') throw new Error('poppler-utils (pdftotext) is required on CI');
  console.warn('[notice] poppler-utils not installed: PDF position tests are skipped');
}

export interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Words per page (1-based page → words), from pdftotext -bbox. */
export function bboxWords(file: string, first?: number, last?: number): Map<number, Word[]> {
  const args = ['-bbox'];
  if (first) args.push('-f', String(first));
  if (last) args.push('-l', String(last));
  const html = execFileSync('pdftotext', [...args, file, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  const pages = new Map<number, Word[]>();
  let page = (first ?? 1) - 1;
  const re = /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith('<page')) {
      page++;
      pages.set(page, []);
      continue;
    }
    const text = m[5]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
    pages.get(page)!.push({ text, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4] });
  }
  return pages;
}

export function pageText(file: string, first: number, last = first): string {
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), file, '-'], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('utf8');
}

export function pdffonts(file: string): { name: string; type: string; emb: string; sub: string; uni: string }[] {
  const out = execFileSync('pdffonts', [file]).toString('utf8').split('\n').slice(2).filter(Boolean);
  return out.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type… encoding emb sub uni id gen
    const n = cols.length;
    return {
      name: cols[0],
      type: cols.slice(1, n - 6).join(' '),
      emb: cols[n - 5],
      sub: cols[n - 4],
      uni: cols[n - 3],
    };
  });
}

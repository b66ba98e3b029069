// Page-quality checker: reads a compiled dossier PDF as a client would (pdftotext -bbox: words with
// their boxes, no knowledge of our layout objects) and counts what a typesetter would not sign off:
// widows, orphans, headings left without two lines of their text, pages holding only footnotes,
// footnotes away from the page of their reference, item tails of one or two lines, 孤字 (a last
// line of one character plus punctuation) and full body lines off the 28-cell grid.
// It knows the house style (GB/T 9704 grid, 16 pt 仿宋 body, 14 pt notes, 22 pt titles) from the
// geometry passed in; body pages are the pages with a "— n —" page number.
import { bboxWords, type Word } from '../compile/poppler';

export interface QualityGeometry {
  /** Left edge of the text block on odd and even pages, pt. */
  leftOdd: number;
  leftEven: number;
  blockW: number;
  top: number;
  pitch: number;
  lines: number;
  charsPerLine: number;
  bodySize: number;
}

/** GB/T 9704 defaults (A4, 28 mm inner margin, 156 × 225 mm block, 22 × 28), single-sided. */
export const DEFAULT_GEOMETRY: QualityGeometry = (() => {
  const mm = (v: number) => (v * 72) / 25.4;
  return {
    leftOdd: mm(28),
    leftEven: mm(28),
    blockW: mm(156),
    top: mm(37),
    pitch: mm(225) / 22,
    lines: 22,
    charsPerLine: 28,
    bodySize: 16,
  };
})();

export interface Finding {
  kind: 'widow' | 'orphan' | 'heading' | 'notesOnly' | 'noteAway' | 'tail' | 'loneChar' | 'offGrid';
  /** Physical page (1-based). */
  page: number;
  text: string;
}

export interface QualityReport {
  bodyPages: number;
  items: number;
  paragraphs: number;
  widows: number;
  orphans: number;
  headingsStranded: number;
  notesOnlyPages: number;
  notesAway: number;
  shortTails: number;
  loneChars: number;
  fullLines: number;
  fullLinesOnGrid: number;
  /** Full lines one or two characters short because of a 禁则 push-down (the grid's own rule). */
  fullLinesPushed: number;
  findings: Finding[];
}

interface Line {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMid: number;
  h: number;
  kind: 'title' | 'heading' | 'body' | 'note' | 'other';
  grid: number;
}

const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PUNCT = /[，。、；：？！）》」』’”〕】…—%,.;:?!)\]]/u;
const LATIN = /[\x21-\x7e]/;
const NO_START = /[，。、；：？！）》」』’”〕】…—%]/u;
const NO_END = /[（《「『‘“〔【]/u;

function groupLines(page: number, words: Word[]): Omit<Line, 'kind' | 'grid'>[] {
  const sorted = [...words].sort((a, b) => (a.yMin + a.yMax) / 2 - (b.yMin + b.yMax) / 2 || a.xMin - b.xMin);
  const out: { ws: Word[]; mid: number }[] = [];
  for (const w of sorted) {
    const mid = (w.yMin + w.yMax) / 2;
    const last = out[out.length - 1];
    if (last && Math.abs(mid - last.mid) < 6) last.ws.push(w);
    else out.push({ ws: [w], mid });
  }
  return out.map(({ ws }) => {
    ws.sort((a, b) => a.xMin - b.xMin);
    const base = ws.reduce((a, w) => (w.yMax - w.yMin > a.yMax - a.yMin ? w : a), ws[0]);
    let text = '';
    ws.forEach((w, i) => (text += (i > 0 && ws[i - 1].xMax < w.xMin - 2 ? ' ' : '') + w.text));
    return {
      page,
      text,
      xMin: ws[0].xMin,
      xMax: Math.max(...ws.map((w) => w.xMax)),
      yMid: (base.yMin + base.yMax) / 2,
      h: base.yMax - base.yMin,
    };
  });
}

/** Runs the checks on a PDF file. */
export function checkPdf(file: string, g: QualityGeometry = DEFAULT_GEOMETRY): QualityReport {
  return checkPages(bboxWords(file), g);
}

export function checkPages(pages: Map<number, Word[]>, g: QualityGeometry): QualityReport {
  const bottom = g.top + g.lines * g.pitch;
  const findings: Finding[] = [];
  const add = (kind: Finding['kind'], page: number, text: string) =>
    findings.push({ kind, page, text: text.slice(0, 40) });
  // Body pages and their lines.
  const body: { page: number; lines: Line[] }[] = [];
  for (const [page, words] of [...pages].sort((a, b) => a[0] - b[0])) {
    const grouped = groupLines(page, words);
    const num = grouped.find((l) => l.yMid > bottom && /^—\s*\d+\s*—$/.test(l.text.replace(/\s+/g, ' ')));
    if (!num) continue;
    const left = page % 2 === 1 ? g.leftOdd : g.leftEven;
    const lines: Line[] = [];
    for (const l of grouped) {
      if (l.yMid > bottom) continue;
      const gi = (l.yMid - g.top) / g.pitch - 0.5;
      const grid = Math.round(gi);
      const onGrid = Math.abs(gi - grid) * g.pitch < 4.5;
      const size = g.bodySize;
      let kind: Line['kind'] = 'other';
      if (l.h > size * 1.7 && onGrid) kind = 'title';
      else if (Math.abs(l.h - size) < 0.6 && onGrid) kind = 'body';
      else if (l.h > size * 1.1 && l.h < size * 1.55 && onGrid) kind = 'heading';
      else if (Math.abs(l.h - 14) < 0.6) kind = 'note';
      lines.push({ ...l, xMin: l.xMin - left, xMax: l.xMax - left, kind, grid });
    }
    body.push({ page, lines });
  }
  // A page laid out by us has most of its lines on the grid; a submitted PDF page has not.
  const ours = body.filter((p) => {
    const text = p.lines.filter((l) => l.kind !== 'other');
    return p.lines.length === 0 || text.length >= p.lines.length * 0.5;
  });

  const cell = (g.blockW - g.bodySize) / (g.charsPerLine - 1);
  const isIndented = (l: Line) => Math.abs(l.xMin - 2 * cell) < 2;
  const isFull = (l: Line) => l.xMax > g.blockW - 2;

  // Items: a page whose first text line is a title starts one.
  const itemsPages: number[][] = [];
  for (const p of ours) {
    const first = p.lines.find((l) => l.kind !== 'other' && l.kind !== 'note');
    if (!first && !p.lines.length) continue; // blank page
    if (first?.kind === 'title' || !itemsPages.length) itemsPages.push([]);
    itemsPages[itemsPages.length - 1].push(p.page);
  }
  const byPage = new Map(ours.map((p) => [p.page, p.lines]));

  // Paragraphs of body lines, across pages within an item.
  let paragraphs = 0;
  let widows = 0;
  let orphans = 0;
  let loneChars = 0;
  let headingsStranded = 0;
  let fullLines = 0;
  let fullLinesOnGrid = 0;
  let fullLinesPushed = 0;
  let notesOnlyPages = 0;
  let notesAway = 0;
  let shortTails = 0;
  for (const pagesOfItem of itemsPages) {
    // The item's text lines in order, with page breaks.
    const seq = pagesOfItem.flatMap((pg) =>
      byPage.get(pg)!.filter((l) => l.kind === 'body' || l.kind === 'heading' || l.kind === 'title'),
    );
    let para: Line[] = [];
    let afterHeading: Line | null = null;
    const close = () => {
      if (!para.length) return;
      paragraphs++;
      const n = para.length;
      if (n >= 2) {
        const last = para[n - 1];
        const prev = para[n - 2];
        if (last.page !== prev.page) {
          widows++;
          add('widow', last.page, last.text);
        }
        if (para[0].page !== para[1].page) {
          orphans++;
          add('orphan', para[0].page, para[0].text);
        }
        const chars = Array.from(last.text.replace(/\s+/g, ''));
        const core = chars.filter((c) => !PUNCT.test(c) && !MARKS.includes(c));
        if (core.length === 1 && !LATIN.test(core[0])) {
          loneChars++;
          add('loneChar', last.page, `${prev.text.slice(-6)}｜${last.text}`);
        }
      }
      if (afterHeading) {
        const onPage = para.filter((l) => l.page === afterHeading!.page).length;
        if (onPage < Math.min(2, n)) {
          headingsStranded++;
          add('heading', afterHeading.page, afterHeading.text);
        }
        afterHeading = null;
      }
      const hanging = n > 1 && para[1].xMin > 2;
      for (let k = 0; k < n - 1; k++) {
        const l = para[k];
        // Lines with Latin words or note marks are not on a character grid; hanging list lines have their own measure.
        if (
          !isFull(l) ||
          LATIN.test(l.text) ||
          /[①-⑳]/.test(l.text) ||
          !(Math.abs(l.xMin) < 2 || isIndented(l)) ||
          hanging
        )
          continue;
        fullLines++;
        const count = Array.from(l.text.replace(/\s+/g, '')).length;
        const cells = g.charsPerLine - (isIndented(l) ? 2 : 0);
        const next = Array.from(para[k + 1].text);
        // 禁则 push-down: the line gave one or two characters to the next so that it does not
        // start with a closing mark (or this line end with an opening one), or a Latin word or
        // number did not fit whole.
        const d = cells - count;
        const pushed =
          d >= 1 &&
          d <= 3 &&
          (LATIN.test(next[0] ?? '') || NO_START.test(next[d] ?? '') || NO_END.test(next[d - 1] ?? ''));
        if (count === cells) fullLinesOnGrid++;
        else if (pushed) fullLinesPushed++;
        else add('offGrid', l.page, `${count}: ${l.text}｜${para[k + 1].text.slice(0, 4)}`);
      }
      para = [];
    };
    for (const l of seq) {
      if (l.kind !== 'body') {
        close();
        if (l.kind === 'heading' && isIndented(l)) afterHeading = l;
        else afterHeading = null;
        continue;
      }
      const prev = para[para.length - 1];
      const startsNew =
        !prev ||
        isIndented(l) ||
        !isFull(prev) ||
        Math.abs(l.xMin - prev.xMin) > 2 + (para.length === 1 ? 2 * cell : 0);
      if (startsNew) close();
      para.push(l);
    }
    close();

    // Footnotes: references in text lines, notes (14 pt lines beginning with a mark) below them.
    const refPage = new Map<string, number>();
    for (const pg of pagesOfItem) {
      const lines = byPage.get(pg)!;
      const text = lines.filter((l) => l.kind === 'body' || l.kind === 'heading');
      const notes = lines.filter((l) => l.kind === 'note');
      for (const l of text) for (const ch of l.text) if (MARKS.includes(ch) && !refPage.has(ch)) refPage.set(ch, pg);
      if (notes.length && !text.length && !lines.some((l) => l.kind === 'title')) {
        notesOnlyPages++;
        add('notesOnly', pg, notes[0].text);
      }
      for (const l of notes) {
        const m = Array.from(l.text)[0];
        if (!MARKS.includes(m)) continue;
        if (refPage.get(m) !== pg) {
          notesAway++;
          add('noteAway', pg, l.text);
        }
      }
    }
    // Tail: the item's last page holds one or two lines.
    if (pagesOfItem.length > 1) {
      const last = byPage.get(pagesOfItem[pagesOfItem.length - 1])!;
      if (last.length > 0 && last.length <= 2) {
        shortTails++;
        add('tail', pagesOfItem[pagesOfItem.length - 1], last.map((l) => l.text).join('｜'));
      }
    }
  }
  return {
    bodyPages: body.length,
    items: itemsPages.length,
    paragraphs,
    widows,
    orphans,
    headingsStranded,
    notesOnlyPages,
    notesAway,
    shortTails,
    loneChars,
    fullLines,
    fullLinesOnGrid,
    fullLinesPushed,
    findings,
  };
}

/** One-line summary of the counts. */
export function summary(r: QualityReport): string {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0');
  return [
    `body pages ${r.bodyPages}, items ${r.items}, paragraphs ${r.paragraphs}`,
    `widows ${r.widows}, orphans ${r.orphans}, headings without 2 lines ${r.headingsStranded}`,
    `notes-only pages ${r.notesOnlyPages}, notes away from reference ${r.notesAway}, tails ≤ 2 lines ${r.shortTails}`,
    `孤字 ${r.loneChars} (${pct(r.loneChars, r.paragraphs)} % of paragraphs), full lines on the grid ${r.fullLinesOnGrid}/${r.fullLines} (${pct(r.fullLinesOnGrid, r.fullLines)} %), with 禁则 push-downs ${pct(r.fullLinesOnGrid + r.fullLinesPushed, r.fullLines)} %`,
  ].join('\n');
}

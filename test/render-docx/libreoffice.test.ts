// The DOCX in a real client: LibreOffice converts it to PDF and we measure the result — 28
// characters on every full line, 22 lines on every full page, the page count from 22 × 28 grid
// arithmetic, page numbers by parity, the 目录's numbers landing on the pages where the items
// start, the sample session within ±2 % of our own PDF, and the items of the sample and of a
// session of generated Word submissions starting on the pages where the PDF starts them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossier, type Dossier, type TocEntry } from '../../core/model/dossier';
import { renderDocx } from '../../core/render/docx/index';
import { generatedSession } from '../makeup/gen-session';
import { pureTextDossier, richDossier, tocFor } from './fixtures';
import {
  asWordReadsIt,
  convertWithLibreOffice,
  hasLibreOffice,
  pageCount,
  pdfLines,
  type Converted,
  type TextLine,
} from './libreoffice';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/samples/qi-culture');
const PT = 72 / 25.4;
const LEFT = 28 * PT;
const RIGHT = 595.28 - 26 * PT;
const BLOCK_BOTTOM = (37 + 225) * PT;

/** Where each TOC entry's item starts in a converted PDF (1-based page), by its title opening a page. */
function itemStarts(pages: TextLine[][], toc: TocEntry[]): number[] {
  const firstLine = pages.map((ls) => `${ls[0]?.text ?? ''}${ls[1]?.text ?? ''}`.replace(/\s/g, ''));
  let from = 0;
  return toc.map((e) => {
    const head = e.title.replace(/\s/g, '').slice(0, 12);
    const at = firstLine.findIndex((t, i) => i >= from && t.startsWith(head));
    from = at + 1;
    return at + 1; // 0 when not found
  });
}

/** Items starting on the PDF's page, and items as long as in the PDF (the next one starts as many pages later). */
function agreement(lo: number[], pdf: number[]): { same: number; sameLength: number } {
  let same = 0;
  let sameLength = 0;
  lo.forEach((p, k) => {
    if (p === pdf[k]) same++;
    if (k + 1 < lo.length && lo[k + 1] - p === pdf[k + 1] - pdf[k]) sameLength++;
  });
  return { same, sameLength };
}

interface Compiled {
  pdfPages: number;
  starts: number[];
  toc: TocEntry[];
}

const footerNumber = (lines: TextLine[]) => {
  for (const l of lines) {
    const m = l.text.match(/^—\s*(\d+)\s*—$/);
    if (m) return { n: Number(m[1]), line: l };
  }
  return undefined;
};

describe.skipIf(!hasLibreOffice)('DOCX in LibreOffice', () => {
  let lo: Converted;
  let loOdd: Converted;
  let pure: { dossier: Dossier; bodyLines: number[] };
  let pureToc: TocEntry[];
  let bodyPages: number[];
  let oddStarts: number[];
  let oddBodyPages: number;
  let sample: Compiled | undefined;
  let generated: Compiled;

  beforeAll(async () => {
    // Pure Han text: 9 items of 52, 21 and 19 lines (3, 1 and 1 pages).
    pure = pureTextDossier({ items: 9, paragraphs: [[300, 200, 150, 400, 250], [500], [100, 100, 100, 100]] });
    bodyPages = pure.bodyLines.map((n) => Math.ceil(n / 22));
    const starts: number[] = [];
    bodyPages.reduce((page, n) => (starts.push(page), page + n), 1);
    pureToc = tocFor(pure.dossier, starts);
    // The same with every item on an odd page: blanks where the previous item ends on an odd page.
    const odd = pureTextDossier({
      items: 9,
      paragraphs: [[300, 200, 150, 400, 250], [500], [100, 100, 100, 100]],
    }).dossier;
    odd.session.layout.itemStart = 'oddPage';
    oddStarts = [];
    let c = 0;
    for (const n of bodyPages) {
      if (c % 2 === 1) c++;
      oddStarts.push(c + 1);
      c += n;
    }
    oddBodyPages = c;
    const blankDocs: Record<string, Uint8Array> = { odd: await renderDocx(odd, tocFor(odd, oddStarts)) };
    const docs: Record<string, Uint8Array> = {
      pure: await renderDocx(pure.dossier, pureToc),
      rich: await renderDocx(richDossier(), tocFor(richDossier(), [1, 3, 5])),
    };
    // Our own PDF gives the page count, the TOC numbers and (layout) what Word cannot decide alone.
    const { loadFontSet } = await import('../../core/node/fonts');
    const { compileDossierPdf } = await import('../../core/compile');
    const compile = async (dossier: Dossier, name: string, raw: boolean): Promise<Compiled> => {
      const res = await compileDossierPdf(dossier, await loadFontSet(dossier.session.layout));
      const docx = await renderDocx(dossier, res.toc, { layout: res.layout });
      if (raw) docs[name] = docx;
      docs[`${name}-word`] = asWordReadsIt(docx);
      return { pdfPages: res.pageCount, starts: res.items.map((i) => i.startPhysical), toc: res.toc };
    };
    if (existsSync(path.join(SAMPLE, 'session.json'))) {
      const { loadSessionFolder } = await import('../../core/node/session-folder');
      const loaded = await loadSessionFolder(SAMPLE);
      if (!loaded.ok) throw new Error(loaded.error.message);
      sample = await compile(buildDossier(loaded.value.session, loaded.value.docs).dossier, 'sample', true);
    } else {
      console.warn('[notice] resources/samples/qi-culture not found: the sample-session comparison is skipped');
    }
    // 24 realistic Word submissions (footnotes, tables, lists, subtitles), as test/makeup uses.
    const gen = await generatedSession(24, 3);
    generated = await compile(buildDossier(gen.session, gen.docs).dossier, 'generated', false);
    lo = convertWithLibreOffice(docs);
    loOdd = convertWithLibreOffice(blankDocs, { keepBlankPages: true });
  });

  afterAll(() => {
    lo?.cleanup();
    loOdd?.cleanup();
  });

  it('opens every document (a PDF comes out)', () => {
    expect(pageCount(lo.pdf('pure'))).toBeGreaterThan(0);
    expect(pageCount(lo.pdf('rich'))).toBeGreaterThan(0);
  });

  it('paginates pure text exactly as 22 × 28 grid arithmetic predicts', () => {
    // cover + one 目录 page + the items' pages
    const expected = 1 + 1 + bodyPages.reduce((a, b) => a + b, 0);
    expect(pageCount(lo.pdf('pure'))).toBe(expected);
  });

  it('starts every item on an odd page when asked, with unnumbered blanks as in the PDF', () => {
    const pages = pdfLines(loOdd.pdf('odd'));
    expect(pages.length).toBe(2 + oddBodyPages);
    const titles = pure.dossier.sections.flatMap((s) => s.items.map((i) => i.submission.title));
    titles.forEach((title, k) => {
      const at = pages.findIndex((lines) => lines.some((l) => l.text === title));
      expect(at - 1, title).toBe(oddStarts[k]);
      expect(footerNumber(pages[at])!.n).toBe(oddStarts[k]);
    });
    // Inserted blanks carry no number.
    const blanks = pages.filter((lines) => lines.length === 0).length;
    expect(blanks).toBe(oddBodyPages - bodyPages.reduce((a, b) => a + b, 0));
  });

  it('holds 28 characters on every full line and 22 lines (one less for widow control) on every full page', () => {
    const pages = pdfLines(lo.pdf('pure')).slice(2);
    let full = 0;
    let fullPages = 0;
    for (const lines of pages) {
      const text = lines.filter((l) => !/^—/.test(l.text));
      for (const l of text) {
        if (/[^\p{Script=Han}]/u.test(l.text)) continue; // title / author lines
        expect(l.xMax).toBeLessThanOrEqual(RIGHT + 1);
        if (l.xMax < RIGHT - 3) continue; // the last line of a paragraph
        full++;
        const indented = l.xMin > LEFT + 16;
        expect(l.text.length, `${l.text} at x=${l.xMin}`).toBe(indented ? 26 : 28);
      }
      if (text.length >= 21 && !text.some((l) => /^关于/.test(l.text))) fullPages++;
      expect(text.length).toBeLessThanOrEqual(22);
    }
    expect(full).toBeGreaterThan(150);
    // The three items of 52 lines fill their second page (their first page shows 21 lines: title,
    // author and 19 of text after the blank line); widow control may end it one line short.
    expect(fullPages).toBe(3);
    const firstPages = pages.filter((lines) => lines.some((l) => /^关于/.test(l.text)));
    for (const lines of firstPages) expect(lines.filter((l) => !/^—/.test(l.text)).length).toBeLessThanOrEqual(21);
  });

  it('puts "— n —" right on odd pages and left on even pages, from 1 on the first item', () => {
    const pages = pdfLines(lo.pdf('pure'));
    expect(footerNumber(pages[0])).toBeUndefined();
    expect(footerNumber(pages[1])).toBeUndefined();
    pages.slice(2).forEach((lines, k) => {
      const f = footerNumber(lines)!;
      expect(f.n).toBe(k + 1);
      // The number sits about 7 mm below the text block (PDF: its top 8.6 pt below the block).
      expect(f.line.yMin - BLOCK_BOTTOM).toBeGreaterThan(4);
      expect(f.line.yMin - BLOCK_BOTTOM).toBeLessThan(14);
      if (f.n % 2 === 1) expect(Math.abs(f.line.xMax - (RIGHT - 14))).toBeLessThan(2);
      else expect(Math.abs(f.line.xMin - (LEFT + 14))).toBeLessThan(2);
    });
  });

  it('prints the 目录 numbers of the pages where the items really start', () => {
    const pages = pdfLines(lo.pdf('pure'));
    const toc = pages[1].map((l) => l.text).join('\n');
    for (const e of pureToc) {
      expect(toc).toMatch(new RegExp(`${e.title}[.…·\\s]*${e.author}[.…·\\s]*${e.page}(\\n|$)`));
      const page = pages.find((lines) => lines.some((l) => l.text === e.title));
      expect(page, e.title).toBeDefined();
      expect(footerNumber(page!)!.n).toBe(e.page);
    }
  });

  it('renders the rich dossier with its table, picture and notes', () => {
    const text = pdfLines(lo.pdf('rich'))
      .flat()
      .map((l) => l.text)
      .join('\n');
    for (const s of [
      '合计七十八处',
      '图1',
      '遗址分布',
      '［图片缺失：缺失的图］',
      '见《齐文化概论》第3页。',
      '内部资料',
    ])
      expect(text.replace(/\s/g, '')).toContain(s.replace(/\s/g, ''));
  });

  it('has the sample session within ±2 % of our PDF, odd numbers on right-hand pages', () => {
    if (!sample) return;
    const pages = pageCount(lo.pdf('sample'));
    expect(Math.abs(pages - sample.pdfPages) / sample.pdfPages).toBeLessThanOrEqual(0.02);
    // Odd numbers on right-hand pages throughout (7 front pages: LibreOffice keeps the parity).
    let numbered = 0;
    for (const ls of pdfLines(lo.pdf('sample'))) {
      const f = footerNumber(ls);
      if (!f) continue;
      numbered++;
      if (f.n % 2 === 1) expect(Math.abs(f.line.xMax - (RIGHT - 14)), `page ${f.n}`).toBeLessThan(2);
      else expect(Math.abs(f.line.xMin - (LEFT + 14)), `page ${f.n}`).toBeLessThan(2);
    }
    expect(numbered).toBeGreaterThan(sample.pdfPages * 0.9);
  });

  // Item starts are compared in the DOCX as Word reads it (asWordReadsIt: LibreOffice 7.4 reads
  // w:overflowPunct inverted and ignores autoSpaceDE/DN, so it would hang 、。 in the margin and
  // add 1/5 em around numbers where Word and our PDF do neither). One item a page longer moves
  // every later start, so the items' lengths are measured too.
  it("starts the sample's items on the pages of our PDF", () => {
    if (!sample) return;
    const loPages = pageCount(lo.pdf('sample-word'));
    const starts = itemStarts(pdfLines(lo.pdf('sample-word')), sample.toc);
    starts.forEach((p, k) => {
      expect(p, sample!.toc[k].title).toBeGreaterThan(0);
      expect(Math.abs(p - sample!.starts[k]), sample!.toc[k].title).toBeLessThanOrEqual(1);
    });
    const { same, sameLength } = agreement(starts, sample.starts);
    console.log(
      `[docx] sample: LibreOffice ${loPages} pages (${pageCount(lo.pdf('sample'))} as it reads the file itself), our PDF ${sample.pdfPages}; ${same}/${starts.length} items start on the same page, ${sameLength}/${starts.length - 1} have the same length`,
    );
    expect(same / starts.length).toBeGreaterThanOrEqual(0.95);
    expect(sameLength / (starts.length - 1)).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(loPages - sample.pdfPages) / sample.pdfPages).toBeLessThanOrEqual(0.02);
  });

  it('starts every item of a session of generated Word submissions on the page our PDF starts it', () => {
    const starts = itemStarts(pdfLines(lo.pdf('generated-word')), generated.toc);
    const { same } = agreement(starts, generated.starts);
    const loPages = pageCount(lo.pdf('generated-word'));
    console.log(
      `[docx] generated: LibreOffice ${loPages} pages, our PDF ${generated.pdfPages}; ${same}/${starts.length} items start on the same page`,
    );
    expect(starts.length).toBe(24);
    starts.forEach((p, k) => expect(Math.abs(p - generated.starts[k]), generated.toc[k].title).toBeLessThanOrEqual(1));
    expect(same / starts.length).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(loPages - generated.pdfPages) / generated.pdfPages).toBeLessThanOrEqual(0.02);
  });
});

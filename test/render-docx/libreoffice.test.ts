// The DOCX in a real client: LibreOffice converts it to PDF and we measure the result — 28
// characters on every full line, 22 lines on every full page, the page count from 22 × 28 grid
// arithmetic, page numbers by parity, the 目录's numbers landing on the pages where the items
// start, and the sample session within ±2 % of our own PDF (item by item).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossier, type Dossier, type TocEntry } from '../../core/model/dossier';
import { renderDocx } from '../../core/render/docx/index';
import { pureTextDossier, richDossier, tocFor } from './fixtures';
import {
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
  let sample: { pdfPages: number; starts: number[]; toc: TocEntry[] } | undefined;

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
    if (existsSync(path.join(SAMPLE, 'session.json'))) {
      // Our own PDF of the sample session gives the page count and the TOC numbers.
      const { loadSessionFolder } = await import('../../core/node/session-folder');
      const { loadFontSet } = await import('../../core/node/fonts');
      const { compileDossierPdf } = await import('../../core/compile');
      const loaded = await loadSessionFolder(SAMPLE);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const { dossier } = buildDossier(loaded.value.session, loaded.value.docs);
      const res = await compileDossierPdf(dossier, await loadFontSet(dossier.session.layout));
      sample = { pdfPages: res.pageCount, starts: res.items.map((i) => i.startPhysical), toc: res.toc };
      docs.sample = await renderDocx(dossier, res.toc);
    } else {
      console.warn('[notice] resources/samples/qi-culture not found: the sample-session comparison is skipped');
    }
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

  it('has the sample session within ±2 % of our PDF, items starting on the same pages', () => {
    if (!sample) return;
    const pages = pageCount(lo.pdf('sample'));
    expect(Math.abs(pages - sample.pdfPages) / sample.pdfPages).toBeLessThanOrEqual(0.02);
    // Where does each item start in LibreOffice's rendering? Its title's first line opens a page.
    const lines = pdfLines(lo.pdf('sample'));
    const firstLine = lines.map((ls) => `${ls[0]?.text ?? ''}${ls[1]?.text ?? ''}`.replace(/\s/g, ''));
    // LibreOffice 7.4 adds ~0.2 em between Chinese and Latin/digits even with autoSpaceDE/DN off
    // (Word honours them), so a line with numbers can wrap one character earlier and an item grow
    // by a page; every item must still start within two pages of the PDF's.
    let from = 0;
    let same = 0;
    const loStarts: number[] = [];
    sample.toc.forEach((e, k) => {
      const head = e.title.replace(/\s/g, '').slice(0, 12);
      const at = firstLine.findIndex((t, i) => i >= from && t.startsWith(head));
      expect(at, e.title).toBeGreaterThanOrEqual(0);
      from = at + 1;
      loStarts.push(at + 1);
      if (at + 1 === sample!.starts[k]) same++;
      expect(Math.abs(at + 1 - sample!.starts[k]), e.title).toBeLessThanOrEqual(2);
    });
    // Items of the same length: one item a page longer in LibreOffice (it sets “” half-width in
    // the Latin font, and a line more or less tips a page) shifts every later start by one, so the
    // page count of each item is the fair measure of the page make-up agreeing.
    let sameLength = 0;
    for (let k = 0; k + 1 < loStarts.length; k++)
      if (loStarts[k + 1] - loStarts[k] === sample.starts[k + 1] - sample.starts[k]) sameLength++;
    console.log(
      `[docx] sample: LibreOffice ${pages} pages, our PDF ${sample.pdfPages}; ${same}/${sample.toc.length} items start on the same page, ${sameLength}/${loStarts.length - 1} have the same length`,
    );
    expect(sameLength / (loStarts.length - 1)).toBeGreaterThanOrEqual(0.9);
    // Odd numbers on right-hand pages throughout (7 front pages: LibreOffice keeps the parity).
    let numbered = 0;
    for (const ls of lines) {
      const f = footerNumber(ls);
      if (!f) continue;
      numbered++;
      if (f.n % 2 === 1) expect(Math.abs(f.line.xMax - (RIGHT - 14)), `page ${f.n}`).toBeLessThan(2);
      else expect(Math.abs(f.line.xMin - (LEFT + 14)), `page ${f.n}`).toBeLessThan(2);
    }
    expect(numbered).toBeGreaterThan(sample.pdfPages * 0.9);
  });
});

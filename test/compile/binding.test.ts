// Binding settings honoured by the compile engine itself (not only by print post-processing):
// the gutter moves the text block away from the spine — right on odd pages, left on even pages in
// duplex — and padToMultiple appends blank, unnumbered pages so the total is a multiple of 4.
// Checked on the real PDF read back with pdfjs (text positions, page count, empty trailing pages).
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDossierPdf, type PdfCompileResult } from '../../core/compile';
import { geometry } from '../../core/layout/geometry';
import { buildDossier } from '../../core/model/dossier';
import { LayoutSettingsSchema, mm, type LayoutSettings } from '../../core/model/settings';
import { loadFontSet } from '../../core/node/fonts';
import { readPdf, type ReadPage } from '../print/helpers';
import { fixtureSession, pureDoc } from './fixture';

const pageNumber = (p: ReadPage): number | undefined => {
  const m = p.text.match(/—\s*(\d+)\s*—/);
  return m ? Number(m[1]) : undefined;
};
/** Left edge of the body text on a page (page number excluded). */
const leftEdge = (p: ReadPage) => Math.min(...p.texts.filter((t) => !/—/.test(t.str)).map((t) => t.x));

async function compileWith(layout: Partial<LayoutSettings>): Promise<{ res: PdfCompileResult; pages: ReadPage[] }> {
  const fx = fixtureSession();
  // 13 pages unpadded: not a multiple of 2 or 4, so padding really adds pages
  fx.docs.set('c', pureDoc(2));
  fx.session.layout = { ...fx.session.layout, ...layout };
  const fonts = await loadFontSet(fx.session.layout);
  const res = await compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fonts);
  return { res, pages: await readPdf(res.pdf) };
}

/** Physical page indexes (0-based) of numbered body pages with real text, by parity. */
function bodyPages(pages: ReadPage[]) {
  const body = pages.map((p, i) => ({ p, i })).filter(({ p }) => pageNumber(p) !== undefined && p.texts.length > 5);
  return { odd: body.filter(({ i }) => i % 2 === 0), even: body.filter(({ i }) => i % 2 === 1) };
}

describe('gutter and padding in the normal compile', () => {
  let plain: { res: PdfCompileResult; pages: ReadPage[] };
  let bound: { res: PdfCompileResult; pages: ReadPage[] };
  let single: { res: PdfCompileResult; pages: ReadPage[] };
  beforeAll(async () => {
    plain = await compileWith({ binding: 'duplex', itemStart: 'oddPage', padToMultiple: 1 });
    bound = await compileWith({ binding: 'duplex', itemStart: 'oddPage', gutter: 5, padToMultiple: 4 });
    single = await compileWith({ binding: 'single', gutter: 8 });
  }, 60_000);

  it('duplex: the gutter shifts text right on odd pages and left on even pages', () => {
    const a = bodyPages(plain.pages);
    const b = bodyPages(bound.pages);
    expect(a.odd.length).toBeGreaterThan(1);
    expect(a.even.length).toBeGreaterThan(1);
    // the block's left edge: the smallest left edge over the pages of one parity
    expect(Math.min(...b.odd.map(({ p }) => leftEdge(p)))).toBeCloseTo(mm(28 + 5), 0);
    expect(Math.min(...b.even.map(({ p }) => leftEdge(p)))).toBeCloseTo(mm(210 - 28 - 5 - 156), 0);
    // every body page: the same lines, moved by exactly the gutter, mirrored by parity
    for (const { i } of [...a.odd, ...a.even]) {
      expect(bound.pages[i].flat).toBe(plain.pages[i].flat);
      expect(leftEdge(bound.pages[i]) - leftEdge(plain.pages[i]), `physical page ${i + 1}`).toBeCloseTo(
        i % 2 === 0 ? mm(5) : -mm(5),
        1,
      );
    }
  });

  it('page numbers move with the block', () => {
    const pn = (p: ReadPage) => p.texts.find((t) => /—/.test(t.str))!.x;
    const { odd, even } = bodyPages(plain.pages);
    expect(pn(bound.pages[odd[0].i]) - pn(plain.pages[odd[0].i])).toBeCloseTo(mm(5), 1);
    expect(pn(bound.pages[even[0].i]) - pn(plain.pages[even[0].i])).toBeCloseTo(-mm(5), 1);
  });

  it('pads the total to a multiple of 4 with blank, unnumbered pages at the end', () => {
    expect(bound.pages.length % 4).toBe(0);
    expect(bound.res.pageCount).toBe(bound.pages.length);
    const added = bound.pages.length - plain.pages.length;
    expect(added).toBeGreaterThanOrEqual(0);
    expect(added).toBeLessThan(4);
    // the fixture pads by at least one page, so the test really checks blank trailing pages
    expect(plain.pages.length % 4).not.toBe(0);
    for (const p of bound.pages.slice(plain.pages.length)) {
      expect(p.texts).toHaveLength(0);
      expect(pageNumber(p)).toBeUndefined();
    }
    const last = bound.res.layout.pages[bound.res.layout.pages.length - 1];
    expect(last.kind).toBe('blank');
    // TOC numbers and item starts are unchanged by padding
    expect(bound.res.toc.map((e) => e.page)).toEqual(plain.res.toc.map((e) => e.page));
  });

  it('duplex without padToMultiple pads to an even count (as print production does)', async () => {
    const { res, pages } = await compileWith({ binding: 'duplex', itemStart: 'newPage' });
    expect(res.pageCount % 2).toBe(0);
    expect(pages.length).toBe(res.pageCount);
  });

  it('single-sided: the gutter moves every page to the right and adds no pages', async () => {
    const base = await compileWith({ binding: 'single' });
    expect(single.pages.length).toBe(base.pages.length);
    expect(single.pages.length % 2).toBe(1);
    const { odd, even } = bodyPages(base.pages);
    expect(odd.length + even.length).toBeGreaterThan(3);
    for (const { i } of [...odd, ...even])
      expect(leftEdge(single.pages[i]) - leftEdge(base.pages[i])).toBeCloseTo(mm(8), 1);
  });

  it('never pushes the block off the page: the gutter is capped by the outer margin', () => {
    const s = LayoutSettingsSchema.parse({ gutter: 30 });
    const g = geometry(s);
    expect(g.inner).toBeCloseTo(mm(210 - 156), 5);
    expect(g.inner + g.blockW).toBeLessThanOrEqual(g.pageW + 1e-6);
  });
});

// Page-level layout rules checked on the laid-out tree (real fonts, no PDF): headings are never
// the last line of a page, items start on new pages, the TOC numbers come from the layout, notes
// land at the foot of their reference's page (or after the item), and a different LayoutSettings changes the grid.
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutDossier } from '../../core/compile';
import type { FontSet } from '../../core/fonts/font-set';
import { geometry } from '../../core/layout/geometry';
import type { DrawOp } from '../../core/layout/types';
import type { Block, SourceDoc } from '../../core/model/document';
import { buildDossier } from '../../core/model/dossier';
import { loadFontSet } from '../../core/node/fonts';
import { fixtureSession, han } from '../compile/fixture';

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFontSet(fixtureSession().session.layout);
});

const para = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }] });
const doc = (blocks: Block[], extra: Partial<SourceDoc> = {}): SourceDoc => ({
  blocks,
  footnotes: [],
  images: {},
  warnings: [],
  ...extra,
});
const cell = (text: string, extra: { colSpan?: number; rowSpan?: number } = {}) => ({
  paragraphs: [para(text) as never],
  ...extra,
});
/** A document of one table with one header row, given its rows of cells. */
const tableDoc = (rows: ReturnType<typeof cell>[][]): SourceDoc =>
  doc([{ type: 'table', headerRows: 1, rows: rows.map((cells) => ({ cells })) }]);
const textOf = (ops: DrawOp[]) => ops.flatMap((o) => (o.op === 'text' ? [o.segs.map((s) => s.text).join('')] : []));

describe('page layout', () => {
  it('moves a heading that would be the last line of a page to the next page', () => {
    const fx = fixtureSession();
    // title + author + blank = 3 lines; six 3-line paragraphs = 18 lines; the heading would be line 22
    const blocks: Block[] = Array.from({ length: 6 }, (_, k) => para(han(26 + 28 + 10, k)));
    blocks.push({ type: 'heading', level: 1, inlines: [{ type: 'text', text: '一、下一步工作建议' }] }, para(han(30)));
    fx.docs.set('a', doc(blocks));
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const first = laid.pages[laid.items[0].startPhysical - 1];
    const second = laid.pages[laid.items[0].startPhysical];
    const firstLines = textOf(first.ops).filter((t) => !/^— \d+ —$/.test(t));
    expect(firstLines.length).toBe(2 + 18);
    expect(firstLines.some((t) => t.includes('下一步'))).toBe(false);
    expect(textOf(second.ops)[0]).toBe('一、下一步工作建议');
  });

  it('starts every item on a new page and numbers the TOC from the layout', () => {
    const fx = fixtureSession();
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    for (const it of laid.items) {
      const page = laid.pages[it.startPhysical - 1];
      expect(page.number).toBe(it.startPage);
      expect(textOf(page.ops)[0]).toBe(
        fx.session.submissions.find((s) => s.id === it.submissionId)!.title.slice(0, textOf(page.ops)[0].length),
      );
      expect(laid.toc.find((e) => e.submissionId === it.submissionId)!.page).toBe(it.startPage);
    }
  });

  it('prints a footnote at the foot of the page of its reference, under a short rule, numbered ①', () => {
    const fx = fixtureSession();
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const b = laid.items[1];
    const pages = laid.pages.slice(b.startPhysical - 1, b.startPhysical - 1 + b.pageCount);
    // the reference in the text uses the same marker, as a small raised mark
    const refPage = pages.find((p) => textOf(p.ops).some((t) => t.includes('9.8%，①')))!;
    expect(refPage).toBeDefined();
    const mark = refPage.ops.flatMap((o) => (o.op === 'text' ? o.segs : [])).find((sg) => sg.text === '①')!;
    expect(mark.size).toBeLessThan(12);
    expect(mark.rise).toBeGreaterThan(4);
    const texts = refPage.ops.filter((o): o is Extract<DrawOp, { op: 'text' }> => o.op === 'text');
    const note = texts.find((o) =>
      o.segs
        .map((sg) => sg.text)
        .join('')
        .startsWith('①数据来源'),
    )!;
    expect(note).toBeDefined();
    // below every line of text, above the page number, with the short rule between
    const body = texts.filter(
      (o) => o !== note && o.segs[0].size === 16 && !/^— \d+ —$/.test(o.segs.map((sg) => sg.text).join('')),
    );
    expect(Math.max(...body.map((o) => o.y))).toBeLessThan(note.y);
    const rule = refPage.ops.find((o) => o.op === 'rule' && o.x2 - o.x1 < 120);
    expect(rule && rule.op === 'rule' && rule.y1 > Math.max(...body.map((o) => o.y)) && rule.y1 < note.y).toBe(true);
  });

  it('prints notes after the item when the settings ask for it', () => {
    const fx = fixtureSession();
    fx.session.layout.footnotePlacement = 'end';
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const b = laid.items[1];
    const last = laid.pages[b.startPhysical - 1 + b.pageCount - 1];
    const texts = textOf(last.ops);
    const noteLine = texts.findIndex((t) => t.startsWith('①数据来源'));
    expect(noteLine).toBeGreaterThan(-1);
    expect(last.ops.some((o) => o.op === 'rule' && o.x2 - o.x1 < 120)).toBe(true);
  });

  it('follows LayoutSettings: 29 pt line pitch and a 20-line page change the grid', () => {
    const fx = fixtureSession({ layout: { linePitchPt: 29, linesPerPage: 20 } });
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const g = geometry(fx.session.layout);
    expect(g.pitch).toBe(29);
    const inner = laid.pages[laid.items[0].startPhysical];
    const ys = inner.ops
      .filter((o) => o.op === 'text')
      .map((o) => (o as { y: number }).y)
      .slice(0, -1);
    expect(ys.length).toBe(20);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeCloseTo(29, 6);
  });

  it('mirrors the binding margin on even pages for duplex binding', () => {
    const fx = fixtureSession({ layout: { binding: 'duplex' } });
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const g = geometry(fx.session.layout);
    const a = laid.items[0];
    const xs = (i: number) =>
      Math.min(
        ...laid.pages[i].ops
          .filter((o) => o.op === 'text')
          .flatMap((o) => (o as { segs: { x: number }[] }).segs.map((s) => s.x)),
      );
    const odd = a.startPhysical - 1 + (a.startPhysical % 2 === 1 ? 0 : 1);
    expect(xs(odd)).toBeCloseTo(g.inner, 0);
    expect(xs(odd + 1)).toBeCloseTo(g.pageW - g.inner - g.blockW, 0);
  });

  it('drops invisible formatting characters instead of reporting them missing, and survives a corrupt image', async () => {
    const fx = fixtureSession();
    fx.docs.set(
      'c',
      doc(
        [para('软\u00ad连字\u200b符\ufeff和\u200d零宽'), { type: 'image', resource: 'bad', width: 100, height: 50 }],
        { images: { bad: { mime: 'image/png', data: 'bm90IGFuIGltYWdl' } } },
      ),
    );
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    expect(laid.missingGlyphs).toEqual([]);
    const c = laid.items[2];
    expect(textOf(laid.pages[c.startPhysical - 1].ops)).toContain('软连字符和零宽');
    const { compileDossierPdf } = await import('../../core/compile');
    const res = await compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fonts);
    expect(res.pageCount).toBe(laid.pages.length);
  });

  it('splits a table row taller than a page across pages, keeping every line inside the block', () => {
    const fx = fixtureSession();
    const long = han(3000);
    fx.docs.set(
      'c',
      tableDoc([
        [cell('标题甲'), cell('标题乙')],
        [cell('左栏'), cell(long)],
      ]),
    );
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const g = geometry(fx.session.layout);
    const c = laid.items[2];
    expect(c.pageCount).toBeGreaterThan(2);
    let chars = 0;
    for (let k = 0; k < c.pageCount; k++) {
      const p = laid.pages[c.startPhysical - 1 + k];
      for (const o of p.ops) {
        if (o.op === 'text' && !/^— \d+ —$/.test(o.segs.map((s) => s.text).join(''))) {
          expect(o.y).toBeLessThan(g.top + g.blockH);
          chars += o.segs.filter((s) => s.size === 12).reduce((n, s) => n + Array.from(s.text).length, 0);
        }
        if (o.op === 'rule') expect(Math.max(o.y1, o.y2)).toBeLessThanOrEqual(g.top + g.blockH + 0.01);
      }
      if (k > 0) expect(textOf(p.ops).some((t) => t === '标题甲')).toBe(true);
    }
    // the long cell, the left cell once, and the header (6 characters) on every page
    expect(chars).toBe(3000 + 2 + 6 * c.pageCount);
  });

  it('lays out merged cells: a colSpan cell spans its columns, a rowSpan cell spans its rows', () => {
    const fx = fixtureSession();
    fx.docs.set(
      'c',
      tableDoc([
        [cell('类别'), cell('二〇二二年与二〇二三年', { colSpan: 2 })],
        [cell('游客', { rowSpan: 2 }), cell('一'), cell('二')],
        [cell('三'), cell('四')],
      ]),
    );
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    const g = geometry(fx.session.layout);
    const page = laid.pages[laid.items[2].startPhysical - 1];
    const texts = page.ops.filter((o) => o.op === 'text') as Extract<DrawOp, { op: 'text' }>[];
    const at = (t: string) => texts.find((o) => o.segs.map((s) => s.text).join('') === t)!;
    const colW = g.blockW / 3;
    // the merged header cell is centred over columns 2–3
    const head = at('二〇二二年与二〇二三年').segs[0];
    expect(head.x - g.inner).toBeGreaterThan(colW);
    // 三 and 四 sit in columns 2 and 3 (column 1 is taken by the rowSpan cell)
    expect(at('三').segs[0].x - g.inner).toBeGreaterThan(colW);
    expect(at('四').segs[0].x - g.inner).toBeGreaterThan(2 * colW);
    // the rowSpan cell's frame reaches the bottom of row 3
    const rules = page.ops.filter((o) => o.op === 'rule') as Extract<DrawOp, { op: 'rule' }>[];
    const bottom = Math.max(...rules.map((r) => Math.max(r.y1, r.y2)));
    expect(
      rules.some(
        (r) => Math.abs(r.x1 - g.inner) < 0.01 && r.x1 === r.x2 && Math.abs(Math.max(r.y1, r.y2) - bottom) < 0.01,
      ),
    ).toBe(true);
  });

  it('honours a per-item startOnOdd', () => {
    const fx = fixtureSession();
    fx.docs.set('a', doc([para('短文。')]));
    fx.session.submissions[1].options.startOnOdd = true;
    const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
    expect(laid.items[1].startPage).toBe(3);
    expect(laid.pages[laid.frontPageCount + 1].kind).toBe('blank');
  });
});

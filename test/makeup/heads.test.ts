// Heads and keeps on the laid-out tree (real fonts, no PDF) and in the DOCX: subtitle and date
// line in 3号楷体 centred around the author line, a TOC group heading never left at the foot of
// a 目录 page, a table caption on the page of its table.
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutDossier } from '../../core/compile';
import type { FontSet } from '../../core/fonts/font-set';
import { geometry } from '../../core/layout/geometry';
import type { DrawOp } from '../../core/layout/types';
import type { Block } from '../../core/model/document';
import { buildDossier } from '../../core/model/dossier';
import { SubmissionSchema } from '../../core/model/session';
import { loadFontSet } from '../../core/node/fonts';
import { renderDocx } from '../../core/render/docx/index';
import { fixtureSession, han } from '../compile/fixture';
import { paragraphTexts, readDocx } from '../render-docx/read-docx';

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFontSet(fixtureSession().session.layout);
});
const lines = (ops: DrawOp[]) =>
  ops.flatMap((o) =>
    o.op === 'text'
      ? [
          {
            text: o.segs.map((s) => s.text).join(''),
            y: o.y,
            face: o.segs[0].face,
            size: o.segs[0].size,
            x: o.segs[0].x,
          },
        ]
      : [],
  );
const SUB = '——在市政协常委会议上的发言';
const DATE = '（2024年3月15日）';

describe('heads and keeps', () => {
  it('prints the subtitle under the title and the date line under the author, in 楷体, centred', async () => {
    const fx = fixtureSession();
    fx.session.submissions[0] = { ...fx.session.submissions[0], subtitle: SUB, dateLine: DATE };
    const { dossier } = buildDossier(fx.session, fx.docs);
    const laid = layoutDossier(dossier, fonts);
    const page = laid.pages[laid.items[0].startPhysical - 1];
    const ls = lines(page.ops);
    const at = (t: string) => ls.findIndex((l) => l.text === t);
    expect(at('关于推动文化传承与创新的几点思考')).toBe(0);
    expect(at(SUB)).toBe(1);
    expect(at('市政协常委 王㛃')).toBe(2);
    expect(at(DATE)).toBe(3);
    const kai = fonts.roles.kai.key;
    for (const k of [1, 3]) {
      expect(ls[k].face).toBe(kai);
      expect(ls[k].size).toBe(16);
      expect(ls[k].y).toBeGreaterThan(ls[k - 1].y);
    }
    const g = geometry(fx.session.layout);
    const mid = (l: (typeof ls)[number]) => l.x + (l.text.length * 16) / 2;
    for (const k of [1, 3]) expect(Math.abs(mid(ls[k]) - (g.inner + g.blockW / 2))).toBeLessThan(40);
    // The DOCX has them too, in the author style (kept with the next paragraph).
    const docx = readDocx(await renderDocx(dossier, laid.toc));
    const texts = paragraphTexts(docx.xml('word/document.xml'));
    const k = texts.indexOf(SUB);
    expect(k).toBeGreaterThan(0);
    expect(texts.slice(k, k + 3)).toEqual([SUB, '市政协常委 王㛃', DATE]);
    expect(docx.xml('word/document.xml')).toMatch(
      new RegExp(
        `<w:pStyle w:val="HuibianAuthor"/></w:pPr><w:r><w:t xml:space="preserve">${DATE.replace(/[()（）]/g, '.')}`,
      ),
    );
  });

  it('never leaves a TOC group heading at the foot of a 目录 page', () => {
    for (let n = 14; n <= 24; n++) {
      const fx = fixtureSession();
      const subs = Array.from({ length: n + 2 }, (_, k) => ({
        id: `i${k}`,
        title: `关于第${k + 1}项工作的建议`,
        authorLine: '市政协委员 李明',
        source: { file: `i${k}.md`, format: 'md' as const },
      }));
      fx.session.submissions = subs.map((s) => SubmissionSchema.parse(s));
      fx.session.sections = [
        { ...fx.session.sections[0], items: subs.slice(0, n).map((s) => s.id) },
        { ...fx.session.sections[1], items: subs.slice(n).map((s) => s.id) },
      ];
      const docs = new Map(
        subs.map((s) => [
          s.id,
          {
            blocks: [{ type: 'paragraph' as const, inlines: [{ type: 'text' as const, text: han(40) }] }],
            footnotes: [],
            images: {},
            warnings: [],
          },
        ]),
      );
      const laid = layoutDossier(buildDossier(fx.session, docs).dossier, fonts);
      const toc = laid.pages.filter((p) => p.kind === 'toc');
      for (const p of toc) {
        const ls = lines(p.ops);
        expect(ls[ls.length - 1].text, `n=${n}`).not.toMatch(/^[一二三四]、/);
      }
    }
  });

  it('keeps a table caption on the page of the table', () => {
    for (let fill = 14; fill <= 20; fill++) {
      const fx = fixtureSession();
      const rows = Array.from({ length: 6 }, (_, r) => ({
        cells: [0, 1].map((c) => ({
          paragraphs: [
            {
              type: 'paragraph' as const,
              inlines: [{ type: 'text' as const, text: r ? han(4, r + c) : ['项目', '数量'][c] }],
            },
          ],
        })),
      }));
      const blocks: Block[] = [];
      for (let k = 0; k < fill; k++) blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: han(20, k) }] });
      blocks.push({ type: 'table', headerRows: 1, rows, caption: '表1　有关情况统计' });
      fx.docs.set('a', { blocks, footnotes: [], images: {}, warnings: [] });
      const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
      const it = laid.items[0];
      const pages = laid.pages.slice(it.startPhysical - 1, it.startPhysical - 1 + it.pageCount);
      const withCaption = pages.find((p) => lines(p.ops).some((l) => l.text === '表1　有关情况统计'))!;
      expect(
        lines(withCaption.ops).some((l) => l.text === '项目'),
        `fill=${fill}`,
      ).toBe(true);
    }
  });

  it('pulls a tail of one or two lines back by taking lines from the page before', () => {
    const lastPageLines = (tailMinLines: number) => {
      const fx = fixtureSession();
      fx.session.layout.tailMinLines = tailMinLines;
      // title + author + blank, then five 4-line paragraphs: 19 text lines fit on the first page
      const blocks: Block[] = Array.from({ length: 5 }, (_, k) => ({
        type: 'paragraph',
        inlines: [{ type: 'text', text: han(26 + 28 * 2 + 20, k) }],
      }));
      fx.docs.set('a', { blocks, footnotes: [], images: {}, warnings: [] });
      const laid = layoutDossier(buildDossier(fx.session, fx.docs).dossier, fonts);
      const it = laid.items[0];
      const pages = laid.pages.slice(it.startPhysical - 1, it.startPhysical - 1 + it.pageCount);
      return pages.map((p) => lines(p.ops).filter((l) => !/^— \d+ —$/.test(l.text)).length);
    };
    const off = lastPageLines(0);
    expect(off.length).toBe(2);
    expect(off[1]).toBeLessThanOrEqual(2);
    const on = lastPageLines(3);
    expect(on.length).toBe(2);
    expect(on[1]).toBeGreaterThanOrEqual(3);
    expect(on[0] + on[1]).toBe(off[0] + off[1]);
  });
});

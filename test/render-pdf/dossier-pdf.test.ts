// The compiled PDF checked on its real output (poppler text positions, pdfjs outline and page
// labels, pdffonts): grid, 禁则, page numbers, TOC numbers, outline, fonts, text, fallback.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDossierPdf, type PdfCompileResult } from '../../core/compile';
import { buildDossier } from '../../core/model/dossier';
import { documentText } from '../../core/model/document';
import { NO_LINE_END, NO_LINE_START } from '../../core/layout/kinsoku';
import type { FontSet } from '../../core/fonts/font-set';
import { loadFontSet } from '../../core/node/fonts';
import { fixtureSession, KINSOKU_PARAS, RARE } from '../compile/fixture';
import { bboxWords, hasPoppler, pageText, pdffonts, type Word } from '../compile/poppler';

const MM = 72 / 25.4;
const LEFT = 28 * MM;
const RIGHT = LEFT + 156 * MM;
const TOP = 37 * MM;
const BOTTOM = TOP + 225 * MM;
const PITCH = (225 * MM) / 22;
const SIZE = 16;
const CELL = SIZE + (156 * MM - 28 * SIZE) / 27;

let res: PdfCompileResult;
let file: string;
let fonts: FontSet;
let words: Map<number, Word[]>;
const fx = fixtureSession();

/** Text lines of a page inside the text block: words grouped by baseline, left to right. */
function lines(page: number): { text: string; xMin: number; xMax: number; y: number }[] {
  const ws = (words.get(page) ?? []).filter((w) => w.yMin > TOP - 5 && w.yMax < BOTTOM + 5);
  const byY = new Map<number, Word[]>();
  for (const w of ws) {
    const key = [...byY.keys()].find((y) => Math.abs(y - w.yMax) < 2) ?? w.yMax;
    (byY.get(key) ?? byY.set(key, []).get(key)!).push(w);
  }
  return [...byY.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, ws]) => {
      ws.sort((a, b) => a.xMin - b.xMin);
      return { text: ws.map((w) => w.text).join(''), xMin: ws[0].xMin, xMax: ws[ws.length - 1].xMax, y };
    });
}
const strip = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(!hasPoppler)('dossier PDF', () => {
  beforeAll(async () => {
    fonts = await loadFontSet(fx.session.layout);
    const { dossier } = buildDossier(fx.session, fx.docs);
    res = await compileDossierPdf(dossier, fonts);
    file = path.join(mkdtempSync(path.join(tmpdir(), 'hb-pdf-')), 'fx.pdf');
    writeFileSync(file, res.pdf);
    words = bboxWords(file);
  });

  it('has the pages the layout says, front matter first', () => {
    expect(words.size).toBe(res.pageCount);
    expect(res.frontPageCount + res.bodyPageCount).toBe(res.pageCount);
    expect(res.items.map((i) => i.startPage)).toEqual([
      1,
      res.items[0].pageCount + 1,
      res.items[0].pageCount + res.items[1].pageCount + 1,
    ]);
    expect(strip(pageText(file, 1))).toContain('会议材料汇编');
    expect(strip(pageText(file, 1))).toContain('二〇二四年三月');
  });

  it('sets pure Chinese paragraphs on the grid: 22 lines a page, 28 characters a full line, justified to the block edge', () => {
    const a = res.items[0];
    let fullLines = 0;
    // the item's inner pages (no title, not the last page) are pure body text
    for (let pg = a.startPhysical + 1; pg < a.startPhysical + a.pageCount - 1; pg++) {
      const ls = lines(pg);
      expect(ls.length).toBe(22);
      for (let k = 1; k < ls.length; k++) expect(ls[k].y - ls[k - 1].y).toBeCloseTo(PITCH, 1);
      for (const l of ls) {
        const n = Array.from(l.text).length;
        if (Math.abs(l.xMax - RIGHT) < 0.5) {
          fullLines++;
          if (Math.abs(l.xMin - LEFT) < 0.5) expect(n).toBe(28);
          else {
            expect(l.xMin).toBeCloseTo(LEFT + 2 * CELL, 0);
            expect(n).toBe(26);
          }
        } else {
          expect(l.xMin).toBeCloseTo(LEFT, 0);
          expect(n).toBeLessThan(28);
        }
      }
    }
    expect(fullLines).toBeGreaterThan(30);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    let checked = 0;
    for (let pg = res.frontPageCount + 1; pg <= res.pageCount; pg++) {
      for (const l of lines(pg)) {
        checked++;
        expect(NO_LINE_START.has(l.text[0]), `page ${pg}: ${l.text}`).toBe(false);
        expect(NO_LINE_END.has(l.text[l.text.length - 1]), `page ${pg}: ${l.text}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(100);
    // the constructed cases really were at a line end, and were pushed
    const b = res.items[1];
    const text = pageText(file, b.startPhysical, b.startPhysical + b.pageCount - 1);
    expect(text).toMatch(/\n[^\n]，/u);
    for (const para of KINSOKU_PARAS) expect(strip(text)).toContain(para);
  });

  it('prints "— n —" below the block, odd pages right and even pages left, one character in', () => {
    for (let pg = res.frontPageCount + 1; pg <= res.pageCount; pg++) {
      const n = pg - res.frontPageCount;
      const ws = (words.get(pg) ?? []).filter((w) => w.yMin > BOTTOM);
      expect(ws.map((w) => w.text).join(' ')).toBe(`— ${n} —`);
      const top = Math.min(...ws.map((w) => w.yMin));
      expect(top).toBeGreaterThan(BOTTOM);
      if (n % 2 === 1) expect(Math.max(...ws.map((w) => w.xMax))).toBeCloseTo(RIGHT - 14, 0);
      else expect(Math.min(...ws.map((w) => w.xMin))).toBeCloseTo(LEFT + 14, 0);
    }
    // front matter carries no number
    for (let pg = 1; pg <= res.frontPageCount; pg++) expect(pageText(file, pg)).not.toMatch(/— \d+ —/);
  });

  it('gives each TOC entry the printed page where its item starts', () => {
    const toc = strip(pageText(file, 2, res.frontPageCount));
    expect(toc).toContain('目录');
    expect(toc).toContain('一、大会发言');
    expect(toc).toContain('二、书面发言');
    for (const e of res.toc) {
      const item = res.items.find((i) => i.submissionId === e.submissionId)!;
      expect(e.page).toBe(item.startPage);
      expect(toc).toContain(`${e.author}${e.page}`);
      const start = strip(pageText(file, res.frontPageCount + e.page));
      expect(start).toContain(strip(e.title).slice(0, 10));
      if (e.page > 1)
        expect(strip(pageText(file, res.frontPageCount + e.page - 1))).not.toContain(strip(e.title).slice(0, 10));
    }
  });

  it('has an outline section → item pointing at the item pages, links and page labels', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(res.pdf),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['一、大会发言', '二、书面发言']);
    expect(outline.map((o) => o.items.length)).toEqual([2, 1]);
    const kids = outline.flatMap((o) => o.items);
    for (let k = 0; k < kids.length; k++) {
      const d = typeof kids[k].dest === 'string' ? await doc.getDestination(kids[k].dest as string) : kids[k].dest;
      const idx = await doc.getPageIndex(d![0] as { num: number; gen: number });
      expect(idx).toBe(res.items[k].startPhysical - 1);
      expect(kids[k].title).toBe(fx.session.submissions[k].title);
    }
    const labels = await doc.getPageLabels();
    expect(labels![res.frontPageCount]).toBe('1');
    expect(labels![res.pageCount - 1]).toBe(String(res.bodyPageCount));
    expect(labels![0]).toBe('i');
    // TOC entries are links to the items' destinations
    const annots = await (await doc.getPage(2)).getAnnotations();
    const links = annots.filter((a: { subtype: string }) => a.subtype === 'Link');
    expect(links.length).toBe(res.toc.length);
    const meta = await doc.getMetadata();
    expect((meta.info as Record<string, string>).Author).toBe('政协测试市委员会办公室');
    expect((meta.info as Record<string, string>).Subject).toBe('测试主题');
    await doc.destroy();
  });

  it('embeds every font as a subset with a Unicode map', () => {
    const fs = pdffonts(file);
    expect(fs.length).toBeGreaterThanOrEqual(4);
    for (const f of fs) expect([f.name, f.emb, f.sub, f.uni]).toEqual([f.name, 'yes', 'yes', 'yes']);
  });

  it('gives back the source text exactly (pure items) and every paragraph (mixed item)', () => {
    for (const k of [0, 2]) {
      const it = res.items[k];
      const sub = fx.session.submissions[k];
      const got = strip(pageText(file, it.startPhysical, it.startPhysical + it.pageCount - 1)).replace(/—\d+—/g, '');
      expect(got).toBe(strip(sub.title + sub.authorLine + documentText(fx.docs.get(sub.id)!)));
    }
    const b = res.items[1];
    const text = strip(pageText(file, b.startPhysical, b.startPhysical + b.pageCount - 1));
    expect(text).toContain('全市GDP增长9.8%，');
    expect(text).toContain('数据来源：市统计局。');
    expect(text).toContain(strip(RARE));
  });

  it('draws characters missing from the body font with a fallback font, never dropping them', () => {
    for (const ch of ['㛃', '啰', '瞭']) expect(res.fallbackChars).toContain(ch);
    expect(res.missingGlyphs).toEqual([]);
    const fang = fonts.roles.fang;
    for (const ch of ['㛃', '啰', '瞭']) {
      expect(fang.font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(false);
      const seg = res.layout.pages
        .flatMap((p) => p.ops)
        .flatMap((o) => (o.op === 'text' ? o.segs : []))
        .find((s) => s.text.includes(ch))!;
      expect(seg.face).not.toBe(fang.key);
    }
    expect(strip(pageText(file, 1, res.pageCount))).toContain('王㛃');
  });

  it('gives the same valid file on a warm recompile (cached font streams)', async () => {
    const again = await compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fonts);
    const file2 = file.replace(/\.pdf$/, '-again.pdf');
    writeFileSync(file2, again.pdf);
    expect(again.pdf.length).toBe(res.pdf.length);
    const r1 = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const r2 = spawnSync('pdftotext', [file2, '-'], { encoding: 'utf8' });
    expect(r2.stderr).toBe('');
    expect(r2.stdout).toBe(r1.stdout);
    for (const f of pdffonts(file2)) expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
    // the embedded subsets really draw: poppler rasterises the body pages without font errors
    const a = res.items[0];
    for (const f of [file, file2]) {
      const png = spawnSync(
        'pdftoppm',
        ['-r', '20', '-f', String(a.startPhysical), '-l', String(a.startPhysical + 1), '-png', f, `${f}-raster`],
        { encoding: 'utf8' },
      );
      expect(png.stderr).toBe('');
      expect(png.status).toBe(0);
    }
  });

  it('repeats the table header row when the table continues on the next page', () => {
    const b = res.items[1];
    let withHeader = 0;
    for (let pg = b.startPhysical; pg < b.startPhysical + b.pageCount; pg++)
      if (lines(pg).some((l) => l.text.startsWith('项目内容数量'))) withHeader++;
    expect(withHeader).toBeGreaterThanOrEqual(2);
  });
});

describe('compile options', () => {
  it('starts items on odd pages with unnumbered blanks, and draws the watermark', async () => {
    const f = fixtureSession({
      layout: { itemStart: 'oddPage' },
      marks: { internal: false, secrecy: '秘密', watermark: '草稿', confidentialityLine: '' },
    });
    // a one-page first item forces a blank page before the second
    f.docs.set('a', {
      blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: '短文。' }] }],
      footnotes: [],
      images: {},
      warnings: [],
    });
    const fs = await loadFontSet(f.session.layout);
    const r = await compileDossierPdf(buildDossier(f.session, f.docs).dossier, fs);
    for (const it of r.items) expect(it.startPage % 2).toBe(1);
    expect(r.items[1].startPage).toBe(3);
    expect(r.layout.pages[r.frontPageCount + 1].kind).toBe('blank');
    expect(r.frontPageCount % 2).toBe(0);
    const blanks = r.layout.pages.filter((p) => p.kind === 'blank' && p.number);
    expect(blanks.length).toBeGreaterThan(0);
    for (const b of blanks) expect(b.ops.filter((o) => o.op === 'text')).toEqual([]);
    const body = r.layout.pages.filter((p) => p.kind === 'body');
    for (const p of body) expect(p.ops.some((o) => o.op === 'watermark' && o.text === '草稿')).toBe(true);
  });

  it('cancels with compile.cancelled', async () => {
    const fs = await loadFontSet(fx.session.layout);
    const ac = new AbortController();
    const p = compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fs, {
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.phase === 'render' && pr.done === 2) ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ error: { code: 'compile.cancelled' } });
  });
});

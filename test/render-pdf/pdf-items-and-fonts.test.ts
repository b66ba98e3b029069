// PDF submissions placed on reserved, numbered pages; user-chosen fonts with built-in fallback;
// the installed-font finder; error values for a missing font file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDossierPdf } from '../../core/compile';
import { buildDossier } from '../../core/model/dossier';
import { compileDocs } from '../../core/node/compile-session';
import { findInstalledFonts, loadFontSet } from '../../core/node/fonts';
import { fontsDir } from '../../core/node/paths';
import { fixtureSession } from '../compile/fixture';
import { bboxWords, hasPoppler, pageText } from '../compile/poppler';

const tmp = mkdtempSync(path.join(tmpdir(), 'hb-pdfitems-'));

async function submittedPdf(pages: number): Promise<string> {
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  for (let k = 0; k < pages; k++) {
    const p = d.addPage([595, 842]);
    p.drawText(`SUBMITTED PAGE ${k + 1}`, { x: 72, y: 700, size: 24, font });
  }
  return Buffer.from(await d.save()).toString('base64');
}

/** The fixture dossier compiled with item c a submitted PDF (page count and base64 bytes). */
async function compileWithPdfItem(pdf: { pageCount: number; data: string }) {
  const fx = fixtureSession();
  fx.docs.set('c', { blocks: [], footnotes: [], images: {}, warnings: [], pdf });
  const fonts = await loadFontSet(fx.session.layout);
  return compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fonts);
}

describe.skipIf(!hasPoppler)('PDF submissions', () => {
  let file: string;
  let res: Awaited<ReturnType<typeof compileDossierPdf>>;
  beforeAll(async () => {
    res = await compileWithPdfItem({ pageCount: 2, data: await submittedPdf(2) });
    file = path.join(tmp, 'with-pdf.pdf');
    writeFileSync(file, res.pdf);
  });

  it('reserves the submitted pages, draws them on, and keeps their page numbers', () => {
    const c = res.items[2];
    expect(c.pageCount).toBe(2);
    expect(c.startPhysical + 1).toBe(res.pageCount);
    const words = bboxWords(file, c.startPhysical, c.startPhysical + 1);
    for (let k = 0; k < 2; k++) {
      const pg = c.startPhysical + k;
      const text = pageText(file, pg);
      expect(text).toContain(`SUBMITTED PAGE ${k + 1}`);
      const n = c.startPage + k;
      const num = words.get(pg)!.filter((w) => w.yMin > (37 + 225) * (72 / 25.4));
      expect(num.map((w) => w.text).join(' ')).toBe(`— ${n} —`);
    }
    expect(res.toc.find((e) => e.submissionId === 'c')!.page).toBe(c.startPage);
  });

  it('shows an unreadable PDF as a notice in its item and warns, without failing the dossier', async () => {
    const r = await compileWithPdfItem({ pageCount: 3, data: btoa('%PDF-1.4 this is not a pdf') });
    expect(r.warnings.map((w) => [w.submissionId, w.code])).toEqual([['c', 'compile.pdf-unreadable']]);
    const c = r.items[2];
    expect(c.pageCount).toBe(1);
    const f = path.join(tmp, 'bad-pdf.pdf');
    writeFileSync(f, r.pdf);
    expect(pageText(f, c.startPhysical).replace(/\s+/g, '')).toContain('PDF文件无法读取');
  });

  it('keeps the outline and page labels after pdf-lib rewrote the file', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(res.pdf), isEvalSupported: false }).promise;
    expect(doc.numPages).toBe(res.pageCount);
    const outline = await doc.getOutline();
    expect(outline.flatMap((o) => o.items).length).toBe(3);
    const labels = await doc.getPageLabels();
    expect(labels![res.frontPageCount]).toBe('1');
    await doc.destroy();
  });
});

describe('fonts', () => {
  it('uses a font file chosen for a role, backed by the built-ins', async () => {
    const fx = fixtureSession({
      layout: { fonts: { fang: { file: path.join(fontsDir(), 'LXGWWenKai-Regular.ttf'), label: '楷体作正文' } } },
    });
    const fonts = await loadFontSet(fx.session.layout);
    expect(fonts.roles.fang.label).toBe('楷体作正文');
    expect(fonts.roles.fang).toBe(fonts.roles.kai);
    const res = await compileDossierPdf(buildDossier(fx.session, fx.docs).dossier, fonts);
    expect(res.missingGlyphs).toEqual([]);
    const seg = res.layout.pages[res.items[0].startPhysical].ops
      .flatMap((o) => (o.op === 'text' ? o.segs : []))
      .find((s) => s.size === 16)!;
    expect(seg.face).toBe(fonts.roles.kai.key);
  });

  it('reports a missing font file as an error value naming the file', async () => {
    const fx = fixtureSession({ layout: { fonts: { fang: { file: path.join(tmp, 'no-such-font.ttf') } } } });
    const r = await compileDocs(fx.session, fx.docs, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('font.not-found');
      expect(r.error.message).toContain('no-such-font.ttf');
    }
  });

  it('finds installed CJK fonts with their names', async () => {
    const found = await findInstalledFonts({ dirs: [fontsDir()] });
    const names = found.map((f) => f.postscriptName);
    expect(names).toContain('FandolFang-Regular');
    expect(names).toContain('LXGWWenKai-Regular');
    for (const f of found) expect(f.cjk).toBe(true);
  });
});

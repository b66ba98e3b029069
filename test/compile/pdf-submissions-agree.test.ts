// One compile for both writers: a session with a damaged, an encrypted and a valid PDF submission
// gives the same pages for them in the PDF and in the DOCX (the pre-layout step that turns an
// unreadable PDF into a notice runs before both writers, issue 12).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../core/bytes/base64';
import { compileDossier, type CompileResult } from '../../core/compile/index';
import { buildDossier } from '../../core/model/dossier';
import { loadFontSet } from '../../core/node/fonts';
import { fixtureSession } from './fixture';
import { paragraphTexts, readDocx } from '../render-docx/read-docx';

const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).error === undefined;
const tmp = mkdtempSync(path.join(tmpdir(), 'hb-agree-'));

async function submittedPdf(pages: number): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  for (let k = 0; k < pages; k++)
    d.addPage([595, 842]).drawText(`SUBMITTED PAGE ${k + 1}`, { x: 72, y: 700, size: 24, font });
  return d.save();
}

function encrypted(bytes: Uint8Array): Uint8Array {
  const src = path.join(tmp, 'plain.pdf');
  const out = path.join(tmp, 'locked.pdf');
  writeFileSync(src, bytes);
  execFileSync('qpdf', ['--encrypt', 'open-sesame', 'owner-pw', '256', '--', src, out]);
  return new Uint8Array(readFileSync(out));
}

const pdfDoc = (pageCount: number, bytes: Uint8Array) => ({
  blocks: [],
  footnotes: [],
  images: {},
  warnings: [],
  pdf: { pageCount, data: toBase64(bytes) },
});

describe.skipIf(!hasQpdf)('PDF submissions in the PDF and the DOCX', () => {
  let res: CompileResult;
  let texts: string[];
  const titles = new Map<string, string>();
  beforeAll(async () => {
    const fx = fixtureSession();
    for (const s of fx.session.submissions) titles.set(s.id, s.title);
    // a: valid (2 pages); b: damaged (the reader once counted 3 pages); c: encrypted (2 pages).
    fx.docs.set('a', pdfDoc(2, await submittedPdf(2)));
    fx.docs.set('b', pdfDoc(3, new TextEncoder().encode('%PDF-1.4 damaged in transit')));
    fx.docs.set('c', pdfDoc(2, encrypted(await submittedPdf(2))));
    const fonts = await loadFontSet(fx.session.layout);
    res = await compileDossier(buildDossier(fx.session, fx.docs).dossier, fonts, { formats: ['pdf', 'docx'] });
    texts = paragraphTexts(readDocx(res.docx!).xml('word/document.xml'));
  }, 60_000);

  it('writes both outputs and warns once for each unreadable PDF', () => {
    expect(res.pdf?.length).toBeGreaterThan(1000);
    expect(res.docx?.length).toBeGreaterThan(1000);
    expect(res.docxError).toBeUndefined();
    expect(res.warnings.map((w) => [w.submissionId, w.code])).toEqual([
      ['b', 'compile.pdf-unreadable'],
      ['c', 'compile.pdf-unreadable'],
    ]);
  });

  it('gives each item the same number of pages in both', () => {
    const pdfPages = new Map(res.items.map((i) => [i.submissionId, i.pageCount]));
    expect(Object.fromEntries(pdfPages)).toEqual({ a: 2, b: 1, c: 1 });
    for (const id of ['a', 'b', 'c']) {
      const title = titles.get(id)!;
      // The DOCX has one marked page per submitted page; an unreadable PDF is one notice page.
      const placeholders = texts.filter((t) => t.startsWith(`［${title}：PDF 原件第`)).length;
      const notice = texts.filter((t) => t.includes('PDF 文件无法读取')).length;
      const docxPages = placeholders || (id === 'a' ? 0 : 1);
      expect(docxPages, id).toBe(pdfPages.get(id));
      if (id === 'a') expect(placeholders).toBe(2);
      else expect(placeholders, id).toBe(0);
      expect(notice).toBe(2);
    }
  });

  it('prints the notice in the PDF too', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(res.pdf!), isEvalSupported: false }).promise;
    const pageText = async (n: number) =>
      ((await (await doc.getPage(n)).getTextContent()).items as { str: string }[])
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, '');
    for (const id of ['b', 'c']) {
      const it = res.items.find((i) => i.submissionId === id)!;
      expect(await pageText(it.startPhysical), id).toContain('PDF文件无法读取');
    }
    const a = res.items.find((i) => i.submissionId === 'a')!;
    expect(await pageText(a.startPhysical + 1)).toContain('SUBMITTEDPAGE2');
    await doc.destroy();
  });
});

describe('a PDF submission with a blank page (no content stream)', () => {
  it('compiles, the blank page stays blank in its numbered place', async () => {
    const fx = fixtureSession();
    const d = await PDFDocument.create();
    const font = await d.embedFont(StandardFonts.Helvetica);
    d.addPage([595, 842]); // a scanner's blank page: no /Contents at all
    d.addPage([595, 842]).drawText('SECOND PAGE', { x: 72, y: 700, size: 24, font });
    fx.docs.set('a', pdfDoc(2, await d.save()));
    const fonts = await loadFontSet(fx.session.layout);
    const r = await compileDossier(buildDossier(fx.session, fx.docs).dossier, fonts, { formats: ['pdf'] });
    expect(r.pdf!.length).toBeGreaterThan(1000);
    expect(r.warnings.filter((w) => w.submissionId === 'a')).toEqual([]);
  }, 60_000);
});

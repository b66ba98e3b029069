// PDF submissions: page count before layout, the text layer kept only when usable (missing,
// garbled or doubled layers flagged), encrypted and broken PDFs refused with clear errors.
// Fixtures are drawn here with pdfkit (Chinese text, encryption) and pdf-lib (no text layer).
import { beforeAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { PDFDocument as LibDoc, rgb } from 'pdf-lib';
import { readPdf, textLayerProblem } from '../../core/read/pdf';
import { readSource } from '../../core/read/registry';
import { fromBase64 } from '../../core/bytes/base64';
import { buildDocx, para } from '../../scripts/make-fixtures';

const FONT = new URL('../../resources/fonts/NotoSansSC-Regular.ttf', import.meta.url).pathname;
const LINE = '政协委员围绕齐文化传承与创新建言献策，提出了许多有价值的意见和建议。';

function pdfkit(draw: (d: PDFKit.PDFDocument) => void, opts: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const d = new PDFDocument({ size: 'A4', ...opts });
    const chunks: Buffer[] = [];
    d.on('data', (c: Buffer) => chunks.push(c));
    d.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    d.registerFont('zh', FONT);
    d.font('zh').fontSize(14);
    draw(d);
    d.end();
  });
}

let textPdf: Uint8Array;
let encrypted: Uint8Array;
let doubled: Uint8Array;
let scanned: Uint8Array;
let titled: Uint8Array;
let metaOnly: Uint8Array;

beforeAll(async () => {
  textPdf = await pdfkit((d) => {
    for (let p = 0; p < 3; p++) {
      if (p) d.addPage();
      for (let i = 0; i < 10; i++) d.text(LINE);
    }
  });
  encrypted = await pdfkit((d) => d.text(LINE), { userPassword: 'secret', ownerPassword: 'owner' });
  doubled = await pdfkit((d) => {
    let x = 72;
    for (const ch of LINE.repeat(2)) {
      d.text(ch, x, 100, { lineBreak: false });
      d.text(ch, x + 0.3, 100.3, { lineBreak: false });
      x += 14;
      if (x > 500) x = 72;
    }
  });
  titled = await pdfkit((d) => {
    d.fontSize(22).text('关于推进齐文化传承发展的建议', { align: 'center' });
    d.fontSize(16).text('市政协常委 韩喜', { align: 'center' });
    d.fontSize(14);
    for (let i = 0; i < 8; i++) d.text(LINE);
  });
  metaOnly = await pdfkit(
    (d) => {
      for (let i = 0; i < 8; i++) d.text(LINE);
    },
    { info: { Title: '齐文化调研报告' } },
  );
  const lib = await LibDoc.create();
  for (let i = 0; i < 2; i++)
    lib.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) });
  scanned = await lib.save();
});

describe('PDF reader', () => {
  it('counts pages, keeps the bytes, extracts a usable Chinese text layer', async () => {
    const r = await readPdf(textPdf, '报告.pdf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pdf?.pageCount).toBe(3);
    expect(fromBase64(r.value.pdf!.data)).toEqual(textPdf);
    expect(r.value.pdf?.text?.replace(/\s+/g, '')).toContain(LINE);
    expect(r.value.warnings).toEqual([]);
  });

  it('suggests the title and author from the first lines, else a Chinese metadata title', async () => {
    const r = await readPdf(titled, '发言.pdf');
    expect(r.ok && [r.value.title, r.value.authorLine]).toEqual(['关于推进齐文化传承发展的建议', '市政协常委 韩喜']);
    const m = await readPdf(metaOnly, '报告.pdf');
    expect(m.ok && [m.value.title, m.value.authorLine]).toEqual(['齐文化调研报告', undefined]);
    const none = await readPdf(textPdf, '无题.pdf');
    expect(none.ok && none.value.title).toBeUndefined();
  });

  it('flags a missing text layer (a scan) without failing the import', async () => {
    const r = await readPdf(scanned, '扫描件.pdf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pdf?.pageCount).toBe(2);
    expect(r.value.pdf?.text).toBeUndefined();
    expect(r.value.warnings.map((w) => w.code)).toEqual(['pdf.text-unusable']);
    expect(r.value.warnings[0].message).toContain('扫描件.pdf');
  });

  it('flags a doubled text layer', async () => {
    const r = await readPdf(doubled, '重影.pdf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pdf?.text).toBeUndefined();
    expect(r.value.warnings[0]?.message).toContain('重复');
  });

  it('textLayerProblem: garbled and doubled text are named, good text passes', () => {
    expect(textLayerProblem(LINE.repeat(5), 1)).toBeUndefined();
    expect(textLayerProblem('\u0001\u0002\u0003\u0004'.repeat(40), 1)).toMatch(/乱码/);
    expect(textLayerProblem([...LINE.repeat(2)].map((c) => c + c).join(''), 1)).toMatch(/重复/);
    expect(textLayerProblem('', 3)).toMatch(/没有可用的文字层/);
  });

  it('encrypted PDF → import.pdf.encrypted; broken PDF → import.pdf.broken; a .docx renamed .pdf → clear error', async () => {
    const e = await readSource(encrypted, { format: 'pdf', fileName: '加密.pdf' });
    expect(e.ok ? '' : e.error.code).toBe('import.pdf.encrypted');
    expect(e.ok ? '' : e.error.message).toContain('加密.pdf');
    const broken = new TextEncoder().encode('%PDF-1.4\n garbage without objects');
    const b = await readSource(broken, { format: 'pdf', fileName: '损坏.pdf' });
    expect(b.ok ? '' : b.error.code).toBe('import.pdf.broken');
    const zip = buildDocx({ body: para('正文') });
    const w = await readSource(zip, { format: 'pdf', fileName: '其实是Word.pdf' });
    expect(w.ok ? '' : w.error.code).toBe('import.wrong-extension');
  });
});

// The PDF renderer: draws a LaidOutDossier with pdfkit, page by page (streamed, no bufferPages:
// every number is already known), then — only when the dossier has PDF submissions — draws the
// submitted pages onto their reserved placeholder pages with pdf-lib. Pure (bytes in, bytes out).
// It must never re-measure or re-break text: what the layout decided is what gets drawn.
import PDFDocument from 'pdfkit';
import type { FontSet } from '../../fonts/font-set';
import type { LaidOutDossier, LaidPage, OutlineNode } from '../../layout/types';
import { AppException } from '../../result';
import { placeSubmittedPdfPages } from './pdf-pages';
import { drawLine, type PdfDoc } from './text-writer';
import { precompressFontStreams } from './font-stream-cache';

export interface RenderOptions {
  onPage?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

type Doc = PDFKit.PDFDocument & {
  _fragment?: (text: string, x: number, y: number, o: Record<string, unknown>) => void;
  _root: { data: Record<string, unknown> };
};

const cancelled = () => new AppException({ code: 'compile.cancelled', message: '已取消编译' });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function drawText(
  doc: Doc,
  face: string,
  size: number,
  text: string,
  x: number,
  baseline: number,
  cs: number,
  bold: boolean,
): void {
  doc.font(face).fontSize(size);
  const o: Record<string, unknown> = {
    baseline: 'alphabetic',
    characterSpacing: cs,
    textWidth: 0,
    wordCount: 1,
    fill: true,
  };
  if (bold) {
    doc.lineWidth(size * 0.03).strokeColor('black');
    o.stroke = true;
  }
  if (doc._fragment) doc._fragment(text, x, baseline, o);
  else doc.text(text, x, baseline, { ...o, lineBreak: false } as PDFKit.Mixins.TextOptions);
}

function drawPage(doc: Doc, page: LaidPage, laid: LaidOutDossier, fonts: FontSet): void {
  for (const o of page.ops) {
    switch (o.op) {
      case 'text':
        drawLine(doc as unknown as PdfDoc, fonts, o.segs, o.y);
        break;
      case 'rule':
        doc.save().lineWidth(o.width).strokeColor('black').moveTo(o.x1, o.y1).lineTo(o.x2, o.y2).stroke().restore();
        break;
      case 'leader': {
        // Dots as one dashed stroke with round caps (zero-length dashes): one path, not hundreds.
        const step = o.size * 0.5;
        const r = Math.max(0.5, o.size * 0.045);
        const x1 = o.x1 + ((o.x2 - o.x1) % step) / 2;
        if (o.x2 - x1 < 0.5) break;
        doc.addContent(
          `q 0 g 0 G 1 J ${(2 * r).toFixed(3)} w [0 ${step.toFixed(3)}] 0 d ${x1.toFixed(3)} ${o.y.toFixed(3)} m ${(o.x2 + 0.01).toFixed(3)} ${o.y.toFixed(3)} l S Q`,
        );
        break;
      }
      case 'image':
        try {
          doc.image(`data:${o.resource.mime};base64,${o.resource.data}`, o.x, o.y, { width: o.w, height: o.h });
        } catch {
          // A corrupt picture must not sink the dossier: a crossed frame marks where it belongs.
          doc
            .save()
            .lineWidth(0.5)
            .strokeColor('#888888')
            .rect(o.x, o.y, o.w, o.h)
            .moveTo(o.x, o.y)
            .lineTo(o.x + o.w, o.y + o.h)
            .moveTo(o.x + o.w, o.y)
            .lineTo(o.x, o.y + o.h)
            .stroke()
            .restore();
        }
        break;
      case 'link':
        doc.goTo(o.x, o.y, o.w, o.h, o.dest);
        break;
      case 'dest':
        doc.addNamedDestination(o.name, 'XYZ', null, o.y, null);
        break;
      case 'watermark': {
        const face = fonts.faces.find((f) => f.key === o.face)!;
        let w = 0;
        for (const ch of o.text) w += fonts.advance(face, ch.codePointAt(0)!) * o.size;
        const cx = laid.pageWidth / 2;
        const cy = laid.pageHeight / 2;
        doc
          .save()
          .rotate(-35, { origin: [cx, cy] })
          .fillColor('#999999')
          .fillOpacity(0.25);
        drawText(doc, o.face, o.size, o.text, cx - w / 2, cy + o.size * 0.35, 0, false);
        doc.restore();
        break;
      }
    }
  }
}

/** Renders the laid-out dossier to PDF bytes. */
export async function renderPdf(laid: LaidOutDossier, fonts: FontSet, opts: RenderOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [laid.pageWidth, laid.pageHeight],
    margin: 0,
    compress: true,
    lang: 'zh-CN',
    // No default Helvetica: nothing here uses standard fonts, and it saves reading AFM files (asar).
    font: null,
    displayTitle: true,
    info: {
      Title: laid.meta.title,
      Author: laid.meta.author,
      Subject: laid.meta.subject,
      Creator: '汇编 Huibian',
      CreationDate: new Date(),
    },
  } as unknown as PDFKit.PDFDocumentOptions) as Doc;
  // pdfkit emits many tiny chunks ("endobj", "\n"…): append them to one growing buffer rather
  // than keeping hundreds of thousands of small arrays alive (matters at thousands of pages).
  let buf = new Uint8Array(1 << 20);
  let len = 0;
  const append = (c: Uint8Array) => {
    if (len + c.length > buf.length) {
      let cap = buf.length * 2;
      while (cap < len + c.length) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(buf.subarray(0, len));
      buf = next;
    }
    buf.set(c, len);
    len += c.length;
  };
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('data', append);
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const f of fonts.faces) if (laid.facesUsed.includes(f.key)) doc.registerFont(f.key, f.font as unknown as string);

  // Outline actions per page: a section node when its first item starts, then the item nodes.
  const byPage = new Map<number, { node: OutlineNode; parent: OutlineNode | null }[]>();
  for (const sec of laid.outline) {
    (byPage.get(sec.page) ?? byPage.set(sec.page, []).get(sec.page)!).push({ node: sec, parent: null });
    for (const ch of sec.children)
      (byPage.get(ch.page) ?? byPage.set(ch.page, []).get(ch.page)!).push({ node: ch, parent: sec });
  }
  const pdfOutline = new Map<OutlineNode, PDFKit.PDFOutline>();

  const total = laid.pages.length;
  for (let i = 0; i < total; i++) {
    if (opts.signal?.aborted) {
      doc.end();
      throw cancelled();
    }
    doc.addPage({ size: [laid.pageWidth, laid.pageHeight], margin: 0 });
    drawPage(doc, laid.pages[i], laid, fonts);
    for (const { node, parent } of byPage.get(i) ?? []) {
      const host = parent ? pdfOutline.get(parent) : doc.outline;
      if (host) pdfOutline.set(node, host.addItem(node.title, { expanded: true }));
    }
    opts.onPage?.(i + 1, total);
    if (i % 25 === 24) await tick();
  }
  const nums: unknown[] = [];
  for (const l of laid.pageLabels)
    nums.push(l.index, l.style === 'D' ? { S: 'D', St: l.start } : { S: 'r', St: l.start });
  const labels = doc.ref({ Nums: nums });
  (labels as unknown as { end(): void }).end();
  doc._root.data.PageLabels = labels;
  await precompressFontStreams(doc);
  doc.end();
  await finished;
  let out: Uint8Array = buf.slice(0, len);
  if (Object.keys(laid.pdfSources).length) out = await placeSubmittedPdfPages(out, laid);
  return out;
}

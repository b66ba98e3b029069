// Draws submitted PDF pages onto the numbered placeholder pages the layout reserved (pdf-lib
// embedPdf + drawPage, scaled to fit above the page number). Loaded only for dossiers that have
// PDF items. Pure. It must never insert or remove pages (that would break labels, outline and the
// numbers already drawn), and a broken submitted PDF is an error naming the item, not a crash.
import type { LaidOutDossier } from '../../layout/types';
import { mm } from '../../model/settings';
import { AppException } from '../../result';
import { fromBase64 } from '../../bytes/base64';
import { quietPdfLib } from '../../bytes/pdf-quiet';

export async function placeSubmittedPdfPages(pdf: Uint8Array, laid: LaidOutDossier): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.load(pdf, { updateMetadata: false });
  const s = laid.settings;
  // Keep the page-number line clear: the submitted page fits above it.
  const reserveBottom = laid.pageHeight - (mm(s.marginTop) + mm(s.blockHeight) + mm(s.pageNumberOffset) - 4);
  const availH = laid.pageHeight - reserveBottom - mm(8);
  const availW = laid.pageWidth - mm(16);
  const sources = new Map<string, Awaited<ReturnType<typeof PDFDocument.load>>>();
  const items = new Map(laid.items.map((i) => [i.submissionId, i]));
  for (let i = 0; i < laid.pages.length; i++) {
    const p = laid.pages[i];
    if (p.kind !== 'pdf' || !p.pdf) continue;
    const { submissionId, pageIndex } = p.pdf;
    try {
      let src = sources.get(submissionId);
      if (!src) {
        src = await quietPdfLib(() =>
          PDFDocument.load(fromBase64(laid.pdfSources[submissionId]), { updateMetadata: false }),
        );
        sources.set(submissionId, src);
      }
      if (pageIndex >= src.getPageCount()) continue;
      // A blank page without a content stream (scanners and Word leave them) stays a blank page:
      // pdf-lib cannot embed it, and there is nothing on it to draw.
      if (!src.getPage(pageIndex).node.Contents()) continue;
      const [emb] = await out.embedPdf(src, [pageIndex]);
      const scale = Math.min(availW / emb.width, availH / emb.height, 1);
      const w = emb.width * scale;
      const h = emb.height * scale;
      const page = out.getPage(i);
      page.drawPage(emb, {
        x: (laid.pageWidth - w) / 2,
        y: reserveBottom + (availH - h) / 2 + mm(4),
        width: w,
        height: h,
      });
    } catch (e) {
      const title = items.get(submissionId)?.title ?? submissionId;
      throw new AppException({
        code: 'compile.pdf-source',
        message: `PDF 材料“${title}”第 ${pageIndex + 1} 页无法放入汇编：${e instanceof Error ? e.message : e}`,
      });
    }
  }
  return out.save();
}

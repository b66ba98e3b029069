// Checks PDF submissions before layout: each must load (pdf-lib) and its real page count is what
// the layout reserves. A PDF that cannot be read becomes a visible notice in its item instead of
// failing the whole dossier, and is reported as a warning. Pure; loads pdf-lib only when the
// dossier has PDF items. It must never silently drop an item.
import type { Dossier } from '../../model/dossier';
import { quietPdfLib } from '../../read/pdf-quiet';

export interface CompileWarning {
  submissionId: string;
  code: string;
  message: string;
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function preparePdfItems(dossier: Dossier): Promise<{ dossier: Dossier; warnings: CompileWarning[] }> {
  const warnings: CompileWarning[] = [];
  if (!dossier.sections.some((s) => s.items.some((i) => i.doc.pdf))) return { dossier, warnings };
  const { PDFDocument } = await import('pdf-lib');
  const sections = await Promise.all(
    dossier.sections.map(async (sec) => ({
      ...sec,
      items: await Promise.all(
        sec.items.map(async (item) => {
          const pdf = item.doc.pdf;
          if (!pdf) return item;
          try {
            const src = await quietPdfLib(() => PDFDocument.load(fromBase64(pdf.data), { updateMetadata: false }));
            const pageCount = src.getPageCount();
            if (pageCount < 1) throw new Error('没有页面');
            if (pageCount === pdf.pageCount) return item;
            return { ...item, doc: { ...item.doc, pdf: { ...pdf, pageCount } } };
          } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            warnings.push({ submissionId: item.submission.id, code: 'compile.pdf-unreadable', message: `PDF 材料“${item.submission.title}”无法读取（${why}），汇编中以说明文字代替` });
            const notice = `［PDF 文件无法读取，请检查原件：${item.submission.source.originalName ?? item.submission.source.file}］`;
            return { ...item, doc: { ...item.doc, pdf: undefined, blocks: [{ type: 'paragraph' as const, inlines: [{ type: 'text' as const, text: notice }], indent: false }] } };
          }
        }),
      ),
    })),
  );
  return { dossier: { ...dossier, sections }, warnings };
}

// Pre-layout steps: fix-ups of the dossier that must happen before layout, so that every writer
// (PDF, DOCX, print products) sees the same input. Today one step: PDF submissions are checked —
// each must load (pdf-lib) and its real page count is what the layout reserves; a PDF that cannot
// be read (damaged, encrypted) becomes a visible notice in its item, reported as a warning, instead
// of failing the dossier. Pure; loads pdf-lib only when the dossier has PDF items. A step must
// never silently drop an item.
import { fromBase64 } from '../bytes/base64';
import { quietPdfLib } from '../bytes/pdf-quiet';
import type { Dossier } from '../model/dossier';
import { noticeDoc, unreadableNotice } from '../model/notice-doc';

/** A problem that did not stop the compile; one shape for every producer (compile, print, service). */
export interface CompileWarning {
  code: string;
  message: string;
  /** The item it concerns, when it concerns one. */
  submissionId?: string;
}

export interface PreLayoutResult {
  dossier: Dossier;
  warnings: CompileWarning[];
}

/** One pre-layout step: a new dossier (never a mutated one) and what it had to change. */
export type PreLayoutStep = (dossier: Dossier) => Promise<PreLayoutResult>;

export const preparePdfItems: PreLayoutStep = async (dossier) => {
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
            warnings.push({
              submissionId: item.submission.id,
              code: 'compile.pdf-unreadable',
              message: `PDF 材料“${item.submission.title}”无法读取（${why}），汇编中以说明文字代替`,
            });
            const notice = unreadableNotice(
              item.submission.source.originalName ?? item.submission.source.file,
              'PDF 文件',
            );
            return { ...item, doc: noticeDoc(notice, item.doc) };
          }
        }),
      ),
    })),
  );
  return { dossier: { ...dossier, sections }, warnings };
};

/** Every pre-layout step, in order. A new fix-up is one function here, seen by every writer. */
export const PRE_LAYOUT_STEPS: readonly PreLayoutStep[] = [preparePdfItems];

export async function runPreLayout(
  dossier: Dossier,
  steps: readonly PreLayoutStep[] = PRE_LAYOUT_STEPS,
): Promise<PreLayoutResult> {
  const warnings: CompileWarning[] = [];
  let d = dossier;
  for (const step of steps) {
    const r = await step(d);
    d = r.dossier;
    warnings.push(...r.warnings);
  }
  return { dossier: d, warnings };
}

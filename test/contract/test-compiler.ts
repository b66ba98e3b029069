// A test double for the Compiler port (NOT the app's compiler): one pdf-lib page per placed item,
// with progress steps and cancellation, so the contract suite can check jobs, events and file
// serving without depending on the layout engine's speed.
import { PDFDocument } from 'pdf-lib';
import { ok, err } from '../../core/result';
import type { Compiler, OutputStore } from '../../core/service/ports';

export function testCompiler(outputs: OutputStore): Compiler {
  return {
    async compile(sessionId, session, docs, opts) {
      const pdf = await PDFDocument.create();
      const items: { submissionId: string; startPage: number; pageCount: number }[] = [];
      const ids = session.sections.flatMap((s) => s.items).filter((id) => docs.has(id));
      for (const [i, id] of ids.entries()) {
        if (opts.signal?.aborted) return err('compile.cancelled', '已取消');
        pdf.addPage([595, 842]);
        items.push({ submissionId: id, startPage: i + 1, pageCount: 1 });
        opts.onProgress?.({
          phase: 'layout',
          done: i + 1,
          total: ids.length,
          message: `正在排版第 ${i + 1}/${ids.length} 篇`,
        });
        await new Promise((r) => setTimeout(r, 5));
      }
      if (!ids.length) pdf.addPage([595, 842]);
      const w = await outputs.write(sessionId, 'dossier.pdf', await pdf.save());
      if (!w.ok) return w;
      return ok({ pdf: w.value, pageCount: pdf.getPageCount(), items, warnings: [] });
    },
  };
}

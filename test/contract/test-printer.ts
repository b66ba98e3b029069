// A test double for the PrintProducer port (NOT the app's print production): pdf-lib pages, one
// per placed item per copy, the real handout file names in a real zip, progress steps with a
// pause each and cancellation — so the contract suite checks the call, events, cancel and file
// serving quickly. The real port is exercised in test/service/print-real.test.ts.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { zipSync } from 'fflate';
import { err, ok } from '../../core/result';
import { PRINT_FILE_NAMES } from '../../core/print/file-names';
import { handoutFileNames, selectItems } from '../../core/print/handouts';
import type { OutputStore, PrintOutcome, PrintProducer } from '../../core/service/ports';

const NAMES = PRINT_FILE_NAMES;

async function pdfOf(pages: number, label: (i: number) => string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage([595, 842]).drawText(label(i), { x: 50, y: 780, size: 14, font });
  return pdf.save();
}

export function testPrinter(outputs: OutputStore, opts: { stepMs?: number } = {}): PrintProducer {
  // Abortable, so a cancelled export ends at once.
  const pause = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
    });
  return {
    async produce(sessionId, session, docs, req, o) {
      const t0 = Date.now();
      const ids = session.sections.flatMap((s) => s.items).filter((id) => docs.has(id));
      const step = async (m: string, ms = opts.stepMs ?? 5) => {
        o.onProgress?.(m);
        await pause(ms, o.signal);
        if (o.signal?.aborted) throw new Error('cancelled');
      };
      try {
        // A booklet takes its time here, so the suite can cancel one while it runs.
        await step('编译…', req.as === 'booklet' ? 3000 : undefined);
        const files: PrintOutcome['files'] = [];
        const write = async (name: string, bytes: Uint8Array, pages?: number) => {
          const w = await outputs.write(sessionId, name, bytes);
          if (!w.ok) throw new Error(w.error.message);
          files.push({ ...w.value, ...(pages !== undefined ? { pages } : {}) });
        };
        const copies = req.copies ?? req.recipients?.length ?? 1;
        let pages = ids.length;
        if (req.as === 'copies') {
          for (let c = 0; c < copies; c++) await step(`第 ${c + 1} 份`);
          const num = (c: number) => String((req.startNumber ?? 1) + c).padStart(req.digits ?? 6, '0');
          await write(
            NAMES.copies,
            await pdfOf(copies * ids.length, (i) => `No. ${num(Math.floor(i / ids.length))}`),
            copies * ids.length,
          );
          if (req.withRegister) await write('汇编-编号本-分发清退登记表.pdf', await pdfOf(1, () => 'register'), 1);
        } else if (req.as === 'handouts') {
          const sel = selectItems(session, req.selection ?? {});
          if (!sel.ok) return sel;
          const items = sel.value.filter((i) => docs.has(i.submission.id));
          if (!items.length) return err('print.handout.empty', '所选材料都没有可用的正文');
          if (req.batch) {
            const names = handoutFileNames(items);
            const entries: Record<string, Uint8Array> = {};
            for (const [k, it] of items.entries()) {
              await step(it.submission.title);
              entries[names[k]] = await pdfOf(1, () => it.submission.id);
            }
            await write('分发材料.zip', zipSync(entries));
            pages = 0;
          } else {
            pages = items.length;
            await write(NAMES.handouts, await pdfOf(pages, (i) => items[i].submission.id), pages);
          }
        } else if (req.as === 'register') {
          pages = 0;
          await write(NAMES.register, await pdfOf(1, () => 'register'), 1);
        } else {
          if (req.as === 'booklet') pages = Math.ceil(ids.length / 4) * 4;
          await write(
            NAMES[req.as],
            await pdfOf(Math.max(1, req.as === 'booklet' ? pages / 2 : pages), () => req.as),
            Math.max(1, req.as === 'booklet' ? pages / 2 : pages),
          );
        }
        return ok({ files, pages, ...(req.as === 'copies' ? { copies } : {}), warnings: [], ms: Date.now() - t0 });
      } catch (e) {
        return err(
          o.signal?.aborted ? 'export.cancelled' : 'export.failed',
          o.signal?.aborted ? '已取消输出' : String(e),
        );
      }
    },
  };
}

// Handlers for compiling and exporting: compile jobs (start, cancel, status), the PDF and DOCX
// exports, print products (booklets, numbered copies, handouts …) and the list of exportable items.
import { rosterNamesInOrder } from '../../order/roster-order';
import type { SourceDoc } from '../../model/document';
import { tocAuthor } from '../../model/dossier';
import { dossierOrder } from '../../print/dossier-order';
import { placeTarget, targetIsFolder } from '../../print/places';
import { err, ok, toAppError, type Result } from '../../result';
import type { CallContext, Handlers } from '../../contract/client';
import { ErrorCodes } from '../../contract/errors';
import type { OutputFile } from '../../contract/schemas';
import type { PrintRequest } from '../ports';
import type { ServiceDeps } from '../deps';

type CompileCalls = Extract<keyof Handlers, `compile.${string}` | `export.${string}`>;

export function compileHandlers(deps: ServiceDeps): Pick<Handlers, CompileCalls> {
  const { ports, owner, jobs, prints, warmup, loadDocs, writeOut } = deps;

  async function exportCompiled(
    sessionId: string,
    kind: 'pdf' | 'docx',
    targetPath: string | undefined,
    ctx: CallContext,
  ): Promise<Result<OutputFile>> {
    warmup.stop();
    const cur = await owner.read(sessionId, (st) => ok({ session: st.session, revision: st.revision }));
    if (!cur.ok) return cur;
    let job = jobs.latestOf(sessionId);
    if (!(
      job &&
      job.revision === cur.value.revision &&
      (job.state === 'done' || job.state === 'running') &&
      (job.state === 'running' || job.result?.[kind])
    )) {
      const s = jobs.start(
        sessionId,
        cur.value.revision,
        cur.value.session,
        (p) => loadDocs(sessionId, cur.value.session, p),
        kind === 'pdf' ? ['pdf'] : ['pdf', 'docx'],
      );
      if (!s.ok) return s;
      job = s.value;
    }
    const finished = (await jobs.wait(job.jobId)) ?? job;
    if (finished.state !== 'done')
      return err(finished.error?.code ?? ErrorCodes.compileFailed, finished.error?.message ?? '生成汇编未完成');
    const file = finished.result?.[kind];
    if (!file) return err(ErrorCodes.compileFailed, `没有生成 ${kind.toUpperCase()} 文件`);
    return writeOut(file, sessionId, targetPath, ctx);
  }

  return {
    'compile.start': async (i) => {
      warmup.stop();
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      return jobs.start(
        i.sessionId,
        cur.value.revision,
        cur.value.session,
        (p) => loadDocs(i.sessionId, cur.value.session, p),
        i.formats,
      );
    },
    'compile.cancel': async (i) => jobs.cancel(i.jobId),
    'compile.status': async (i) => {
      if (i.jobId) {
        const j = jobs.get(i.jobId);
        return j ? ok(j) : err(ErrorCodes.notFound, `找不到编译任务：${i.jobId}`);
      }
      if (i.sessionId) return ok(jobs.latestOf(i.sessionId) ?? null);
      return err(ErrorCodes.badInput, '需要 jobId 或 sessionId');
    },
    'export.pdf': async (i, ctx) => exportCompiled(i.sessionId, 'pdf', i.targetPath, ctx),
    'export.docx': async (i, ctx) => exportCompiled(i.sessionId, 'docx', i.targetPath, ctx),
    'export.print': async (i, ctx) => {
      warmup.stop();
      const printer = ports.printer;
      if (!printer) return err('export.unavailable', '此版本无法生成印刷品（小册子、编号本、分发材料）');
      if (i.targetPath && (!ctx.allowPaths || !ports.local))
        return err('file.path-refused', '此方式不能写入本机路径，请通过下载保存');
      const exportId = i.exportId ?? ports.ids.next('exp');
      if (prints.has(exportId)) return err('export.busy', `输出任务 ${exportId} 正在进行中`);
      // Two runs of one product would write the same file: the second waits for the clerk.
      const same = prints.sameKind(i.sessionId, i.as);
      if (same)
        return err(
          'export.busy',
          same.stopping ? '刚取消的同类输出正在停止，请稍等几秒再试' : '同类输出正在进行中，请等它完成或取消后再试',
        );
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      const session = cur.value;
      if (i.targetPath && ports.local) {
        const t = await ports.local.prepare(i.targetPath, targetIsFolder(i, i.targetPath) ? 'folder' : 'file');
        if (!t.ok) return t;
      }
      const recipients = i.recipients === 'roster' ? rosterNamesInOrder(session) : i.recipients;
      if (i.recipients === 'roster' && !recipients?.length)
        return err('export.no-recipients', '名单中还没有委员，无法按名单编号分发');
      const req: PrintRequest = {
        as: i.as,
        ...(i.copies !== undefined ? { copies: i.copies } : {}),
        ...(i.startNumber !== undefined ? { startNumber: i.startNumber } : {}),
        ...(i.digits !== undefined ? { digits: i.digits } : {}),
        ...(recipients ? { recipients } : {}),
        ...(i.recipientMark ? { recipientMark: i.recipientMark } : {}),
        ...(i.perCopy !== undefined ? { perCopy: i.perCopy } : {}),
        ...(i.withRegister !== undefined ? { withRegister: i.withRegister } : {}),
        ...(i.selection
          ? {
              selection: {
                ...(i.selection.items ? { items: i.selection.items } : {}),
                ...(i.selection.sectionId ? { section: i.selection.sectionId } : {}),
                ...(i.selection.memberId ? { member: i.selection.memberId } : {}),
              },
            }
          : {}),
        ...(i.renumber !== undefined ? { renumber: i.renumber } : {}),
        ...(i.batch !== undefined ? { batch: i.batch } : {}),
        ...(i.zip !== undefined ? { zip: i.zip } : {}),
        ...(i.twoUp !== undefined ? { twoUp: i.twoUp } : {}),
        ...(i.sheet ? { sheet: i.sheet } : {}),
        ...(i.creepMm !== undefined ? { creepMm: i.creepMm } : {}),
        ...(i.sheetsPerSignature !== undefined ? { sheetsPerSignature: i.sheetsPerSignature } : {}),
        ...(i.sparePercent !== undefined ? { sparePercent: i.sparePercent } : {}),
        ...(i.printMode ? { printMode: i.printMode } : {}),
        ...(i.marks ? { marks: i.marks } : {}),
        ...(i.layout ? { layout: i.layout } : {}),
        ...(i.targetPath ? { outName: i.targetPath } : {}),
      };
      const run = prints.start(exportId, i.sessionId, i.as);
      try {
        run.say('正在读取材料…');
        const loaded =
          i.as === 'register'
            ? { docs: new Map<string, SourceDoc>(), warnings: [] }
            : await loadDocs(i.sessionId, session);
        const cancelled = () => {
          prints.finish(exportId, 'failed', '已取消输出');
          return err('export.cancelled', '已取消输出');
        };
        if (run.signal.aborted) return cancelled();
        const r = await printer.produce(i.sessionId, session, loaded.docs, req, {
          onProgress: run.say,
          signal: run.signal,
        });
        if (run.signal.aborted) return cancelled();
        if (!r.ok) {
          prints.finish(exportId, 'failed', r.error.message);
          return r;
        }
        let files = r.value.files;
        if (i.targetPath) {
          const copied: typeof files = [];
          for (const f of files) {
            const target = placeTarget(i.targetPath, f.place ?? 'out', f.name, i);
            const w = await writeOut(f, i.sessionId, target, ctx);
            if (!w.ok) {
              prints.finish(exportId, 'failed', w.error.message);
              return w;
            }
            copied.push({ ...f, path: target });
          }
          files = copied;
        }
        prints.finish(exportId, 'done', `已生成 ${files.length} 个文件`);
        const { pages, copies, printSheet, ms } = r.value;
        return ok({
          exportId,
          files,
          report: {
            as: i.as,
            pages,
            ...(copies !== undefined ? { copies } : {}),
            ...(printSheet ? { printSheet } : {}),
            warnings: [...loaded.warnings.map((w) => w.message), ...r.value.warnings],
            ms,
          },
        });
      } catch (e) {
        const error = toAppError(e, 'export.failed', '输出失败');
        prints.finish(exportId, 'failed', error.message);
        return { ok: false, error };
      }
    },
    'export.cancel': async (i) => {
      if (!i.exportId && !i.sessionId) return err(ErrorCodes.badInput, '需要 exportId 或 sessionId');
      return ok({ cancelled: prints.cancel(i) });
    },
    'export.items': async (i) =>
      owner.read(i.sessionId, (st) =>
        ok(
          dossierOrder(st.session).map((it) => ({
            id: it.submission.id,
            title: it.submission.title,
            author: tocAuthor(it.submission),
            sectionId: st.session.sections[it.sectionIndex].id,
            section: it.sectionTitle,
            order: it.order,
            memberIds: it.submission.memberIds,
          })),
        ),
      ),
  };
}

// Handlers for the statistics page and the undo/redo history.
import { err, ok, toAppError } from '../../result';
import type { Handlers } from '../../contract/client';
import { computeStats } from '../stats';
import { statsSheets } from '../stats-sheet';
import type { ServiceDeps } from '../deps';
import { sessionFileName } from '../../print/file-names';

type StatsCalls = Extract<keyof Handlers, `stats.${string}` | `history.${string}`>;

export function statsHandlers(deps: ServiceDeps): Pick<Handlers, StatsCalls> {
  const { ports, owner, jobs, wordsOf, rosterFiles, now, writeOut } = deps;

  return {
    'stats.get': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const words = new Map<string, number>();
      for (const sub of cur.value.session.submissions) words.set(sub.id, await wordsOf(i.sessionId, sub));
      return ok(
        computeStats(cur.value.session, (id) => words.get(id) ?? 0, jobs.lastDoneOf(i.sessionId), cur.value.revision),
      );
    },
    'stats.export': async (i, ctx) => {
      if (!rosterFiles.exportTablesXlsx) return err('stats.export-unavailable', '此版本无法导出 Excel 统计表');
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const words = new Map<string, number>();
      for (const sub of cur.value.session.submissions) words.set(sub.id, await wordsOf(i.sessionId, sub));
      const stats = computeStats(
        cur.value.session,
        (id) => words.get(id) ?? 0,
        jobs.lastDoneOf(i.sessionId),
        cur.value.revision,
      );
      let bytes: Uint8Array;
      try {
        bytes = await rosterFiles.exportTablesXlsx(statsSheets(cur.value.session.name, stats, now()));
      } catch (e) {
        return { ok: false, error: toAppError(e, 'stats.export-failed', '导出统计表失败') };
      }
      const out = await ports.outputs.write(i.sessionId, sessionFileName(cur.value.session.name, '统计.xlsx'), bytes);
      if (!out.ok) return out;
      return writeOut(out.value, i.sessionId, i.targetPath, ctx);
    },
    'history.state': async (i) => owner.read(i.sessionId, (st) => ok(st.history.state())),
    'history.undo': async (i) => owner.step(i, 'undo'),
    'history.redo': async (i) => owner.step(i, 'redo'),
  };
}

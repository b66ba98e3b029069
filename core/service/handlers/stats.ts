// Handlers for the statistics page and the undo/redo history.
import { ok } from '../../result';
import type { Handlers } from '../../contract/client';
import { computeStats } from '../stats';
import type { ServiceDeps } from '../deps';

type StatsCalls = Extract<keyof Handlers, 'stats.get' | `history.${string}`>;

export function statsHandlers(deps: ServiceDeps): Pick<Handlers, StatsCalls> {
  const { owner, jobs, wordsOf } = deps;

  return {
    'stats.get': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const words = new Map<string, number>();
      for (const sub of cur.value.session.submissions) words.set(sub.id, await wordsOf(i.sessionId, sub));
      return ok(computeStats(cur.value.session, (id) => words.get(id) ?? 0, jobs.lastDoneOf(i.sessionId), cur.value.revision));
    },
    'history.state': async (i) => owner.read(i.sessionId, (st) => ok(st.history.state())),
    'history.undo': async (i) => owner.step(i, 'undo'),
    'history.redo': async (i) => owner.step(i, 'redo'),
  };
}

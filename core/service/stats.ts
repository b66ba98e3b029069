// Statistics for the overview: items and words per section, pages from the last finished compile
// of the same revision ("未生成" when there is none), expected vs received members. Pure over the
// session and cached word counts; it never shows pages of an older revision as current. A member is
// received when any of their submissions exists (as the intake board counts), placed or not.
import type { Session } from '../model/session';
import type { CompileJob, Stats } from '../contract/schemas';

export function computeStats(
  session: Session,
  words: (submissionId: string) => number,
  lastJob: CompileJob | undefined,
  revision: number,
): Stats {
  const pagesByItem = new Map<string, number>();
  const pagesOk = lastJob?.state === 'done' && lastJob.revision === revision && lastJob.result;
  if (pagesOk) for (const it of lastJob.result!.items) pagesByItem.set(it.submissionId, it.pageCount);
  const placed = new Set<string>();
  const sections = session.sections.map((sec) => {
    let w = 0;
    let p = 0;
    const ids = sec.items.filter((id) => session.submissions.some((s) => s.id === id));
    for (const id of ids) {
      placed.add(id);
      w += words(id);
      p += pagesByItem.get(id) ?? 0;
    }
    return { sectionId: sec.id, title: sec.title, items: ids.length, words: w, ...(pagesOk ? { pages: p } : {}) };
  });
  // Received as on the intake board: any submission counts, placed in a section or not yet.
  const received = new Set(session.submissions.flatMap((s) => s.memberIds));
  const receivedPlaced = new Set(session.submissions.filter((s) => placed.has(s.id)).flatMap((s) => s.memberIds));
  const expected = session.members.filter((m) => m.standing);
  return {
    sections,
    totals: {
      items: placed.size,
      unplaced: session.submissions.filter((s) => !placed.has(s.id)).length,
      words: sections.reduce((a, s) => a + s.words, 0),
      ...(pagesOk && lastJob!.result!.pageCount !== undefined ? { pages: lastJob!.result!.pageCount } : {}),
    },
    members: {
      expected: expected.length,
      received: expected.filter((m) => received.has(m.id)).length,
      missing: expected.filter((m) => !received.has(m.id)).map((m) => ({ memberId: m.id, name: m.name })),
      receivedUnplaced: expected
        .filter((m) => received.has(m.id) && !receivedPlaced.has(m.id))
        .map((m) => ({ memberId: m.id, name: m.name })),
    },
    unplacedItems: session.submissions
      .filter((s) => !placed.has(s.id))
      .map((s) => ({ submissionId: s.id, title: s.title, authorLine: s.authorLine })),
    ...(pagesOk ? { pagesFromRevision: lastJob!.revision } : {}),
    pagesStatus: pagesOk ? 'current' : lastJob?.state === 'done' ? 'stale' : 'none',
    ...(pagesOk ? {} : { pagesNote: lastJob?.state === 'done' ? '内容已修改，页数需重新生成' : '未生成' }),
  };
}

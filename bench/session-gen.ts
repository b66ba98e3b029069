// Builds the benchmark's large session in memory: the sample's items repeated (new ids, same
// documents) until the dossier reaches about the requested number of body pages.
import type { SourceDoc } from '../core/model/document';
import type { Session } from '../core/model/session';

export function repeatSession(
  session: Session,
  docs: Map<string, SourceDoc>,
  times: number,
): { session: Session; docs: Map<string, SourceDoc> } {
  const subs = new Map(session.submissions.map((s) => [s.id, s]));
  const outDocs = new Map<string, SourceDoc>();
  const submissions: Session['submissions'] = [];
  const sections = session.sections.map((sec) => {
    const items: string[] = [];
    for (let r = 0; r < times; r++) {
      for (const id of sec.items) {
        const s = subs.get(id);
        const d = docs.get(id);
        if (!s || !d) continue;
        const nid = `${id}-r${r}`;
        submissions.push({ ...s, id: nid, title: r ? `${s.title}（${r + 1}）` : s.title });
        outDocs.set(nid, d);
        items.push(nid);
      }
    }
    return { ...sec, items };
  });
  return { session: { ...session, sections, submissions }, docs: outDocs };
}

// Where newly imported items go: the section the clerk chose, else the section of the item's kind
// (a folder named like a section wins), inserted where that section's sort rule puts it (the same
// sorter as sections.sort); a section sorted by hand gets the new items at its end. An item whose
// kind has no section stays unplaced (未编排). Pure: session in, new session out.
import type { Session, Submission } from '../model/session';
import { sectionFor } from '../read/intake/kind';
import { ok, type Result } from '../result';
import type { Edited } from './edits';
import type { Sorter } from './ports';

export interface Placed {
  submissionId: string;
  sectionId?: string;
  sectionTitle?: string;
}

export function placeImported(
  s: Session,
  subs: { sub: Submission; folders: string[] }[],
  sorter: Sorter,
  chosenSectionId?: string,
): Result<Edited & { placed: Placed[] }> {
  const sections = s.sections.map((x) => ({ ...x, items: [...x.items] }));
  const chosen = chosenSectionId ? sections.find((x) => x.id === chosenSectionId) : undefined;
  const placed: Placed[] = [];
  const touched = new Set<string>();
  for (const { sub, folders } of subs) {
    const sec = chosen ?? sectionFor(sections, sub.kind, folders);
    if (sec) {
      sec.items.push(sub.id);
      touched.add(sec.id);
    }
    placed.push({ submissionId: sub.id, sectionId: sec?.id, sectionTitle: sec?.title });
  }
  let next: Session = { ...s, sections, submissions: [...s.submissions, ...subs.map((x) => x.sub)] };
  for (const id of touched) {
    const sec = next.sections.find((x) => x.id === id)!;
    if (sec.sortRule === 'manual') continue;
    const r = sorter.sort(next, id, sec.sortRule);
    // A rule this sorter cannot apply leaves the new items at the end (never fails the import).
    if (!r.ok || r.value.items.length !== sec.items.length) continue;
    next = { ...next, sections: next.sections.map((x) => (x.id === id ? { ...x, items: r.value.items } : x)) };
  }
  return ok({ session: next, created: subs.map((x) => x.sub.id), placed });
}

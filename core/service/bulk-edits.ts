// Pure bulk edits of submissions: (session, arguments) → a NEW session, like edits.ts. Several items
// moved, re-typed, trashed or restored in one step, so one undo takes the whole action back.
// Chinese messages name the item when an argument does not fit the session.
import type { Section, Session, Submission, TrashedSubmission } from '../model/session';
import { err, ok, type Result } from '../result';
import type { SubmissionBulkPatch } from '../contract/bulk-schemas';
import { withoutSubmissions, type Edited } from './edits';

const notFound = (what: string, id: string): Result<never> => err('not-found', `找不到${what}：${id}`);

/** The ids once each, in the order given; an unknown id is refused (nothing is changed). */
function known(s: Session, ids: readonly string[]): Result<string[]> {
  const have = new Set(s.submissions.map((x) => x.id));
  for (const id of ids) if (!have.has(id)) return notFound('材料', id);
  return ok([...new Set(ids)]);
}

export function updateMany(s: Session, ids: readonly string[], patch: SubmissionBulkPatch): Result<Edited> {
  const k = known(s, ids);
  if (!k.ok) return k;
  const pick = new Set(k.value);
  const { options, ...rest } = patch;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<Submission>;
  const opts = options ? Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) : undefined;
  const submissions = s.submissions.map((x) =>
    pick.has(x.id) ? { ...x, ...fields, options: opts ? { ...x.options, ...opts } : x.options } : x,
  );
  return ok({ session: { ...s, submissions } });
}

/**
 * Moves items (in the given order) into a section at `index` (clamped) or at its end; null takes
 * them out of every section. `reorder` may put the target back into its rule's order: it returns
 * the new item order, or undefined to keep the hand-made order (the section then becomes 'manual').
 */
export function moveMany(
  s: Session,
  ids: readonly string[],
  toSectionId: string | null,
  index: number | undefined,
  reorder?: (next: Session, section: Section) => string[] | undefined,
): Result<Edited> {
  const k = known(s, ids);
  if (!k.ok) return k;
  if (toSectionId && !s.sections.some((x) => x.id === toSectionId)) return notFound('栏目', toSectionId);
  const moving = new Set(k.value);
  let sections = s.sections.map((sec) =>
    sec.items.some((i) => moving.has(i)) ? { ...sec, items: sec.items.filter((i) => !moving.has(i)) } : sec,
  );
  if (toSectionId) {
    sections = sections.map((sec) => {
      if (sec.id !== toSectionId) return sec;
      const items = sec.items.slice();
      items.splice(Math.min(index ?? items.length, items.length), 0, ...k.value);
      return { ...sec, items };
    });
    const next = { ...s, sections };
    const target = sections.find((x) => x.id === toSectionId)!;
    const sorted = index === undefined && target.sortRule !== 'manual' ? reorder?.(next, target) : undefined;
    sections = sections.map((sec) =>
      sec.id !== toSectionId ? sec : sorted ? { ...sec, items: sorted } : { ...sec, sortRule: 'manual' as const },
    );
  }
  return ok({ session: { ...s, sections } });
}

/** Moves items to the trash with where they were (section and index), newest first. */
export function trashMany(s: Session, ids: readonly string[], deletedAt: string): Result<Edited> {
  const k = known(s, ids);
  if (!k.ok) return k;
  const gone = new Set(k.value);
  const entries: TrashedSubmission[] = [];
  for (const sub of s.submissions) {
    if (!gone.has(sub.id)) continue;
    const sec = s.sections.find((x) => x.items.includes(sub.id));
    entries.push({
      submission: sub,
      ...(sec ? { sectionId: sec.id, index: sec.items.indexOf(sub.id) } : {}),
      deletedAt,
    });
  }
  return ok({
    session: { ...withoutSubmissions(s, gone), trash: [...entries, ...(s.trash ?? [])] },
  });
}

/**
 * Puts trashed items back: into their section at their old place (lowest index first, so items
 * deleted together come back in their order), or unplaced when the section is gone.
 * `unplaced` lists the titles that could not go back into their section.
 */
export function restoreMany(s: Session, ids: readonly string[]): Result<Edited & { unplaced: string[] }> {
  const trash = s.trash ?? [];
  const want = [...new Set(ids)];
  for (const id of want) {
    if (!trash.some((t) => t.submission.id === id)) return notFound('回收站中的材料', id);
    if (s.submissions.some((x) => x.id === id))
      return err(
        'submissions.exists',
        `材料“${trash.find((t) => t.submission.id === id)!.submission.title}”已在会议中，无需恢复`,
      );
  }
  const back = trash.filter((t) => want.includes(t.submission.id)).sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const unplaced: string[] = [];
  let sections = s.sections;
  for (const t of back) {
    const sec = t.sectionId ? sections.find((x) => x.id === t.sectionId) : undefined;
    if (!sec) {
      if (t.sectionId) unplaced.push(t.submission.title);
      continue;
    }
    sections = sections.map((x) => {
      if (x.id !== sec.id) return x;
      const items = x.items.slice();
      items.splice(Math.min(t.index ?? items.length, items.length), 0, t.submission.id);
      return { ...x, items };
    });
  }
  return ok({
    session: {
      ...s,
      submissions: [...s.submissions, ...back.map((t) => t.submission)],
      sections,
      trash: trash.filter((t) => !want.includes(t.submission.id)),
    },
    unplaced,
  });
}

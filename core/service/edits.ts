// Pure session edits: (session, arguments) → a NEW session (structural sharing; the old one is
// never mutated, so undo can keep whole sessions cheaply). Each returns a Result with a Chinese
// message when the arguments don't fit the session (unknown id, not a permutation …).
import { SessionSchema, type Member, type Section, type Session, type Submission } from '../model/session';
import { LayoutSettingsSchema } from '../model/settings';
import { err, ok, type Result } from '../result';
import type { LayoutPatch, MemberPatch, SessionMetaPatch, SubmissionPatch } from './types';
import { layoutErrorMessage, newLayoutErrors } from '../model/settings-check';

export interface Edited {
  session: Session;
  created?: string[];
}

const notFound = (what: string, id: string): Result<never> => err('not-found', `找不到${what}：${id}`);

export function renameSession(s: Session, name: string): Result<Edited> {
  return ok({ session: { ...s, name } });
}

export function addMember(s: Session, id: string, member: Omit<Member, 'id'>): Result<Edited> {
  return ok({ session: { ...s, members: [...s.members, { ...member, id }] }, created: [id] });
}

export function updateMember(s: Session, id: string, patch: MemberPatch): Result<Edited> {
  const i = s.members.findIndex((m) => m.id === id);
  if (i < 0) return notFound('委员', id);
  const members = s.members.slice();
  members[i] = { ...members[i], ...stripUndefined(patch) };
  return ok({ session: { ...s, members } });
}

export function removeMembers(s: Session, ids: string[]): Result<Edited> {
  const gone = new Set(ids);
  for (const id of ids) if (!s.members.some((m) => m.id === id)) return notFound('委员', id);
  const submissions = s.submissions.map((sub) =>
    sub.memberIds.some((m) => gone.has(m)) ? { ...sub, memberIds: sub.memberIds.filter((m) => !gone.has(m)) } : sub,
  );
  return ok({ session: { ...s, members: s.members.filter((m) => !gone.has(m.id)), submissions } });
}

export function updateSubmission(s: Session, id: string, patch: SubmissionPatch): Result<Edited> {
  const i = s.submissions.findIndex((x) => x.id === id);
  if (i < 0) return notFound('材料', id);
  const cur = s.submissions[i];
  const { options, ...rest } = patch;
  const next: Submission = {
    ...cur,
    ...stripUndefined(rest),
    options: options ? { ...cur.options, ...stripUndefined(options) } : cur.options,
  };
  if ('tocAuthor' in patch && patch.tocAuthor === undefined) delete next.tocAuthor;
  const submissions = s.submissions.slice();
  submissions[i] = next;
  return ok({ session: { ...s, submissions } });
}

export function removeSubmissions(s: Session, ids: string[]): Result<Edited> {
  const gone = new Set(ids);
  for (const id of ids) if (!s.submissions.some((x) => x.id === id)) return notFound('材料', id);
  return ok({ session: withoutSubmissions(s, gone) });
}

/** The session without these submissions, in the submission list and in every section. */
export function withoutSubmissions(s: Session, gone: ReadonlySet<string>): Session {
  return {
    ...s,
    submissions: s.submissions.filter((x) => !gone.has(x.id)),
    sections: s.sections.map((sec) =>
      sec.items.some((i) => gone.has(i)) ? { ...sec, items: sec.items.filter((i) => !gone.has(i)) } : sec,
    ),
  };
}

/** Adds new submissions, appended to a section (or left unplaced). */
export function addSubmissions(s: Session, subs: Submission[], sectionId?: string): Result<Edited> {
  if (sectionId && !s.sections.some((x) => x.id === sectionId)) return notFound('栏目', sectionId);
  const ids = subs.map((x) => x.id);
  const sections = sectionId
    ? s.sections.map((sec) => (sec.id === sectionId ? { ...sec, items: [...sec.items, ...ids] } : sec))
    : s.sections;
  return ok({ session: { ...s, submissions: [...s.submissions, ...subs], sections }, created: ids });
}

export function replaceSubmission(s: Session, id: string, next: Submission): Result<Edited> {
  const i = s.submissions.findIndex((x) => x.id === id);
  if (i < 0) return notFound('材料', id);
  const submissions = s.submissions.slice();
  submissions[i] = next;
  return ok({ session: { ...s, submissions } });
}

export function createSection(s: Session, id: string, title: string, index?: number): Result<Edited> {
  const sec: Section = { id, title, items: [], sortRule: 'manual' };
  const sections = s.sections.slice();
  sections.splice(Math.min(index ?? sections.length, sections.length), 0, sec);
  return ok({ session: { ...s, sections }, created: [id] });
}

export function renameSection(s: Session, id: string, title: string): Result<Edited> {
  if (!s.sections.some((x) => x.id === id)) return notFound('栏目', id);
  return ok({ session: { ...s, sections: s.sections.map((x) => (x.id === id ? { ...x, title } : x)) } });
}

export function reorderSections(s: Session, ids: string[]): Result<Edited> {
  const cur = s.sections.map((x) => x.id);
  if (ids.length !== cur.length || new Set(ids).size !== ids.length || !ids.every((id) => cur.includes(id))) {
    return err('sections.bad-order', '栏目顺序无效：必须恰好包含现有的每个栏目一次，请刷新后重试');
  }
  const byId = new Map(s.sections.map((x) => [x.id, x]));
  return ok({ session: { ...s, sections: ids.map((id) => byId.get(id)!) } });
}

export function removeSection(s: Session, id: string, moveItemsTo?: string): Result<Edited> {
  const sec = s.sections.find((x) => x.id === id);
  if (!sec) return notFound('栏目', id);
  if (moveItemsTo === id) return err('sections.bad-target', '不能把栏目中的材料移到它自己');
  if (moveItemsTo && !s.sections.some((x) => x.id === moveItemsTo)) return notFound('栏目', moveItemsTo);
  const sections = s.sections
    .filter((x) => x.id !== id)
    .map((x) => (x.id === moveItemsTo ? { ...x, items: [...x.items, ...sec.items], sortRule: 'manual' as const } : x));
  return ok({ session: { ...s, sections } });
}

export function moveItem(s: Session, submissionId: string, toSectionId: string | null, index?: number): Result<Edited> {
  if (!s.submissions.some((x) => x.id === submissionId)) return notFound('材料', submissionId);
  if (toSectionId && !s.sections.some((x) => x.id === toSectionId)) return notFound('栏目', toSectionId);
  const sections = s.sections.map((sec) => {
    const had = sec.items.includes(submissionId);
    let items = had ? sec.items.filter((i) => i !== submissionId) : sec.items;
    if (sec.id === toSectionId) {
      items = items.slice();
      items.splice(Math.min(index ?? items.length, items.length), 0, submissionId);
      // A hand-made order is no longer the rule's order.
      return { ...sec, items, sortRule: 'manual' as const };
    }
    return had ? { ...sec, items } : sec;
  });
  return ok({ session: { ...s, sections } });
}

export function setSectionOrder(
  s: Session,
  sectionId: string,
  items: string[],
  rule: Section['sortRule'],
): Result<Edited> {
  const sec = s.sections.find((x) => x.id === sectionId);
  if (!sec) return notFound('栏目', sectionId);
  if (items.length !== sec.items.length || !items.every((i) => sec.items.includes(i))) {
    return err('order.bad-result', `排序结果与栏目“${sec.title}”的材料不一致`);
  }
  return ok({
    session: { ...s, sections: s.sections.map((x) => (x.id === sectionId ? { ...x, items, sortRule: rule } : x)) },
  });
}

export function updateSettings(s: Session, layout?: LayoutPatch, meta?: SessionMetaPatch): Result<Edited> {
  let next: Session = s;
  if (meta) {
    const { marks, ...rest } = meta;
    next = {
      ...next,
      ...stripUndefined(rest),
      marks: marks ? { ...next.marks, ...stripUndefined(marks) } : next.marks,
    };
  }
  if (layout) {
    const { fonts, ...rest } = layout;
    const merged = {
      ...next.layout,
      ...stripUndefined(rest),
      fonts: fonts ? { ...next.layout.fonts, ...stripUndefined(fonts) } : next.layout.fonts,
    };
    const parsed = LayoutSettingsSchema.safeParse(merged);
    if (!parsed.success)
      return err(
        'settings.invalid',
        `版式设置无效：${parsed.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('；')}`,
        { fields: parsed.error.issues.map((i) => ({ field: ['layout', ...i.path].join('.'), message: i.message })) },
      );
    const refused = newLayoutErrors(s.layout, parsed.data, Object.keys(stripUndefined(rest)));
    if (refused.length)
      return err('settings.invalid', layoutErrorMessage(refused), {
        fields: refused.map(({ field, message }) => ({ field, message })),
      });
    next = { ...next, layout: parsed.data };
  }
  const check = SessionSchema.safeParse(next);
  if (!check.success)
    return err(
      'settings.invalid',
      `设置无效：${check.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('；')}`,
    );
  return ok({ session: next });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

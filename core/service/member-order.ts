// The session's order of its members, as the service hands it to clients with every view: surname
// strokes (GF 3003) with the session's 单名 convention, ties in roster order — never the rows of a
// roster file. Clients (the intake board, 尚未提交, the recipients of numbered copies) show people
// in this order without shipping the stroke table themselves.
import type { Member, Session } from '../model/session';
import { sortMembers } from '../order/member-sort';

const cache = new WeakMap<readonly Member[], { givenNameBlank: boolean; ids: string[] }>();

/** Member ids in the session's order; computed once per roster (edits keep the members array). */
export function memberOrder(session: Pick<Session, 'members' | 'ordering'>): string[] {
  const givenNameBlank = session.ordering?.givenNameBlank ?? true;
  const hit = cache.get(session.members);
  if (hit && hit.givenNameBlank === givenNameBlank) return hit.ids;
  const ids = sortMembers(session.members, 'stroke', { name: { givenNameBlank } }).members.map((m) => m.id);
  cache.set(session.members, { givenNameBlank, ids });
  return ids;
}

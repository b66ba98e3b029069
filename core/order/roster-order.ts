// The roster as official lists print it: members in 姓氏笔画 order (GF 3003) with the session's
// single-given-name convention. Numbered copies, the 清退 register and handouts to "the roster"
// follow this order, not the order the roster file happened to have.
import type { Session } from '../model/session';
import { sortMembers } from './member-sort';

export function rosterNamesInOrder(session: Pick<Session, 'members' | 'ordering'>): string[] {
  const givenNameBlank = session.ordering?.givenNameBlank ?? true;
  return sortMembers(session.members, 'stroke', { name: { givenNameBlank } }).members.map((m) => m.name);
}

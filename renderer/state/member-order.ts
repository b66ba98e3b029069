// The order and the names clerks see for people on the intake board, the 尚未提交 list and the
// recipients of numbered copies / the 清退登记表: the session's order as the service sends it with
// every view (memberOrder: surname strokes with the session's 单名 convention, core/service/
// member-order.ts) — never the order rows had in a roster file. The renderer does not sort names
// itself (the stroke table stays out of the UI bundle).
// A name shared by two members carries its 界别 (王丽华（经济界）), so the two can be told apart.
import type { Member, Session } from '../../core/model/session';
import type { SessionView } from '../../core/contract';

/** Members in the session's order (as the service ordered them; members it did not list last, in roster order). */
export function membersInSessionOrder(view: {
  session: Pick<Session, 'members'>;
  memberOrder?: SessionView['memberOrder'];
}): Member[] {
  const members = view.session.members;
  if (!view.memberOrder) return [...members];
  const rank = new Map(view.memberOrder.map((id, i) => [id, i]));
  return members
    .map((m, i) => ({ m, i, r: rank.get(m.id) ?? view.memberOrder!.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.m);
}

/** A display name per member id: the name, plus （界别） — or （职务 / 单位 / 序号） — when the name is shared. */
export function memberLabels(members: readonly Member[]): Map<string, string> {
  const byName = new Map<string, Member[]>();
  for (const m of members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const out = new Map<string, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      out.set(group[0].id, name);
      continue;
    }
    // The first field that tells the namesakes apart: 界别, then 单位, then 职务; else a number.
    const field = (['sector', 'unit', 'title'] as const).find(
      (f) =>
        new Set(group.map((m) => (m[f] ?? '').trim())).size === group.length && group.every((m) => (m[f] ?? '').trim()),
    );
    group.forEach((m, i) => out.set(m.id, `${name}（${field ? m[field]!.trim() : `同名${i + 1}`}）`));
  }
  return out;
}

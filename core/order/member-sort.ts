// Ordering a roster (the members themselves, not submissions): for the roster page of a dossier, the
// roster export and the roster view. Same rules and tie-breaks as sections; never drops a member.
import type { Member } from '../model/session';
import { compareNameKeys, comparePinyinKeys, nameKey, pinyinKey, type KeyContext, type NameOptions } from './names';
import { DEFAULT_ORG_ORDER, DEFAULT_SECTOR_ORDER, orgMatcher, type OrgEntry } from './organisations';
import { DEFAULT_RANK_ORDER, memberRank, rankIndex } from './rank';

export type MemberSortRule = 'stroke' | 'pinyin' | 'sector' | 'party' | 'rank';

export interface MemberSortOptions {
  name?: NameOptions;
  orgOrder?: readonly OrgEntry[];
  sectorOrder?: readonly OrgEntry[];
  rankOrder?: readonly string[];
}

export function sortMembers(
  members: readonly Member[],
  rule: MemberSortRule,
  opts: MemberSortOptions = {},
): { members: Member[]; unknownChars: string[] } {
  const ctx: KeyContext = { unknown: new Set() };
  const nameOpts = opts.name ?? {};
  const group = (m: Member): number => {
    switch (rule) {
      case 'sector':
        return orgMatcher(opts.sectorOrder ?? DEFAULT_SECTOR_ORDER)(m.sector ?? '').rank;
      case 'party':
        return orgMatcher(opts.orgOrder ?? DEFAULT_ORG_ORDER)(m.party ?? '').rank;
      case 'rank': {
        const order = opts.rankOrder ?? DEFAULT_RANK_ORDER;
        return rankIndex(memberRank(m, order), order);
      }
      default:
        return 0;
    }
  };
  const keyed = members.map((m, i) => ({
    m,
    i,
    g: group(m),
    s: rule === 'pinyin' ? undefined : nameKey(m.name, nameOpts, ctx),
    p: rule === 'pinyin' ? pinyinKey(m.name, nameOpts, ctx) : undefined,
  }));
  keyed.sort(
    (a, b) => a.g - b.g || (a.p && b.p ? comparePinyinKeys(a.p, b.p) : compareNameKeys(a.s!, b.s!)) || a.i - b.i,
  );
  return { members: keyed.map((k) => k.m), unknownChars: [...ctx.unknown] };
}

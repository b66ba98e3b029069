// Rank of a member for rank-first lists (主席, 副主席, 秘书长, then 常委 and 委员). Reads the member's
// explicit rank, else the CPPCC post inside the 职务 text. It must not mistake other bodies' posts
// for CPPCC ones: 工商联主席 or 民盟主委 is not 政协主席.
import type { Member } from '../model/session';

export const DEFAULT_RANK_ORDER: readonly string[] = ['主席', '副主席', '秘书长', '常委', '委员'];

/** The rank name of a member (one of the rank list when recognisable). */
export function memberRank(
  m: Pick<Member, 'rank' | 'title' | 'standing'>,
  order: readonly string[] = DEFAULT_RANK_ORDER,
): string {
  const explicit = (m.rank ?? '').replace(/[\s\u3000]+/g, '');
  if (explicit) {
    if (order.includes(explicit)) return explicit;
    const fromExplicit = rankFromTitle(explicit);
    if (fromExplicit) return fromExplicit;
    return explicit;
  }
  return rankFromTitle(m.title ?? '') ?? (m.standing ? '常委' : '委员');
}

function rankFromTitle(title: string): string | undefined {
  const t = title.replace(/[\s\u3000]+/g, '');
  if (/政协(党组书记、|党组书记，)?副主席/.test(t) || /^副主席/.test(t)) return '副主席';
  if (/政协(党组书记、|党组书记，)?主席/.test(t) || /^主席/.test(t)) return '主席';
  if (/政协秘书长/.test(t) || /^秘书长/.test(t)) return '秘书长';
  if (/常委|常务委员/.test(t)) return '常委';
  if (/委员/.test(t)) return '委员';
  return undefined;
}

/** Position of a rank in the order; unknown ranks after all listed ones. */
export function rankIndex(rank: string, order: readonly string[] = DEFAULT_RANK_ORDER): number {
  const i = order.indexOf(rank);
  return i < 0 ? order.length : i;
}

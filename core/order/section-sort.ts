// Sorting one section of a session by a SortRule (stroke, pinyin, sector, party, rank, roster,
// received, manual). Returns the new order of submission ids; the caller (the service) stores it.
// Pinned items, and ids that no longer resolve to a submission, stay exactly where they are: a sort
// must never drop or move what the clerk fixed. Han characters without stroke data are returned.
import { AppException } from '../result';
import type { Member, Session, SortRule, Submission } from '../model/session';
import { compareNameKeys, comparePinyinKeys, nameKey, pinyinKey, type KeyContext, type NameOptions } from './names';
import {
  DEFAULT_ORG_ORDER,
  DEFAULT_SECTOR_ORDER,
  looksLikeOrganisation,
  orgMatcher,
  type OrgEntry,
} from './organisations';
import { DEFAULT_RANK_ORDER, memberRank, rankIndex } from './rank';

export interface SortSectionOptions {
  name?: NameOptions;
  /** 党派 / organisation order (default DEFAULT_ORG_ORDER). */
  orgOrder?: readonly OrgEntry[];
  /** 界别 order (default DEFAULT_SECTOR_ORDER). */
  sectorOrder?: readonly OrgEntry[];
  rankOrder?: readonly string[];
  /** Organisation authors before people (default: after, in organisation order). */
  orgsFirst?: boolean;
}

export interface SortSectionResult {
  /** The section's submission ids in their new order (same ids, same count). */
  items: string[];
  /** Han characters outside the checked table (estimated sequence or total only): show them to the user. */
  unknownChars: string[];
  /** Those of unknownChars that still had an estimated stroke sequence. */
  estimatedChars: string[];
}

/** Who an item is "by", for ordering. */
export interface ItemAuthor {
  /** Person's name to order by ('' for an organisation author). */
  person: string;
  /** Organisation text (author line of an organisation, or the org a person speaks for). */
  org: string;
  member?: Member;
}

const PAREN = /[（(]([^）)]*)[）)]/gu;
const TITLE_WORD =
  /(委员|常委|主席|秘书长|主任|书记|局长|处长|院长|校长|所长|教授|研究员|同志|代表|会长|理事长|主委|经理|董事长|总经理|部长|厅长|市长|县长|区长)$/u;

/** Works out the ordering author of a submission: its first roster member, else its author line. */
export function itemAuthor(sub: Submission, members: ReadonlyMap<string, Member>): ItemAuthor {
  const line = (sub.authorLine || sub.tocAuthor || '').trim();
  const inParens = [...line.matchAll(PAREN)].map((m) => m[1]).join(' ');
  const member = sub.memberIds.map((id) => members.get(id)).find((m): m is Member => !!m);
  if (member) return { person: member.name, org: inParens.replace(/^代表/, ''), member };
  const outside = line.replace(PAREN, ' ').trim();
  const author = (sub.tocAuthor || outside).replace(PAREN, ' ').trim();
  if (!author) return { person: '', org: '' };
  // "市政协常委 韩喜": the name is the last space-separated part that is not a title ("韩喜 委员");
  // "韩喜、王勇": several authors, the first one counts.
  const tokens = author.split(/[\s\u3000]+/u).filter(Boolean);
  const names = tokens.filter((t) => !TITLE_WORD.test(t));
  const pick = names[names.length - 1] ?? tokens[tokens.length - 1] ?? '';
  const first = pick.split(/[、，,；;]/u)[0].trim();
  if (looksLikeOrganisation(first)) return { person: '', org: first };
  const person = first;
  return { person, org: inParens.replace(/^代表/, '') };
}

interface Entry {
  id: string;
  index: number;
  sub: Submission;
  author: ItemAuthor;
}

export function sortSection(
  session: Session,
  sectionId: string,
  rule: SortRule,
  opts: SortSectionOptions = {},
): SortSectionResult {
  const section = session.sections.find((s) => s.id === sectionId);
  if (!section) {
    throw new AppException({ code: 'order.section-not-found', message: `找不到要排序的栏目（${sectionId}）` });
  }
  const subs = new Map(session.submissions.map((s) => [s.id, s]));
  const members = new Map(session.members.map((m) => [m.id, m]));
  const fixed: boolean[] = [];
  const movable: Entry[] = [];
  section.items.forEach((id, index) => {
    const sub = subs.get(id);
    const pinned = !sub || sub.options?.pinned === true;
    fixed[index] = pinned;
    if (!pinned) movable.push({ id, index, sub: sub!, author: itemAuthor(sub!, members) });
  });
  const ctx: KeyContext = { unknown: new Set(), estimated: new Set() };
  const ordered = orderEntries(movable, rule, session, opts, ctx);
  const items: string[] = [];
  let next = 0;
  section.items.forEach((id, index) => {
    items.push(fixed[index] ? id : ordered[next++].id);
  });
  return { items, unknownChars: [...ctx.unknown], estimatedChars: [...ctx.estimated!] };
}

function orderEntries(
  entries: Entry[],
  rule: SortRule,
  session: Session,
  opts: SortSectionOptions,
  ctx: KeyContext,
): Entry[] {
  // Explicit options win over the session's saved conventions, which win over the defaults.
  const nameOpts: NameOptions = { givenNameBlank: session.ordering?.givenNameBlank ?? true, ...opts.name };
  const orgOf = orgMatcher(opts.orgOrder ?? session.ordering?.orgOrder ?? DEFAULT_ORG_ORDER);
  const sectorOf = orgMatcher(opts.sectorOrder ?? DEFAULT_SECTOR_ORDER);
  const byIndex = (a: Entry, b: Entry) => a.index - b.index;
  const sortBy = <K>(keyOf: (e: Entry) => K, cmp: (a: K, b: K) => number) => {
    const keyed = entries.map((e) => ({ e, k: keyOf(e) }));
    keyed.sort((x, y) => cmp(x.k, y.k) || byIndex(x.e, y.e));
    return keyed.map((x) => x.e);
  };
  // People by name; organisation authors after them (or before, with orgsFirst), in organisation order.
  const isOrg = (e: Entry) => (e.author.person ? 0 : e.author.org ? 1 : 2);
  const orgGroup = (e: Entry) => {
    const g = isOrg(e);
    return g === 1 && opts.orgsFirst ? -1 : g;
  };
  const strokeKey = (e: Entry) => nameKey(e.author.person || e.author.org, nameOpts, ctx);

  switch (rule) {
    case 'manual':
      return entries;
    case 'stroke':
      return sortBy(
        (e) => ({ g: orgGroup(e), o: e.author.person ? 0 : orgOf(e.author.org).rank, n: strokeKey(e) }),
        (a, b) => a.g - b.g || a.o - b.o || compareNameKeys(a.n, b.n),
      );
    case 'pinyin':
      return sortBy(
        (e) => ({
          g: orgGroup(e),
          o: e.author.person ? 0 : orgOf(e.author.org).rank,
          n: pinyinKey(e.author.person || e.author.org, nameOpts, ctx),
        }),
        (a, b) => a.g - b.g || a.o - b.o || comparePinyinKeys(a.n, b.n),
      );
    case 'sector':
      return sortBy(
        (e) => ({ s: sectorOf(e.author.member?.sector || e.author.org || '').rank, n: strokeKey(e) }),
        (a, b) => a.s - b.s || compareNameKeys(a.n, b.n),
      );
    case 'party':
      return sortBy(
        // Inside one party the organisation itself (民盟市委会) comes before its members' items.
        (e) => ({
          p: orgOf(e.author.member?.party || e.author.org || '').rank,
          g: isOrg(e) === 1 ? 0 : 1,
          n: strokeKey(e),
        }),
        (a, b) => a.p - b.p || a.g - b.g || compareNameKeys(a.n, b.n),
      );
    case 'rank': {
      const order = opts.rankOrder ?? DEFAULT_RANK_ORDER;
      return sortBy(
        (e) => ({
          r: e.author.member
            ? rankIndex(memberRank(e.author.member, order), order)
            : e.author.person
              ? order.length
              : order.length + 1,
          o: e.author.person ? 0 : orgOf(e.author.org).rank,
          n: strokeKey(e),
        }),
        (a, b) => a.r - b.r || a.o - b.o || compareNameKeys(a.n, b.n),
      );
    }
    case 'roster': {
      const pos = new Map(session.members.map((m, i) => [m.id, i]));
      return sortBy(
        (e) => {
          const ids = e.sub.memberIds.map((id) => pos.get(id)).filter((i): i is number => i !== undefined);
          return ids.length ? Math.min(...ids) : Number.MAX_SAFE_INTEGER;
        },
        (a, b) => a - b,
      );
    }
    case 'received':
      return sortBy(
        (e) => {
          const t = e.sub.receivedAt ? Date.parse(e.sub.receivedAt) : NaN;
          return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
        },
        (a, b) => (a === b ? 0 : a < b ? -1 : 1),
      );
    default: {
      const never: never = rule;
      throw new AppException({ code: 'order.unknown-rule', message: `未知的排序方式：${String(never)}` });
    }
  }
}

// Matches the author lines a document's front matter holds against the session: persons against
// the roster (members), organisations against the session's organisation list (core/order's list
// plus the members' units and parties). It must never be silently wrong: a name not in the roster,
// two members with one name, a name that only contains a roster name (王丽华 / 王丽), a line with
// words it cannot place — each gives a review reason in Chinese that says what was guessed.
import type { Member, Session } from '../../model/session';
import { DEFAULT_ORG_ORDER, orgMatcher, type OrgEntry } from '../../order/organisations';
import { parseByline, type Byline } from './byline';

export interface ReviewReason {
  code: string;
  field?: string;
  message: string;
}

export interface AuthorMatchResult {
  memberIds: string[];
  organisations: string[];
  /** Empty when every credited person and organisation is certain. */
  reasons: ReviewReason[];
  /** From the file name only (no byline found): a guess, never accepted without review. */
  guessedFromFile?: boolean;
}

export interface Roster {
  members: readonly Member[];
  names: ReadonlySet<string>;
  byName: ReadonlyMap<string, Member[]>;
  isKnownOrg: (text: string) => boolean;
}

export function rosterOf(session: Pick<Session, 'members' | 'ordering'>): Roster {
  const byName = new Map<string, Member[]>();
  for (const m of session.members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const list: readonly OrgEntry[] = session.ordering?.orgOrder ?? DEFAULT_ORG_ORDER;
  const match = orgMatcher(list);
  const units = new Set(
    session.members.flatMap((m) => [m.unit, m.party ?? '', m.sector]).filter((u) => u && u.length >= 2),
  );
  return {
    members: session.members,
    names: new Set(byName.keys()),
    byName,
    isKnownOrg: (t) => match(t).name !== undefined || [...units].some((u) => t.includes(u) || u.includes(t)),
  };
}

const STRONG_ORG =
  /(委员会|委会|联合会|工商联|课题组|调研组|支社|总支|支部|学社|同盟|党组|界别|研究会|协会|学会|商会|局|厅|办公室)$/;

/** Roster names that occur inside a text (longer names win over names they contain). */
function rosterNamesIn(text: string, roster: Roster): string[] {
  const hits = [...roster.names].filter((n) => n.length >= 2 && text.includes(n));
  return hits.filter((n) => !hits.some((o) => o !== n && o.includes(n)));
}

function describe(ms: Member[]): string {
  return ms.map((m) => m.unit || m.title || m.sector || m.id).join('、');
}

/** Matches the byline texts (head byline lines or the end signature) of one item. */
export function matchAuthors(bylineTexts: readonly string[], roster: Roster, fileName?: string): AuthorMatchResult {
  const memberIds: string[] = [];
  const organisations: string[] = [];
  const reasons: ReviewReason[] = [];
  const parsed: { text: string; p: Byline | undefined }[] = bylineTexts.map((text) => ({
    text,
    p: parseByline(text, roster.names),
  }));
  const persons = parsed.flatMap((x) => (x.p ? x.p.persons.map((pp) => ({ ...pp, line: x.text })) : []));
  for (const x of parsed) {
    if (!x.p)
      reasons.push({
        code: 'intake.byline-unreadable',
        field: 'authorLine',
        message: `署名行“${x.text}”无法识别出作者，请指定作者`,
      });
    else if (x.p.shape < 0.6)
      reasons.push({
        code: 'intake.byline-uncertain',
        field: 'authorLine',
        message: `署名行“${x.text}”中有无法识别的文字，已按“${x.p.persons.map((p) => p.name).join('、') || x.p.organisations.join('、')}”处理，请核对`,
      });
  }
  const add = (id: string) => !memberIds.includes(id) && memberIds.push(id);
  for (const p of persons) {
    const same = roster.byName.get(p.name) ?? [];
    if (same.length === 1) {
      add(same[0].id);
      continue;
    }
    if (same.length > 1) {
      // Two members with one name: the unit or title written on the line may tell them apart.
      const told = same.filter(
        (m) =>
          (m.unit && p.line.includes(m.unit)) ||
          (m.title && p.line.includes(m.title.split(/[、，,]/).pop() ?? m.title)),
      );
      if (told.length === 1) {
        add(told[0].id);
        continue;
      }
      reasons.push({
        code: 'intake.author-ambiguous',
        field: 'memberIds',
        message: `名单中有 ${same.length} 位“${p.name}”（${describe(same)}），无法从署名判断是哪一位，请指定`,
      });
      continue;
    }
    if (p.role === 'member') continue; // 课题组成员 need not be members of the session
    const near = rosterNamesIn(p.name, roster);
    reasons.push(
      near.length
        ? {
            code: 'intake.author-near',
            field: 'memberIds',
            message: `署名中的“${p.name}”不在委员名单中（名单中有“${near.join('、')}”），未自动关联，请核对`,
          }
        : {
            code: 'intake.author-unknown',
            field: 'memberIds',
            message: `署名中的“${p.name}”不在委员名单中，请核对或指定作者`,
          },
    );
  }
  for (const x of parsed) {
    for (const o of x.p?.organisations ?? []) {
      if (!organisations.includes(o)) organisations.push(o);
      if (!roster.isKnownOrg(o) && !STRONG_ORG.test(o))
        reasons.push({
          code: 'intake.org-unknown',
          field: 'organisations',
          message: `署名单位“${o}”不在本次会议的单位名单中，请核对`,
        });
    }
  }
  if (!bylineTexts.length) {
    const fromFile = fileName
      ? rosterNamesIn(fileName.replace(/\.[^.]+$/, ''), roster).flatMap((n) => roster.byName.get(n) ?? [])
      : [];
    if (fromFile.length === 1) {
      reasons.push({
        code: 'intake.author-from-file',
        field: 'memberIds',
        message: `未找到署名行，按文件名推测作者为“${fromFile[0].name}”，请核对`,
      });
      return { memberIds: [fromFile[0].id], organisations, reasons, guessedFromFile: true };
    }
    reasons.push({
      code: 'intake.no-author',
      field: 'authorLine',
      message: '未找到署名行（标题下、标题上或文末署名），请指定作者',
    });
  } else if (
    !memberIds.length &&
    !organisations.length &&
    !reasons.some((r) => r.field === 'memberIds' || r.field === 'authorLine')
  ) {
    reasons.push({
      code: 'intake.no-author',
      field: 'authorLine',
      message: `署名行“${bylineTexts.join(' ')}”中没有可识别的作者，请指定作者`,
    });
  }
  return { memberIds, organisations, reasons };
}

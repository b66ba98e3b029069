// Section sort rules: stroke, pinyin, sector, party, rank, roster, received, manual; pins stay put.
import { describe, expect, it } from 'vitest';
import { SessionSchema, SubmissionSchema, type Session } from '../../core/model/session';
import { DEFAULT_ORG_ORDER, itemAuthor, memberRank, orgMatcher, sortMembers, sortSection } from '../../core/order';
import { AppException } from '../../core/result';

const member = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, ...extra });
const sub = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  source: { file: `${id}.md`, format: 'md' },
  ...extra,
});

function session(): Session {
  return SessionSchema.parse({
    schemaVersion: 1,
    id: 's1',
    name: '政协××市第十三届委员会常务委员会第九次会议',
    date: '2023-09-20',
    members: [
      member('m1', '曾庆红', { sector: '经济界', party: '中共', title: '市政协常委', receivedAt: undefined }),
      member('m2', '于洋', { sector: '中共', party: '中共', title: '市政协副主席' }),
      member('m3', '王勇', { sector: '民盟', party: '民盟', title: '市政协常委、民盟市委主委' }),
      member('m4', '田大利', { sector: '教育界', party: '民进', title: '市政协主席' }),
      member('m5', '单田芳', { sector: '文化艺术界', party: '九三学社', title: '市工商联主席、市政协常委' }),
      member('m6', '田富', { sector: '民盟', party: '民盟', title: '市政协秘书长' }),
    ],
    submissions: [
      sub('a', '发言一', { memberIds: ['m1'], receivedAt: '2023-09-10T08:00:00Z' }),
      sub('b', '发言二', { memberIds: ['m2'], receivedAt: '2023-09-09T08:00:00Z' }),
      sub('c', '发言三', { memberIds: ['m3'], receivedAt: '2023-09-12T08:00:00Z' }),
      sub('d', '发言四', { memberIds: ['m4'] }),
      sub('e', '发言五', { memberIds: ['m5'], receivedAt: '2023-09-11T08:00:00Z' }),
      sub('f', '发言六', { memberIds: ['m6'], receivedAt: '2023-09-08T08:00:00Z' }),
      sub('g', '民盟的发言', { authorLine: '民盟××市委会', receivedAt: '2023-09-07T08:00:00Z' }),
      sub('h', '九三学社的发言', { authorLine: '九三学社××市委会' }),
      sub('p', '主报告', { authorLine: '市政协办公室', options: { pinned: true, inToc: true } }),
      sub('x', '无名册作者', { authorLine: '市政协常委 马红' }),
    ],
    sections: [{ id: 'sec', title: '大会发言', items: ['p', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'gone'] }],
  });
}

const ids = (s: Session, rule: Parameters<typeof sortSection>[2]) => sortSection(s, 'sec', rule).items;

describe('sortSection', () => {
  it('stroke: people by 姓氏笔画, organisations after them in party order; pins and dangling ids stay', () => {
    // 于(3) 马(3, 折 first) 王(4) 田富 田大利 (blank rule) 单(8) 曾(12); then 民盟 before 九三学社.
    expect(ids(session(), 'stroke')).toEqual(['p', 'b', 'x', 'c', 'f', 'd', 'e', 'a', 'g', 'h', 'gone']);
  });

  it('keeps the same ids (nothing lost, nothing added)', () => {
    const s = session();
    for (const rule of ['stroke', 'pinyin', 'sector', 'party', 'rank', 'roster', 'received', 'manual'] as const) {
      expect([...ids(s, rule)].sort()).toEqual([...s.sections[0].items].sort());
    }
  });

  it('pinyin: surname readings (单 shan, 曾 zeng)', () => {
    // ma hong, shan tianfang, tian dali, tian fu, wang yong, yu yang, zeng qinghong
    expect(ids(session(), 'pinyin')).toEqual(['p', 'x', 'e', 'd', 'f', 'c', 'b', 'a', 'g', 'h', 'gone']);
  });

  it('sector: 界别 order, then strokes', () => {
    // 中共(于) 民盟(田富 then 民盟市委会? no: 王勇 4 < 田 5; the org item 民盟 is keyed by its text)
    const r = ids(session(), 'sector');
    expect(r.slice(0, 2)).toEqual(['p', 'b']); // 中共 first
    expect(r.indexOf('c')).toBeLessThan(r.indexOf('f')); // 民盟: 王勇 < 田富
    expect(r.indexOf('f')).toBeLessThan(r.indexOf('h')); // 民盟 < 九三学社
    expect(r.indexOf('h')).toBeLessThan(r.indexOf('e')); // 九三学社 < 文化艺术界
    expect(r.indexOf('e')).toBeLessThan(r.indexOf('a')); // 文化艺术界 < 经济界
    expect(r.indexOf('a')).toBeLessThan(r.indexOf('d')); // 经济界 < 教育界
    expect(r[r.length - 1]).toBe('gone');
  });

  it('party: 党派 order, the organisation first inside its party, then strokes', () => {
    // 中共: 于洋, 曾庆红 | 民盟: 民盟市委会, 王勇, 田富 | 民进: 田大利 | 九三学社: 九三学社市委会, 单田芳 | none: 马红
    expect(ids(session(), 'party')).toEqual(['p', 'b', 'a', 'g', 'c', 'f', 'd', 'h', 'e', 'x', 'gone']);
  });

  it('rank: 主席, 副主席, 秘书长, then 常委 by strokes; 工商联主席 is not 政协主席', () => {
    expect(ids(session(), 'rank').join(' ')).toEqual(
      ['p', 'd', 'b', 'f', 'c', 'e', 'a', 'x', 'g', 'h', 'gone'].join(' '),
    );
    expect(memberRank({ title: '市工商联主席、市政协常委', standing: true })).toBe('常委');
    expect(memberRank({ title: '市政协党组书记、主席', standing: true })).toBe('主席');
    expect(memberRank({ rank: '副主席', title: '', standing: true })).toBe('副主席');
  });

  it('roster: the roster order; items without a roster member last', () => {
    expect(ids(session(), 'roster')).toEqual(['p', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'gone']);
    const s = session();
    s.members.reverse();
    expect(ids(s, 'roster')).toEqual(['p', 'f', 'e', 'd', 'c', 'b', 'a', 'g', 'h', 'x', 'gone']);
  });

  it('received: by receivedAt; undated last in their current order', () => {
    expect(ids(session(), 'received')).toEqual(['p', 'g', 'f', 'b', 'a', 'e', 'c', 'd', 'h', 'x', 'gone']);
  });

  it('manual: unchanged', () => {
    const s = session();
    expect(ids(s, 'manual')).toEqual(s.sections[0].items);
  });

  it("follows the session's saved conventions: actual characters, custom party order", () => {
    const s = session();
    s.ordering = { givenNameBlank: false };
    const r = ids(s, 'stroke');
    expect(r.indexOf('d')).toBeLessThan(r.indexOf('f')); // 田大利 before 田富 when comparing 大 with 富
    s.ordering = {
      givenNameBlank: true,
      orgOrder: [
        { name: '九三学社', aliases: ['九三学社'] },
        { name: '民盟', aliases: ['民盟'] },
      ],
    };
    const p = ids(s, 'stroke');
    expect(p.indexOf('h')).toBeLessThan(p.indexOf('g')); // 九三学社 now before 民盟
    s.ordering = { givenNameBlank: false };
    const o = sortSection(s, 'sec', 'stroke', { name: { givenNameBlank: true } }).items; // explicit option wins
    expect(o.indexOf('f')).toBeLessThan(o.indexOf('d'));
  });

  it('a pinned item in the middle keeps its index', () => {
    const s = session();
    s.submissions.find((x) => x.id === 'd')!.options.pinned = true;
    const r = ids(s, 'stroke');
    expect(r.indexOf('d')).toBe(4);
    expect(r.indexOf('p')).toBe(0);
  });

  it('reports unknown characters and rejects a missing section with a stable code', () => {
    const s = session();
    s.members[0].name = '劉明';
    expect(sortSection(s, 'sec', 'stroke').unknownChars).toEqual(['劉']);
    try {
      sortSection(s, 'nope', 'stroke');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppException);
      expect((e as AppException).error.code).toBe('order.section-not-found');
    }
  });
});

describe('sortMembers (roster order)', () => {
  it('orders members by stroke, by 界别 then stroke, by rank then stroke', () => {
    const ms = session().members;
    expect(sortMembers(ms, 'stroke').members.map((m) => m.name)).toEqual([
      '于洋',
      '王勇',
      '田富',
      '田大利',
      '单田芳',
      '曾庆红',
    ]);
    expect(sortMembers(ms, 'sector').members.map((m) => m.name)).toEqual([
      '于洋',
      '王勇',
      '田富',
      '单田芳',
      '曾庆红',
      '田大利',
    ]);
    expect(sortMembers(ms, 'rank').members.map((m) => m.name)).toEqual([
      '田大利',
      '于洋',
      '田富',
      '王勇',
      '单田芳',
      '曾庆红',
    ]);
    expect(sortMembers(ms, 'pinyin').members.map((m) => m.name)).toEqual([
      '单田芳',
      '田大利',
      '田富',
      '王勇',
      '于洋',
      '曾庆红',
    ]);
  });
});

describe('authors and organisations', () => {
  it('finds the person in author lines and the organisation they speak for', () => {
    const m = new Map();
    const s = (authorLine: string) =>
      SubmissionSchema.parse({ id: 'z', title: 't', authorLine, source: { file: 'z.md', format: 'md' } });
    expect(itemAuthor(s('市政协常委 韩喜'), m)).toMatchObject({ person: '韩喜' });
    expect(itemAuthor(s('韩喜（代表民建××市委会）'), m)).toMatchObject({ person: '韩喜', org: '民建××市委会' });
    expect(itemAuthor(s('民盟××市委会'), m)).toMatchObject({ person: '', org: '民盟××市委会' });
    expect(itemAuthor(s('韩喜、王勇'), m)).toMatchObject({ person: '韩喜' });
    expect(itemAuthor(s('韩喜 常委'), m)).toMatchObject({ person: '韩喜' });
    expect(itemAuthor(s('市政协常委、市文化和旅游局副局长 韩喜'), m)).toMatchObject({ person: '韩喜' });
  });

  it('matches the customary party order and accepts an edited list', () => {
    const rank = orgMatcher();
    const texts = [
      '市工商联',
      '九三学社××市委会',
      '中国民主同盟××市委员会',
      '中共××市委统战部',
      '民革××市委会',
      '台盟××市支部',
      '农工党××市委会',
      '共青团××市委',
    ];
    const sorted = [...texts].sort((a, b) => rank(a).rank - rank(b).rank);
    expect(sorted).toEqual([
      '中共××市委统战部',
      '民革××市委会',
      '中国民主同盟××市委员会',
      '农工党××市委会',
      '九三学社××市委会',
      '台盟××市支部',
      '市工商联',
      '共青团××市委',
    ]);
    const custom = orgMatcher([{ name: '九三学社', aliases: ['九三学社'] }, ...DEFAULT_ORG_ORDER]);
    expect(custom('九三学社××市委会').rank).toBe(0);
    expect(rank('某某公司').rank).toBe(DEFAULT_ORG_ORDER.length);
  });
});

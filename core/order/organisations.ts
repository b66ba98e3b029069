// Customary orders of organisations in CPPCC documents: parties (中共, then the eight 民主党派 in their
// fixed order, 无党派人士, 工商联), people's organisations, and the CPPCC 界别. The lists are plain data
// (exported defaults) so a secretariat can edit them; matching is by alias contained in the text
// ("民盟××市委会", "中国民主同盟××市委员会", "市工商联"). It never reorders anything itself.

export interface OrgEntry {
  /** Display name (the short form used in lists). */
  name: string;
  /** Strings that identify it inside an author line or a member's 党派/界别 field. */
  aliases: string[];
}

const e = (name: string, ...aliases: string[]): OrgEntry => ({ name, aliases: [name, ...aliases] });

/** 党派 and organisation order (统战 custom): 中共, 民革 … 台盟, 无党派人士, 工商联, then 人民团体. */
export const DEFAULT_ORG_ORDER: readonly OrgEntry[] = [
  e('中共', '中国共产党', '共产党'),
  e('民革', '中国国民党革命委员会', '国民党革命委员会'),
  e('民盟', '中国民主同盟'),
  e('民建', '中国民主建国会', '民主建国会'),
  e('民进', '中国民主促进会', '民主促进会'),
  e('农工党', '中国农工民主党', '农工民主党', '农工'),
  e('致公党', '中国致公党', '致公'),
  e('九三学社', '九三'),
  e('台盟', '台湾民主自治同盟'),
  e('无党派人士', '无党派民主人士', '无党派', '无党派代表人士'),
  e('工商联', '工商业联合会', '工商界'),
  e('共青团', '共产主义青年团', '团市委', '团县委', '团区委', '团省委'),
  e('总工会', '工会'),
  e('妇联', '妇女联合会'),
  e('青联', '青年联合会'),
  e('科协', '科学技术协会'),
  e('台联', '台湾同胞联谊会'),
  e('侨联', '归国华侨联合会'),
  e('文联', '文学艺术界联合会'),
  e('社科联', '社会科学界联合会'),
  e('残联', '残疾人联合会'),
  e('红十字会'),
];

/** CPPCC 界别 order (national committee, applied the same way by local committees). */
export const DEFAULT_SECTOR_ORDER: readonly OrgEntry[] = [
  e('中国共产党', '中共'),
  e('中国国民党革命委员会', '民革'),
  e('中国民主同盟', '民盟'),
  e('中国民主建国会', '民建'),
  e('中国民主促进会', '民进'),
  e('中国农工民主党', '农工党', '农工'),
  e('中国致公党', '致公党', '致公'),
  e('九三学社', '九三'),
  e('台湾民主自治同盟', '台盟'),
  e('无党派人士', '无党派民主人士', '无党派'),
  e('中国共产主义青年团', '共青团', '共产主义青年团'),
  e('总工会', '工会'),
  e('妇女联合会', '妇联'),
  e('青年联合会', '青联'),
  e('工商业联合会', '工商联', '工商界'),
  e('科学技术协会', '科协'),
  e('台湾同胞联谊会', '台联'),
  e('归国华侨联合会', '侨联'),
  e('文化艺术界', '文艺界', '文化界', '文学艺术界'),
  e('科学技术界', '科技界'),
  e('社会科学界', '社科界'),
  e('经济界'),
  e('农业界', '农业和农村界'),
  e('环境资源界'),
  e('教育界'),
  e('体育界'),
  e('新闻出版界', '新闻界'),
  e('医药卫生界', '医卫界', '卫生界'),
  e('对外友好界'),
  e('社会福利和社会保障界', '社会福利界', '社会保障界'),
  e('少数民族界', '民族界'),
  e('宗教界'),
  e('特邀香港人士', '香港'),
  e('特邀澳门人士', '澳门'),
  e('特别邀请人士', '特邀人士', '特邀'),
];

export interface OrgMatch {
  /** Position in the list; list.length when nothing matched (sorts after every listed organisation). */
  rank: number;
  name?: string;
}

/**
 * Builds a matcher for a list: the entry whose alias occurs earliest in the text wins (so
 * "韩喜（代表民建××市委会）" matches 民建, and "中共××市委统战部" matches 中共, not 统战); on a tie the
 * longer alias wins ("农工党" over "农工", "中国共产主义青年团" over "共产党"-like fragments).
 */
export function orgMatcher(list: readonly OrgEntry[] = DEFAULT_ORG_ORDER): (text: string) => OrgMatch {
  const aliases = list.flatMap((entry, rank) => entry.aliases.map((a) => ({ a, rank, name: entry.name })));
  const cache = new Map<string, OrgMatch>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit) return hit;
    let best: { pos: number; len: number; rank: number; name: string } | undefined;
    for (const { a, rank, name } of aliases) {
      if (!a) continue;
      const pos = text.indexOf(a);
      if (pos < 0) continue;
      if (!best || pos < best.pos || (pos === best.pos && a.length > best.len))
        best = { pos, len: a.length, rank, name };
    }
    const m: OrgMatch = best ? { rank: best.rank, name: best.name } : { rank: list.length };
    cache.set(text, m);
    return m;
  };
}

/** Words that mark an author line as an organisation rather than a person. */
const ORG_WORDS =
  /(委员会|委会|党委|党组|政府|人大|政协|学社|同盟|联合会|协会|学会|商会|总会|工会|妇联|侨联|台联|科协|工商联|共青团|团委|界别|界|小组|专委会|办公室|研究会|中心|局|厅|院|所|校|公司|集团|部)$|委员会|委会|联合会/u;

/** Whether an author text reads as an organisation (民盟××市委会, 经济界别, 市工商联 …). */
export function looksLikeOrganisation(text: string, list: readonly OrgEntry[] = DEFAULT_ORG_ORDER): boolean {
  const t = text.replace(/[\s\u3000]+/g, '');
  if (!t) return false;
  if (ORG_WORDS.test(t)) return true;
  return list.some((entry) => entry.aliases.includes(t));
}

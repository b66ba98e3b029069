// Shapes of the lines a submission's front matter is made of: label lines above the title, a
// subtitle, a date line, an opening salutation, and the words that make a line read as an author
// line (职务, organisations, "发言人：", "——张三", 课题组 / 执笔). Text-only classification, shared by
// the front-matter step and the byline parser; it never decides alone where the body starts.

/** Longest line still taken as a title line / a byline. */
export const TITLE_MAX_CHARS = 60;
export const BYLINE_MAX_CHARS = 48;

const CN = '一二三四五六七八九十百零〇';
const ORD = `之[${CN}]+|[（(][${CN}0-9]+[)）]`;

/** Lines printed above a title that are not the title: 书面发言, 大会发言之三, 材料之五, 内部资料 注意保存, 附件2. */
const LABEL_RE = new RegExp(
  [
    `^附件\\s*[0-9０-９${CN}]*\\s*[:：]?$`,
    `^(大会|书面|口头|交流|联组|小组)?(交流)?发言(材料|稿)?(${ORD})?[:：]?$`,
    `^(会议|交流|参阅|书面)?材料(${ORD})?[:：]?$`,
    `^(大会|书面)(${ORD})$`,
    '^(内部资料|内部材料)([\\s　]*[，,]?[\\s　]*注意保存)?$',
    '^注意保存$',
    '^(调研报告|调查报告|提案|社情民意(信息)?)(\\s*第\\s*[0-9０-９]+\\s*期)?$',
    `^[（(]\\s*[0-9０-９]+\\s*[)）]$`,
    `^第\\s*[0-9０-９${CN}]+\\s*(号|篇)$`,
  ].join('|'),
);

export const isLabelLine = (t: string): boolean => {
  const s = t.replace(/\s+/g, ' ').trim();
  // "（大会发言之三）", "【书面发言】": the same labels in brackets.
  const inner = /^[（(【〔［[]\s*(.+?)\s*[）)】〕］\]]$/.exec(s)?.[1];
  return (
    s.length <= 20 &&
    (LABEL_RE.test(s) || (inner !== undefined && !/^\s*[0-9０-９]+\s*$/.test(inner) && LABEL_RE.test(inner)))
  );
};

const DASH_RE = /^(?:——|—|－－|--|─{1,2}|-)\s*/;
const SUB_START = /^(在|于|基于|关于|以|对|从|围绕|兼论|兼谈|——)/;
const SUB_END = /(发言|讲话|报告|调查|调研|思考|分析|研究|为例|建议|探析|视角|实践)$/;

/** "——在……上的发言", "（在……的发言）", "——基于……的调查", "——以××为例". */
export function isSubtitleLine(t: string): boolean {
  const s = t.trim();
  if (!s || [...s].length > TITLE_MAX_CHARS + 10) return false;
  if (DASH_RE.test(s)) {
    const rest = s.replace(DASH_RE, '').trim();
    if (!rest) return false;
    return SUB_START.test(rest) || SUB_END.test(rest) || (rest.includes('的') && [...rest].length > 6);
  }
  const m = /^[（(](.*)[）)]$/.exec(s);
  if (m) {
    const inner = m[1].trim();
    return /^(在|于)/.test(inner) && /(发言|讲话|报告|会议)/.test(inner) && !DATE_INNER.test(inner);
  }
  return false;
}

/** Subtitle text as printed: unchanged but trimmed (the leading —— is part of the printed subtitle). */
export const printedSubtitle = (t: string): string => t.trim().replace(/^(?:——|—|－－|--|─{1,2})\s*/, '——');

const NUM = '[0-9０-９]';
const CN_NUM = `[${CN}]`;
const DATE_INNER = new RegExp(
  `^(${NUM}{4}|${CN_NUM}{4})\\s*年\\s*(${NUM}{1,2}|${CN_NUM}{1,3})\\s*月(\\s*(${NUM}{1,2}|${CN_NUM}{1,3})\\s*日)?$`,
);

/** "（2023年9月12日）", "2023年9月12日", "二〇二三年九月". */
export function isDateLine(t: string): boolean {
  const s = t.trim().replace(/\s+/g, '');
  const inner = s.replace(/^[（(]/, '').replace(/[）)]$/, '');
  return DATE_INNER.test(inner);
}

/** The date as printed under the author line: always in full-width brackets. */
export function printedDate(t: string): string {
  const inner = t
    .trim()
    .replace(/\s+/g, '')
    .replace(/^[（(]/, '')
    .replace(/[）)]$/, '');
  return `（${inner}）`;
}

/** "主席、各位副主席、秘书长，各位常委：" and the like: the opening of a speech, which is body. */
export function isSalutation(t: string): boolean {
  const s = t.trim();
  return /[：:]$/.test(s) && /(主席|委员|常委|同志|各位|秘书长|领导|代表|朋友)/.test(s) && [...s].length <= 60;
}

/** Role words that precede a name in an author line (职务, 职称). */
export const ROLE_RE =
  /(政协|委员|常委|主席|副主席|秘书长|主任|副主任|主委|副主委|会长|副会长|局长|副局长|处长|院长|副院长|校长|教授|副教授|研究员|书记|副书记|经理|董事长|总经理|总监|律师|医师|主任医师|工程师|部长|副部长|社长|理事长|馆长|所长|党组成员|成员|组长)/;

/** Organisation words: an author line naming a body rather than a person. */
export const ORG_RE =
  /(委员会|委会|党委|党组|政府|人大|政协|学社|同盟|联合会|协会|学会|商会|总会|工会|妇联|侨联|台联|科协|工商联|共青团|团委|界别|专委会|办公室|研究会|研究中心|课题组|调研组|联络处|支社|支部|总支|中心|局|厅|院|所|大学|学院|学校|医院|公司|集团|部)$|委员会|委会|联合会|课题组|调研组/;

/** Prefixes that say "the author is": stripped from the printed byline. */
export const BYLINE_PREFIX_RE =
  /^(?:——|—|－－|--|─{1,2})\s*|^(?:发言人|作者|报告人|提交人|撰稿人?|署名|单位)\s*[：:]\s*/;
/** 课题组 roles whose names follow: 执笔 / 组长 / 成员 / 负责人. */
export const TEAM_ROLE_RE = /(?:课题组)?(?:执笔人?|组长|副组长|成员|负责人|主持人|参与人员|课题负责人)\s*[：:]/g;

/** Han characters of a personal name, allowing a middle dot (少数民族姓名). */
export const NAME_RE = /^[\p{Script=Han}][\p{Script=Han}·•]{1,11}$/u;

/** Words that look like names by length but are not (titles, kinds, salutations). */
const NOT_NAMES = new Set([
  '书面发言',
  '大会发言',
  '发言材料',
  '调研报告',
  '附件',
  '目录',
  '前言',
  '说明',
  '正文',
  '摘要',
  '建议',
  '结语',
  '引言',
  '内部资料',
  '注意保存',
  '同志们',
  '各位常委',
  '谢谢大家',
  '谢谢',
  '特此报告',
  '以上建议',
  '此致',
  '敬礼',
  '此致敬礼',
  '供参考',
  '仅供参考',
  '妥否',
  '请审阅',
  '完',
]);
export const isNameLike = (t: string): boolean =>
  NAME_RE.test(t) &&
  ([...t].length <= 4 || (/[·•]/.test(t) && [...t].length <= 12)) &&
  !NOT_NAMES.has(t) &&
  !ROLE_RE.test(t) &&
  !ORG_RE.test(t);

/** Heading labels "一、", "（一）", "1." at the start: never a title, byline or label. */
export const startsWithHeadingLabel = (t: string): boolean =>
  /^([一二三四五六七八九十]+[、，.．]|[（(][一二三四五六七八九十]+[）)]|[0-9０-９]{1,3}[.．、](?![0-9０-９]))/.test(
    t.trim(),
  );

/** Ends like a sentence (body text). */
export const endsSentence = (t: string): boolean => /[。；;！!？?，,、]$/.test(t.trim());

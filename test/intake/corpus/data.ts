// Material for the intake corpus: a roster with the traps real rosters have (two members named
// 张伟 in different units, 王丽 beside 王丽华, a compound surname, two-character names that authors
// pad with a full-width space, a name with a middle dot), the session's organisations, titles,
// subtitles, labels and body sentences in the register of CPPCC speeches and reports.

export interface RosterEntry {
  id: string;
  name: string;
  unit?: string;
  party?: string;
}

/** [name, unit, party ('' for none)]; ids run m01, m02… in this order. */
const ROSTER_ROWS: [string, string, string][] = [
  ['丁建国', '市发展和改革委员会', ''],
  ['孙喆', '市第二中学', ''],
  ['王丽', '市妇幼保健院', ''],
  ['王丽华', '市文化和旅游局', ''],
  ['张伟', '市第一医院', ''],
  ['张伟', '市实验中学', ''],
  ['欧阳明远', '山东理工大学', '民盟'],
  ['韩喜', '市博物馆', '民建'],
  ['李明', '市农业农村局', ''],
  ['赵晓燕', '市律师协会', '民进'],
  ['刘洋', '市科技局', ''],
  ['陈静', '市中医院', '农工党'],
  ['周涛', '市工商联', ''],
  ['吴敏', '市档案馆', ''],
  ['郑海波', '齐鲁石化公司', ''],
  ['马骁', '市体育局', ''],
  ['黄蕾', '市图书馆', '九三学社'],
  ['朱国庆', '市城乡建设局', ''],
  ['高峰', '市交通运输局', ''],
  ['林晓', '市税务局', ''],
  ['何冰', '市生态环境局', ''],
  ['罗志刚', '市人民医院', '致公党'],
  ['谢婷', '市教育局', ''],
  ['古丽·艾买提', '市民族宗教局', ''],
  ['宋卫东', '市商务局', ''],
  ['唐瑶', '市文联', ''],
  ['许晨', '市民政局', ''],
  ['邓超', '市应急管理局', ''],
  ['冯雪', '市统计局', ''],
  ['曹阳', '市水利局', ''],
];
export const ROSTER: RosterEntry[] = ROSTER_ROWS.map(([name, unit, party], i) => ({
  id: `m${String(i + 1).padStart(2, '0')}`,
  name,
  unit,
  ...(party ? { party } : {}),
}));

export const POSTS = ['院长', '副局长', '教授', '主任', '校长', '馆长', '副主任', '高级工程师', '副院长', '研究员'];

/** Organisations as they sign: parties' municipal committees, the federation, a committee's 课题组. */
export const ORGS = [
  '民盟××市委会',
  '民建××市委会',
  '九三学社××市委会',
  '农工党××市委会',
  '市工商联',
  '民进××市委会',
  '致公党××市委会',
];
export const TEAMS = [
  '市政协经济委员会课题组',
  '市政协文化文史和学习委员会课题组',
  '民盟××市委会课题组',
  '市政协农业和农村委员会课题组',
];

/** Names not in the roster, and one that contains a roster name (王丽芳 ⊃ 王丽). */
export const UNKNOWN = ['钱玉芬', '孔德才', '王丽芳', '严小川'];

export const TITLES = [
  '关于加强齐文化遗址保护利用的建议',
  '关于推进文旅深度融合发展的几点思考',
  '关于完善基层医疗卫生服务体系的建议',
  '发挥政协优势 助力乡村全面振兴',
  '关于加快建设现代化产业体系的建议',
  '关于优化营商环境激发市场主体活力的思考',
  '关于推动非物质文化遗产创造性转化的建议',
  '守正创新 讲好新时代齐文化故事',
  '关于加强青少年心理健康教育的建议',
  '关于提升城市精细化管理水平的建议',
  '关于推动民营经济高质量发展的建议',
  '关于加强历史文化街区保护更新的思考',
  '关于完善养老服务体系的几点建议',
  '关于推进黄河流域生态保护的建议',
  '凝聚共识 汇聚力量 共建美丽家园',
  '关于深化产教融合培养技能人才的建议',
  '如何让齐文化“活”起来？',
  '关于“十四五”时期加强社区治理的建议',
];
export const REPORT_TITLES = [
  '关于我市农村集体经济发展情况的调研报告',
  '关于全市博物馆建设与运营情况的调研报告',
  '关于我市中小企业融资难问题的调研报告',
  '关于加快发展银发经济的调研报告',
];
/** Long titles the author broke by hand: [first line, second line]. */
export const SPLIT_TITLES: [string, string][] = [
  ['关于推动齐文化创造性转化', '创新性发展的建议'],
  ['关于加强稷下学宫遗址保护', '打造文化研学高地的建议'],
  ['关于完善多元化纠纷化解机制', '提升基层治理效能的建议'],
  ['关于发挥数字技术作用', '推进智慧城市建设的思考'],
];

export const SUBTITLES = [
  '——在政协××市第十三届委员会常务委员会第九次会议上的发言',
  '（在市政协十三届九次常委会议上的发言）',
  '——在市政协专题协商会上的发言',
];
export const REPORT_SUBTITLES = ['——基于我市三个区县的调查', '——以××区为例'];

export const LABELS_SPEECH = ['大会发言', '大会发言之三', '发言材料之五', '（大会发言之二）'];
export const LABELS_WRITTEN = ['书面发言', '书面发言之二'];
export const LABELS_NEUTRAL = ['内部资料 注意保存', '附件2', '材料之五'];

export const SALUTATION = '主席、各位副主席、秘书长，各位常委：';
export const DATES = ['2023年9月12日', '2023年9月15日', '2023年8月30日'];

const SENTENCES = [
  '近年来，我市深入贯彻落实党中央和省委决策部署，各项工作取得了明显成效。',
  '但也要看到，当前仍存在统筹协调不够、投入保障不足、人才支撑不强等问题。',
  '为此建议，进一步完善工作机制，明确责任分工，形成工作合力。',
  '要坚持问题导向，聚焦群众急难愁盼，推动各项政策措施落地见效。',
  '加强宣传引导，营造全社会共同关心、支持和参与的良好氛围。',
  '要加大财政投入力度，建立稳定增长的经费保障机制。',
  '充分发挥政协委员联系群众的优势，广泛凝聚共识。',
];

/** Body paragraphs of item `i`: 3–5 sentences of the register, each paragraph unique to the item. */
export function bodyOf(i: number): string[] {
  const n = 3 + (i % 3);
  return Array.from(
    { length: n },
    (_, k) =>
      `${k === 0 ? `第${i + 1}份材料，` : ''}${SENTENCES[(i + k) % SENTENCES.length]}${SENTENCES[(i * 3 + k + 1) % SENTENCES.length]}`,
  );
}

// Generates the realistic sample session resources/samples/qi-culture/ (session.json + Markdown
// sources): a standing-committee session on 齐文化传承与创新 with 55 made-up members and 55 items
// (大会发言, 书面发言, 调研报告) of realistic length and structure, composed from topic-specific
// phrase banks with a seeded PRNG so the output is byte-identical on every run. Also exports
// generateSession({ items, seed }) for benchmarks (a 2,000-page session is about 700 items).
// It must never produce real people's names, and never depend on the clock or on Math.random.
//
//   npx tsx scripts/generate-sample.ts                       rewrites resources/samples/qi-culture/
//   npx tsx scripts/generate-sample.ts --items 700 --out DIR  a bigger session elsewhere
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { zlibSync } from 'fflate';
import type { SessionInput } from '../core/model/session';
import { rng } from '../test/helpers/rng';
import { concatBytes } from '../core/bytes/concat';
import { pngChunk } from '../core/read/images/png';
import { toBase64 } from '../core/bytes/base64';

// ---------------------------------------------------------------- roster
export interface RosterEntry {
  name: string;
  gender: '男' | '女';
  ethnicity?: string;
  sector: string;
  party: string;
  /** The post after 市政协常委、 (or the full title for the chair and vice-chairs). */
  post: string;
  unit: string;
  rank: '主席' | '副主席' | '秘书长' | '常委';
}

// name | gender | sector | party | post | unit | rank
const ROWS = `
赵振华|男|中共|中共|市政协主席、党组书记|政协××市委员会|主席
王喆|男|民革|民革|民革××市委会主委|××市自然资源和规划局|副主席
欧阳明轩|男|民盟|民盟|民盟××市委会主委、××大学历史文化学院教授|××大学|副主席
周文静|女|民进|民进|民进××市委会主委、市教育局副局长|××市教育局|副主席
韩喜|男|民建|民建|民建××市委会主委、××齐鲁实业集团董事长|××齐鲁实业集团有限公司|副主席
郑国栋|男|无党派人士|无党派人士|市科学技术协会主席|××市科学技术协会|副主席
高明远|男|中共|中共|市政协秘书长|政协××市委员会|秘书长
田富|男|经济界|中共|临淄区齐都镇党委书记|临淄区齐都镇人民政府|常委
田大利|男|农业和农村界|无党派人士|××市大利果蔬专业合作社理事长|××市大利果蔬专业合作社|常委
司马文博|男|文化艺术界|九三学社|市博物馆馆长|××市博物馆|常委
上官玥|女|文化艺术界|民盟|市艺术研究院副院长|××市艺术研究院|常委
李堃|男|经济界|民建|××文旅发展集团总经理|××文旅发展集团有限公司|常委
张赟|男|科学技术界|九三学社|××信息产业园管委会副主任|××信息产业园管理委员会|常委
刘㛃|女|妇联|中共|市妇联副主席|××市妇女联合会|常委
陈思远|男|教育界|民进|××市第一中学校长|××市第一中学|常委
杨晓梅|女|文化艺术界|中共|市文化和旅游局副局长|××市文化和旅游局|常委
黄海涛|男|经济界|致公党|致公党××市委会主委、××外贸有限公司总经理|××外贸有限公司|常委
吴建国|男|中共|中共|临淄区政协主席|政协××市临淄区委员会|常委
徐丽娟|女|医药卫生界|农工党|农工党××市委会主委、市中心医院副院长|××市中心医院|常委
孙广田|男|农业和农村界|中共|市农业农村局副局长|××市农业农村局|常委
马骏驰|男|体育界|无党派人士|市足球协会副主席、××足球俱乐部总经理|××足球俱乐部|常委
朱红英|女|社会福利和社会保障界|民革|市残疾人联合会副理事长|××市残疾人联合会|常委
胡世平|男|工商联|无党派人士|市工商联副主席、××建设集团董事长|××建设集团有限公司|常委
郭春燕|女|新闻出版界|中共|××日报社副总编辑|××日报社|常委
何永昌|男|社会科学界|民盟|齐文化研究院院长|××市齐文化研究院|常委
林溪|女|教育界|九三学社|××职业学院副院长|××职业学院|常委
罗庆丰|男|经济界|民建|××陶瓷琉璃有限公司董事长|××陶瓷琉璃有限公司|常委
梁秀云|女|少数民族界|中共|市民族宗教事务局副局长|××市民族宗教事务局|常委
谢宏伟|男|科学技术界|农工党|××数字科技有限公司首席技术官|××数字科技有限公司|常委
宋玉洁|女|文化艺术界|民进|市非物质文化遗产保护中心主任|××市非物质文化遗产保护中心|常委
唐建新|男|共青团和青联|中共|团市委副书记|共青团××市委员会|常委
许文涛|男|社会科学界|民盟|市委党校教授|中共××市委党校|常委
邓晓岚|女|对外友好界|致公党|市外事办公室副主任|××市人民政府外事办公室|常委
冯德顺|男|农业和农村界|民革|××县乡村振兴服务中心主任|××县乡村振兴服务中心|常委
曹慧|女|特邀界|无党派人士|××律师事务所主任|××律师事务所|常委
彭学森|男|经济界|中共|市发展和改革委员会副主任|××市发展和改革委员会|常委
曾庆辉|男|科学技术界|九三学社|九三学社××市委会主委、××大学信息学院教授|××大学|常委
单立新|男|特邀界|民革|市住房和城乡建设局总规划师|××市住房和城乡建设局|常委
仇振东|男|经济界|民建|××文化产业投资有限公司董事长|××文化产业投资有限公司|常委
解玉华|女|教育界|民进|临淄区实验小学校长|临淄区实验小学|常委
万家宁|男|体育界|中共|市体育局副局长|××市体育局|常委
于春生|男|农业和农村界|农工党|××生态农业科技有限公司总经理|××生态农业科技有限公司|常委
文丽萍|女|文化艺术界|民盟|市群众艺术馆馆长|××市群众艺术馆|常委
丁一|男|新闻出版界|无党派人士|市广播电视台副台长|××市广播电视台|常委
孔令泉|男|社会科学界|中共|市社会科学界联合会副主席|××市社会科学界联合会|常委
孟凡荣|女|医药卫生界|农工党|市中医医院院长|××市中医医院|常委
姜瑞峰|男|经济界|民建|××旅游发展有限公司总经理|××旅游发展有限公司|常委
管晓东|男|社会科学界|民革|××大学经济管理学院教授|××大学|常委
晏红梅|女|文化艺术界|民进|市图书馆馆长|××市图书馆|常委
鲍振川|男|工商联|无党派人士|市工商联常委、××食品有限公司董事长|××食品有限公司|常委
牛金水|男|中共|中共|市文物局局长|××市文物局|常委
房雅琴|女|少数民族界|民盟|市城市规划设计研究院高级工程师|××市城市规划设计研究院|常委
路长青|男|环境资源界|九三学社|市生态环境局副局长|××市生态环境局|常委
崔明哲|男|中共|中共|市委宣传部副部长|中共××市委宣传部|常委
齐志远|男|经济界|致公党|××跨境电商产业园总经理|××跨境电商产业园|常委
`;

const ETHNICITY: Record<string, string> = { 梁秀云: '回族', 房雅琴: '满族' };

export const ROSTER: RosterEntry[] = ROWS.trim()
  .split('\n')
  .map((line) => {
    const [name, gender, sector, party, post, unit, rank] = line.split('|');
    const e: RosterEntry = {
      name,
      gender: gender as RosterEntry['gender'],
      sector,
      party,
      post,
      unit,
      rank: rank as RosterEntry['rank'],
    };
    if (ETHNICITY[name]) e.ethnicity = ETHNICITY[name];
    return e;
  });

/** Organisations some items are signed by (authorLine) and the roster member who handed them in. */
export const ORG_AUTHORS: { member: string; org: string; mode: 'org' | 'on-behalf' }[] = [
  { member: '欧阳明轩', org: '民盟××市委会', mode: 'org' },
  { member: '曾庆辉', org: '九三学社××市委会', mode: 'org' },
  { member: '徐丽娟', org: '农工党××市委会', mode: 'org' },
  { member: '胡世平', org: '市工商联', mode: 'org' },
  { member: '黄海涛', org: '致公党××市委会', mode: 'org' },
  { member: '韩喜', org: '民建××市委会', mode: 'on-behalf' },
  { member: '王喆', org: '民革××市委会', mode: 'on-behalf' },
  { member: '周文静', org: '民进××市委会', mode: 'on-behalf' },
];

// Extra names for generated sessions larger than the roster (benchmarks): surname × given name.
export const EXTRA_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
];
export const EXTRA_GIVEN = [
  '建华',
  '秀英',
  '志强',
  '丽华',
  '国平',
  '海燕',
  '明辉',
  '红霞',
  '永生',
  '文军',
  '晓燕',
  '德明',
  '淑珍',
  '立新',
  '桂兰',
  '春雷',
  '玉梅',
  '振宇',
  '静怡',
  '国庆',
  '玉兰',
  '长海',
  '卫东',
  '凤英',
  '子涵',
];

// ---------------------------------------------------------------- phrase banks
// Slots: {T} topic phrase, {E} one of the topic's entities, {Y} a recent year, {n} a small count,
// {w} a figure in 万, {p} a percentage, {M} a month. Sentences end without 。 (added when joined).

interface Topic {
  /** Short phrase used in titles: "稷下学宫遗址保护利用". */
  t: string;
  /** The heritage itself, for "让{H}在新时代焕发新光彩" (default 齐文化). */
  hero?: string;
  ents: string[];
  facts: string[];
  sugg: string[];
}

const TOPICS: Topic[] = [
  {
    t: '稷下学宫遗址保护利用',
    hero: '稷下学宫',
    ents: ['稷下学宫遗址', '稷下学术', '“百家争鸣”的历史文化资源', '稷下学宫考古成果'],
    facts: [
      '稷下学宫是战国时期齐国设立的官办高等学府，被誉为世界上最早的“社会科学院”，儒、道、法、名、阴阳等诸子百家在此汇聚，开创了“百家争鸣”的学术局面',
      '{Y}年以来，考古工作者对稷下学宫遗址进行了多轮勘探和发掘，初步确认了遗址的范围和主体建筑基址，出土了大量瓦当、陶器等遗物',
      '稷下学宫遗址保护展示工程已完成一期建设，遗址本体保护、环境整治和展示利用同步推进，累计接待参观者{w}万人次',
      '以“稷下学宫”为主题的学术论坛已连续举办{s}届，吸引了海内外一百多所高校和研究机构的学者参加',
    ],
    sugg: [
      '建议加快稷下学宫遗址保护展示二期工程建设，把考古发掘、遗址保护和展示阐释统筹起来，让沉睡的遗址“开口说话”',
      '要以稷下学宫“不任职而论国事”的议政传统为纽带，打造具有地方特色的协商议政品牌',
      '建议依托稷下学宫遗址建设齐文化研学基地，开发面向中小学生和高校学生的系列研学课程',
    ],
  },
  {
    t: '齐国故城国家考古遗址公园建设',
    hero: '齐国故城',
    ents: ['齐国故城遗址', '齐国故城国家考古遗址公园', '齐国故城遗址博物馆', '东周殉马坑'],
    facts: [
      '齐国故城遗址是全国重点文物保护单位，总面积约15.5平方公里，由大城和小城两部分组成，是研究周代城市规划和齐国历史的珍贵实物资料',
      '齐国故城遗址博物馆建筑面积约4.3万m^2^，馆藏文物{n}万余件，开馆以来累计接待游客{w}万人次',
      '{Y}年，齐国故城国家考古遗址公园进入国家考古遗址公园名单，遗址保护展示水平迈上新台阶',
      '东周殉马坑展示馆经提升改造后重新开放，采用数字光影技术再现了“千乘之国”的车马制度',
    ],
    sugg: [
      '建议加快编制齐国故城国家考古遗址公园详细规划，理顺遗址区内土地、人口和产业的关系，妥善解决“保护与发展”的矛盾',
      '要推动齐国故城遗址博物馆与各专题博物馆联动，推出通票制度和精品参观线路，延长游客停留时间',
      '建议在遗址公园内合理布局考古体验、文物修复展示等项目，让游客近距离感受考古工作的魅力',
    ],
  },
  {
    t: '齐长城文化带建设',
    hero: '齐长城',
    ents: ['齐长城', '齐长城遗址', '长城国家文化公园（齐长城段）', '齐长城沿线村落'],
    facts: [
      '齐长城始建于春秋时期，是我国现存有准确遗迹可考、年代最早的长城，被誉为“长城之父”，作为长城的组成部分列入联合国教科文组织（UNESCO）《世界遗产名录》',
      '我市境内齐长城遗址全长约{n}公里，沿线现存烽火台、关隘和瞭望台遗迹多处，部分段落保存较为完好',
      '长城国家文化公园（齐长城段）建设方案已经印发，{Y}年以来共实施保护修缮和环境整治项目{n}个',
      '沿线各区县依托齐长城资源发展乡村旅游，带动周边{n}个村实现集体增收',
    ],
    sugg: [
      '建议建立齐长城沿线区县协同保护机制，统一保护标准、统一标识系统、统一宣传推介',
      '要在齐长城沿线规划建设徒步线路和文化驿站，把分散的遗迹点串成一条看得见、走得通的文化风景带',
      '建议聘请沿线村民担任长城保护员，落实巡查瞭望、隐患报告制度，实现遗址保护全覆盖',
    ],
  },
  {
    t: '蹴鞠文化传承发展',
    hero: '蹴鞠文化',
    ents: ['蹴鞠', '蹴鞠文化', '“足球起源地”品牌', '蹴鞠非物质文化遗产'],
    facts: [
      '据《史记·苏秦列传》记载，临淄“其民无不吹竽鼓瑟，弹琴击筑，斗鸡走犬，六博蹋鞠者”，国际足联（FIFA）确认足球起源于中国临淄',
      '临淄蹴鞠于2006年列入第一批国家级非物质文化遗产名录，目前有国家级、省级传承人{n}名',
      '足球博物馆自开馆以来累计接待中外游客{w}万人次，成为展示“足球起源地”形象的重要窗口',
      '全市已建成校园足球特色学校{n}所，“蹴鞠进校园”活动覆盖学生{w}万人',
    ],
    sugg: [
      '建议把“足球起源地”作为城市对外宣传的重要名片，积极承办国际性、全国性足球赛事和蹴鞠文化交流活动',
      '要支持蹴鞠传承人开展带徒传艺，编写蹴鞠校本教材，让蹴鞠技艺在青少年中代代相传',
      '建议开发蹴鞠主题文创产品和体验项目，推动体育、文化与旅游深度融合',
    ],
  },
  {
    t: '管仲改革思想研究阐释',
    hero: '管仲思想',
    ents: ['管仲', '《管子》', '管仲“富民强国”思想', '管仲纪念馆'],
    facts: [
      '管仲相齐四十年，“通货积财，富国强兵”，辅佐齐桓公“九合诸侯，一匡天下”，其改革思想对后世影响深远',
      '《管子》中“仓廪实而知礼节，衣食足而知荣辱”“政之所兴，在顺民心”等论述，至今仍有重要的借鉴意义',
      '管仲纪念馆经改造提升后，年接待游客{w}万人次，成为开展廉政教育和改革精神教育的重要场所',
    ],
    sugg: [
      '建议组织专家学者深入研究管仲经济思想、治理思想，形成一批有分量的研究成果，为推动高质量发展提供历史借鉴',
      '要把管仲“与俗同好恶”的民本思想融入干部教育培训，打造具有齐文化特色的党性教育课程',
    ],
  },
  {
    t: '姜太公文化资源挖掘',
    hero: '太公文化',
    ents: ['姜太公', '太公文化', '姜太公祠', '齐国开国历史'],
    facts: [
      '姜太公受封于齐，“因其俗，简其礼，通商工之业，便鱼盐之利”，奠定了齐文化开放包容、务实创新的基调',
      '姜太公祠每年举办祭祀和民俗展演活动，{Y}年吸引海内外姜姓宗亲和游客{w}万人次',
      '我市已出版太公文化研究专著{n}部，并与多地太公文化研究机构建立了交流合作关系',
    ],
    sugg: [
      '建议以姜太公文化为纽带，办好世界姜氏宗亲恳亲活动，打造寻根问祖文化旅游品牌',
      '要深入阐释太公“尊贤尚功”“因俗简礼”思想的时代价值，讲好齐国开国的历史故事',
    ],
  },
  {
    t: '文旅深度融合发展',
    ents: ['文旅融合', '“齐文化+”旅游', '全域旅游', '齐文化旅游品牌'],
    facts: [
      '我市已形成以齐国故城、足球博物馆、齐文化博物院为核心的齐文化旅游集聚区，文旅产业增加值占GDP比重达到{p}',
      '{Y}年，全市接待国内游客{n}00万人次，实现旅游消费总额{n}0亿元，分别比上年增长{p}和{p}',
      '“齐文化+研学”“齐文化+夜游”等新业态不断涌现，文旅消费新场景持续丰富',
      '全市A级旅游景区已达{n}家，其中4A级以上景区{s}家',
    ],
    sugg: [
      '建议实施文旅融合重点项目带动战略，每年谋划推出一批投资规模大、带动能力强的文旅项目',
      '要推动景区由“门票经济”向“产业经济”转变，完善吃、住、行、游、购、娱全链条服务',
      '建议整合全市文旅资源，设计推出“一日游”“两日游”精品线路，并加强与周边城市的线路联动',
    ],
  },
  {
    t: '齐文化非遗保护传承',
    hero: '齐地非遗',
    ents: ['非物质文化遗产', '齐地传统技艺', '非遗传承人', '陶瓷琉璃烧制技艺'],
    facts: [
      '全市现有国家级非遗代表性项目{s}项、省级{n}项，国家级代表性传承人{s}名',
      '陶瓷琉璃烧制技艺、周村烧饼制作技艺等一批非遗项目实现生产性保护，带动就业{n}00余人',
      '{Y}年以来，全市建成非遗工坊{n}家、非遗传承体验基地{n}处，举办非遗展演活动{n}场次',
    ],
    sugg: [
      '建议建立非遗传承人动态管理和梯队培养机制，对高龄传承人开展抢救性记录，防止技艺失传',
      '要推动非遗与现代设计、电商直播相结合，让非遗产品走进现代生活、走向更大市场',
      '建议设立非遗保护专项资金，对传承活动成效显著的传承人给予奖励',
    ],
  },
  {
    t: '齐文化进校园',
    ents: ['齐文化进校园', '齐文化地方课程', '中小学齐文化教育', '齐文化研学实践'],
    facts: [
      '全市已有{n}所中小学开设齐文化地方课程，编写出版乡土教材《齐文化读本》{s}册',
      '{Y}年，全市组织中小学生到齐文化研学基地开展实践活动{n}批次，参与学生{w}万人次',
      '部分学校将蹴鞠、齐笔书法、陶艺等纳入课后服务内容，受到学生和家长欢迎',
    ],
    sugg: [
      '建议将齐文化教育纳入全市中小学地方课程体系，统一课程标准，配齐配强专兼职教师',
      '要加强研学基地建设和管理，制定研学课程标准和安全规范，防止“只游不学”“只学不研”',
    ],
  },
  {
    t: '齐文化数字化建设',
    ents: ['数字博物馆', '5G+智慧景区', '文物数字化', '齐文化数据库'],
    facts: [
      '我市已完成馆藏文物三维数字化采集{n}件（套），建成齐文化数字资源库，数据总量超过{n}TB',
      '齐国故城遗址博物馆建成5G全覆盖的智慧展厅，游客通过手机App即可获取AR导览和语音讲解服务',
      '“云游齐都”线上平台上线以来，累计访问量达{w}万人次，其中VR全景展厅访问量占{p}',
    ],
    sugg: [
      '建议加快建设齐文化大数据中心，推进文物、古籍、非遗等资源数字化，实现“一网汇聚、开放共享”',
      '要运用AI、VR、AR和数字孪生等技术，开发沉浸式体验项目，推动齐文化“活起来”“火起来”',
      '建议加强数字版权保护，建立文物数字资源授权使用机制，释放数字资源的经济价值',
    ],
  },
  {
    t: '齐文化学术研究',
    ents: ['齐文化研究', '齐文化研究院', '《齐文化丛书》', '齐文化学术交流'],
    facts: [
      '齐文化研究院组织编纂的《齐文化丛书》已出版{n}卷，共计{n}00余万字',
      '{Y}年以来，我市学者承担国家社科基金齐文化相关课题{n}项，发表学术论文{n}0余篇',
      '中国（临淄）齐文化节已连续举办{n}届，成为展示齐文化研究成果的重要平台',
    ],
    sugg: [
      '建议设立齐文化研究专项课题，每年围绕重大理论和现实问题发布一批研究选题',
      '要加强与高校和科研院所的合作，柔性引进一批齐文化研究领军人才，打造高水平研究团队',
    ],
  },
  {
    t: '齐文化创意产业发展',
    ents: ['文创产品', '齐文化IP', '文化创意产业', '齐文化动漫'],
    facts: [
      '全市文化产业法人单位达到{n}家，{Y}年实现营业收入{n}亿元，同比增长{p}',
      '以“齐小鞠”为代表的齐文化IP形象推出以来，已开发文创产品{s}大类、{n}0余种',
      '一批文创企业通过电商平台销售齐文化文创产品，线上销售额占比达到{p}',
    ],
    sugg: [
      '建议设立文化创意产业引导基金，重点扶持一批具有齐文化特色的文创企业做大做强',
      '要举办齐文化创意设计大赛，面向全国征集优秀设计作品，推动创意成果转化',
      '建议打造齐文化文创产品统一品牌，完善线上线下销售网络，提高产品附加值',
    ],
  },
  {
    t: '齐文化助力乡村振兴',
    ents: ['乡村振兴', '齐文化特色村落', '乡村旅游', '传统村落'],
    facts: [
      '全市已有{n}个村入选省级以上传统村落名录，{n}个村被评为乡村旅游重点村',
      '一些村依托齐文化资源发展民宿、农家乐和手工作坊，{Y}年村集体经济收入平均增长{p}',
      '齐都镇等镇街把齐文化元素融入村庄规划和风貌整治，形成了一批各具特色的美丽乡村',
    ],
    sugg: [
      '建议开展齐文化特色村落认定工作，对认定村落给予规划、资金和项目支持',
      '要引导村民参与齐文化保护和乡村旅游经营，让群众在文化传承中得实惠、增收入',
    ],
  },
  {
    t: '齐文化对外交流传播',
    ents: ['对外交流', '齐文化国际传播', '海外推介', '国际文化交流活动'],
    facts: [
      '{Y}年以来，我市先后赴日本、韩国、新加坡等国家和地区举办齐文化推介活动{n}场次',
      '齐文化主题展览在海外{n}个城市巡展，观众累计超过{w}万人次',
      '我市与{s}个国际友好城市建立了文化交流机制，每年互派文化交流团组',
    ],
    sugg: [
      '建议用好国际友城、海外侨胞和留学生等资源，构建多层次、多渠道的齐文化对外传播体系',
      '要组织翻译出版齐文化经典和研究成果的外文版，讲好中国故事、齐国故事',
    ],
  },
  {
    t: '齐文化宣传推介',
    ents: ['宣传推介', '齐文化传播', '新媒体传播', '城市形象宣传'],
    facts: [
      '我市在主流媒体开设齐文化专栏，{Y}年刊播齐文化相关报道{n}00余篇（条）',
      '短视频平台“齐文化”话题播放量突破{n}亿次，一批网络达人自发宣传齐都风物',
      '纪录片《齐国》在中央电视台播出后引发广泛关注，带动了齐文化旅游热',
    ],
    sugg: [
      '建议制定齐文化宣传推介年度计划，统筹各类媒体资源，形成宣传合力',
      '要适应分众化、差异化传播趋势，多用短视频、微纪录片等形式讲好齐文化故事，避免空洞说教、啰嗦冗长',
    ],
  },
  {
    t: '文博人才队伍建设',
    ents: ['文博人才', '考古专业人才', '讲解员队伍', '基层文物保护力量'],
    facts: [
      '全市文物系统现有专业技术人员{n}0余人，其中具有高级职称的仅占{p}，考古、文物修复等专业人才尤为紧缺',
      '我市与高校合作开设文物修复、旅游管理等定向培养专业，已培养毕业生{n}0余名',
      '各景区、博物馆现有专兼职讲解员{n}0余名，志愿讲解员队伍不断壮大',
    ],
    sugg: [
      '建议把文博人才纳入全市重点人才工程，在职称评审、岗位设置和待遇保障等方面给予倾斜',
      '要完善基层文物保护员制度，落实必要的工作经费和补贴，稳定基层文物保护队伍',
    ],
  },
  {
    t: '齐文化遗产保护法治保障',
    ents: ['文物保护法治建设', '地方性法规', '文物安全', '遗产保护执法'],
    facts: [
      '《××市齐国故城遗址保护条例》实施以来，遗址区内违法建设得到有效遏制',
      '{Y}年，全市开展文物安全检查{n}0余次，发现并整改安全隐患{n}处',
      '市检察院与市文物局建立了文物和文化遗产保护公益诉讼协作机制，办理相关案件{n}件',
    ],
    sugg: [
      '建议适时启动齐长城、稷下学宫等重要遗址保护的地方立法工作，做到一址一法、依法保护',
      '要加强文物行政执法队伍建设，运用卫星遥感、无人机巡查等技术手段，提升执法效能',
    ],
  },
  {
    t: '齐文化融入公共文化服务',
    ents: ['公共文化服务', '城市书房', '齐文化讲堂', '群众文化活动'],
    facts: [
      '全市已建成城市书房{n}处、齐文化讲堂{n}个，{Y}年举办公益讲座和展览{n}0余场',
      '“齐风雅韵”群众文化活动品牌每年举办演出{n}0余场次，惠及群众{w}万人次',
      '市图书馆设立齐文化文献专区，收藏相关文献{n}千余种',
    ],
    sugg: [
      '建议把齐文化内容纳入基层综合性文化服务中心服务目录，推动优质文化资源向基层延伸',
      '要鼓励社会力量参与公共文化服务，支持民间文艺团体创作演出齐文化题材作品',
    ],
  },
  {
    t: '齐文化与城市品牌塑造',
    ents: ['城市品牌', '“齐文化发祥地”城市名片', '城市文化形象', '城市更新'],
    facts: [
      '我市提出建设“齐文化传承创新示范区”的目标，将齐文化元素融入城市规划、建筑风貌和公共空间设计',
      '齐文化主题街区改造项目总投资{n}亿元，建成后年客流量预计达到{w}万人次',
      '城市形象标识系统以齐国刀币、瓦当纹样等为设计元素，辨识度显著提升',
    ],
    sugg: [
      '建议制定齐文化城市风貌导则，在城市更新中保留历史记忆、延续文化脉络，防止“千城一面”',
      '要统一城市品牌形象，在交通枢纽、城市门户等重要节点集中展示齐文化符号',
    ],
  },
  {
    t: '齐文化创造性转化创新性发展',
    ents: ['齐文化', '齐文化精神', '齐文化资源', '中华优秀传统文化'],
    facts: [
      '齐文化是中华优秀传统文化的重要组成部分，具有变革创新、开放包容、务实重商、尊贤尚功的鲜明特质',
      '齐文化与鲁文化共同构成了齐鲁文化的主体，对中华文明的形成和发展产生了深远影响',
      '市委、市政府把齐文化传承创新作为建设文化强市的重要抓手，连续{s}年将其写入政府工作报告',
    ],
    sugg: [
      '建议坚持守正创新，在保护中发展、在发展中保护，推动齐文化创造性转化、创新性发展',
      '要把齐文化中变革创新、开放包容的精神转化为推动改革发展的动力，为现代化建设提供精神支撑',
    ],
  },
];

/** Generic sentences about achievements, with a lead phrase and an optional tail. */
const LEADS = [
  '近年来，',
  '从调研情况看，',
  '总的来看，',
  '与此同时，',
  '实践证明，',
  '据统计，',
  '特别是',
  '',
  '',
  '',
  '目前，',
  '{Y}年以来，',
];
const SUBJECTS = [
  '我市',
  '临淄区',
  '市文化和旅游局',
  '各级文物部门',
  '相关区县',
  '市齐文化研究院',
  '各有关部门',
  '全市上下',
];
const ACHIEVE_VP = [
  '坚持把{E}摆在突出位置，出台了一系列政策措施',
  '围绕{E}谋划实施了一批重点项目，总投资达{n}亿元',
  '深入挖掘{E}的历史价值和时代内涵，推出了一批有影响的研究成果',
  '把{E}纳入全市文化发展总体布局统筹推进',
  '聚焦{E}，建立了部门协同、上下联动的工作机制',
  '积极推进{E}与教育、体育、科技等领域融合发展',
  '持续加大对{E}的投入力度，{Y}年落实专项资金{n}00万元',
  '依托{E}举办了一系列主题活动，参与群众达{w}万人次',
];
ACHIEVE_VP.push(
  '组织开展了{E}资源普查，摸清了家底',
  '推动{E}相关项目纳入省级重点文化项目库',
  '与{n}所高校和科研院所签订了合作协议，共同推进{E}研究',
  '在{E}方面探索形成了一批可复制、可推广的经验做法',
  '编制完成了{E}专项规划，明确了今后一个时期的发展目标和重点任务',
  '创新开展“{E}+”系列活动，吸引了大批年轻人参与',
);
const ACHIEVE_TAIL = [
  '，取得了明显成效',
  '，社会反响良好',
  '，为建设文化强市提供了有力支撑',
  '，群众的获得感明显增强',
  '',
  '，走在了全省前列',
];

const PROBLEMS = [
  '对{E}的系统研究和整体阐释还不够深入，碎片化、浅表化问题依然存在',
  '专业人才特别是懂文物、会经营、善策划的复合型人才较为匮乏，人才“引不来、留不住”的问题比较突出',
  '资金投入渠道单一，主要依靠财政投入，社会资本参与的积极性不高',
  '宣传推介手段相对传统，在抖音、微信视频号等新媒体平台上的传播力和影响力有限',
  '部分景区产品同质化现象突出，游客停留时间短、二次消费少，“过境游”多、“过夜游”少',
  '部门之间协调联动不够，存在“各管一段、各自为战”的现象，尚未形成工作合力',
  '一些地方重开发、轻保护，个别遗址周边存在违规建设、环境脏乱等问题',
  '有的单位在推进工作中存在文件多、会议多、材料啰嗦冗长而落实不够的现象',
  '文旅产品的科技含量不高，数字化、智能化体验项目偏少，对年轻群体的吸引力不足',
  '基层文化设施利用率不高，一些文化场馆存在“建而不用、用而不活”的情况',
  '齐文化品牌的整体形象还不够鲜明，与曲阜、泰安等周边城市相比，知名度和美誉度仍有较大差距',
  '相关政策的配套细则不够完善，一些扶持措施落地难、见效慢',
];

const PROBLEM_WHO = ['一些地方', '个别部门', '部分景区', '有的区县', '少数单位', '一些基层文化单位'];
const PROBLEM_WHAT = [
  '对{E}的重视程度还不够',
  '在{T}方面的投入相对不足',
  '推进{T}的工作举措针对性不强',
  '对{E}的保护利用仍停留在“看”的层面',
  '缺乏对{E}的长远谋划',
  '在运营管理上专业化、市场化程度不高',
  '对群众的参与热情引导不够',
];
const PROBLEM_TAIL = ['，影响了整体工作成效', '，与群众期待还有一定差距', '，亟待加以改进', '，需要引起高度重视', ''];
const SUGG_LEAD = ['建议', '要', '应当', '可考虑', '建议有关部门'];
/** Verb and object that go together (a free combination reads wrong: "探索……储备库"). */
const SUGG_PAIRS = [
  '加快建立{E}保护利用长效机制',
  '积极探索“齐文化+”产业融合发展新模式',
  '着力构建覆盖城乡的齐文化传播网络',
  '进一步完善{E}展示利用体系',
  '研究出台支持{T}的财政、土地和金融政策',
  '建立健全{T}工作的监测评估体系',
  '搭建齐文化资源共建共享平台',
  '建立{T}重点项目储备库，实行动态管理',
  '健全政府主导、社会参与、市场运作的多元投入机制',
  '统筹推进{E}的保护与利用',
  '持续深化{T}领域的交流合作',
];
const SUGG_TAIL = [
  '，切实提高工作的系统性和整体性',
  '，推动各项措施落地见效',
  '，确保取得实效',
  '，为{T}提供有力保障',
  '',
];

const SUGGEST_GENERIC = [
  '建议由市委宣传部牵头，会同市文化和旅游局、市教育局等部门，研究制定{T}三年行动计划，明确目标任务和责任分工',
  '要坚持规划先行，把{E}纳入国土空间规划和文化发展规划统筹考虑，做到一张蓝图绘到底',
  '建议设立{T}专项资金，采取以奖代补、贷款贴息等方式，引导社会资本积极参与',
  '要建立健全考核评价机制，把{T}工作纳入各区县和有关部门的年度考核内容',
  '要充分发挥政协委员和各民主党派、工商联的优势，广泛凝聚推动{T}的智慧和力量',
  '建议定期召开{T}工作联席会议，及时研究解决工作中遇到的重大问题',
  '要坚持以人民为中心，让广大群众共享{T}的成果，不断增强文化自信',
  '建议加强与省内外先进地区的交流学习，借鉴其在{T}方面的成功经验',
];

const SUGG_HEADINGS = [
  '强化规划引领',
  '加大保护力度',
  '推动融合发展',
  '创新传播方式',
  '加强人才队伍建设',
  '完善政策保障',
  '深化学术研究',
  '拓展交流合作',
  '用好数字技术',
  '健全体制机制',
  '坚持守正创新',
  '突出品牌打造',
];
const SUGG_HEADING_TAILS = ['，高标准推进{T}', '，夯实发展基础', '，形成工作合力', '，提升{E}影响力', '', '', ''];
const PROBLEM_HEADINGS = [
  '保护利用水平有待提升',
  '融合发展深度不够',
  '品牌影响力不强',
  '人才支撑不足',
  '资金投入渠道单一',
  '体制机制尚不健全',
  '宣传推介力度不够',
  '产品供给质量不高',
];
/** Two ways a speech is built: analysis (meaning → progress → problems → proposals) or themes. */
const SPEECH_ANALYTIC = ['深刻认识{T}的重要意义', '{T}取得的积极进展', '当前面临的突出问题', '推动{T}的几点建议'];
const SPEECH_THEMES = [
  '坚持守正创新，激活{E}的时代价值',
  '坚持规划引领，绘好{T}的“一张蓝图”',
  '坚持开放包容，讲好新时代的齐文化故事',
  '强化统筹协调，形成推动{T}的工作合力',
  '坚持人才为本，夯实{T}的发展基础',
  '突出融合发展，拓展齐文化传承创新的实践路径',
];
const LEVEL3_HEADINGS = [
  '完善顶层设计',
  '加强资金保障',
  '健全协调机制',
  '强化督查落实',
  '培育市场主体',
  '优化营商环境',
  '加强宣传引导',
  '注重示范带动',
];
const LEVEL4_HEADINGS = ['编制专项规划', '出台扶持政策', '建立项目库', '开展试点示范', '强化考核评估', '加强队伍建设'];

const TITLES: Record<'speech' | 'written' | 'report', string[]> = {
  speech: [
    '关于{T}的几点思考',
    '深化{T} 推动齐文化创造性转化、创新性发展',
    '让{H}在新时代焕发新光彩',
    '以{T}为抓手 为建设文化强市贡献政协力量',
    '在{T}中展现新担当新作为',
  ],
  written: [
    '关于加强{T}的建议',
    '关于进一步推动{T}工作的建议',
    '以{T}为抓手 助力文化强市建设',
    '关于{T}的思考与建议',
    '进一步做好{T}工作的几点建议',
    '关于在{T}中更好发挥市场主体作用的建议',
    '关于以{T}为切入点推动我市文化事业和文化产业繁荣发展的建议',
  ],
  report: [
    '关于我市{T}情况的调研报告',
    '关于{T}工作的调研与思考',
    '{T}的现状、问题与对策——基于临淄区{n}个村（社区）的调研',
    '关于推进{T}高质量发展的调研报告',
  ],
};

const OPENINGS: Record<'speech' | 'written' | 'report', string[]> = {
  speech: [
    '齐文化源远流长、博大精深，是中华优秀传统文化的重要组成部分。围绕本次常委会会议主题，结合前期调研情况，我就{T}谈几点认识和建议',
    '按照会议安排，我就{T}作个发言。不当之处，请各位常委批评指正',
    '推动齐文化传承与创新，是市委交给市政协的一项重要课题。这次会议聚焦这一主题开展协商议政，很有意义。下面，我结合自身工作实际，就{T}谈几点体会',
  ],
  written: [
    '{T}是推动齐文化传承与创新的重要内容，对于彰显城市特色、提升文化软实力具有重要意义',
    '近年来，我市高度重视{T}工作，取得了积极成效，但与群众期盼和发展要求相比，仍存在一些短板和不足',
    '为深入了解{T}情况，今年{M}月以来，我们通过实地走访、座谈交流、问卷调查等方式开展了专题调研，现将有关情况和建议报告如下',
  ],
  report: [
    '为深入贯彻市委关于推动齐文化传承与创新的部署要求，市政协围绕{T}开展专题调研。调研组于{Y}年{M}月至{M}月，先后深入临淄区、××县等地，实地察看了{n}个项目点，召开座谈会{n}次，发放调查问卷{n}00余份，形成了本调研报告',
    '按照市政协年度协商工作计划，由分管副主席带队，组织部分常委、委员和专家学者组成调研组，围绕{T}进行了专题调研。现将调研情况报告如下',
  ],
};

const CLOSINGS: Record<'speech' | 'written' | 'report', string[]> = {
  speech: [
    '各位常委，推动齐文化传承与创新，功在当代、利在千秋。让我们在市委的坚强领导下，凝心聚力、担当作为，为建设新时代现代化强市作出新的更大贡献',
    '以上发言，不妥之处，请各位常委批评指正。谢谢大家',
    '各位常委，文化兴则城市兴。我们将立足本职、积极作为，在推动{T}中贡献更多智慧和力量',
    '齐文化是我们共同的精神家园。让我们携起手来，守护好、传承好、发展好这份宝贵遗产，让千年齐风在新时代绽放新的光彩',
  ],
  written: [
    '以上意见，供参考',
    '我们将继续围绕{T}深入调查研究，积极建言献策，为推动齐文化传承与创新贡献智慧和力量',
    '以上建议，恳请市委、市政府及有关部门研究采纳',
    '相信通过各方共同努力，{T}一定能够取得新的更大成效',
  ],
  report: [
    '总之，{T}是一项长期而艰巨的任务，需要全社会共同努力。我们相信，只要坚持久久为功，齐文化一定能够在新时代焕发出更加璀璨的光彩',
    '调研组将持续关注{T}工作进展，适时开展跟踪调研和民主监督，推动各项建议落到实处',
    '以上报告，请予审议',
  ],
};

const FOOTNOTES = [
  '数据来源：××市统计局《{Y}年××市国民经济和社会发展统计公报》',
  '数据来源：××市文化和旅游局，统计口径为全市A级旅游景区接待人次',
  '参见《管子·牧民》：“仓廪实则知礼节，衣食足则知荣辱。”',
  '调研组根据问卷调查结果整理，有效问卷{n}00余份',
  '参见《史记·齐太公世家》：“太公至国，修政，因其俗，简其礼，通商工之业，便鱼盐之利，而人民多归齐，齐为大国。”',
  '数据来源：市文物局《全市不可移动文物资源调查报告》（{Y}年）',
];

/** Sites for the long table (split across a page). */
const SITES: [string, string, string][] = [
  ['齐国故城遗址', '古遗址', '全国重点'],
  ['稷下学宫遗址', '古遗址', '全国重点'],
  ['东周殉马坑', '古墓葬', '全国重点'],
  ['田齐王陵', '古墓葬', '全国重点'],
  ['齐长城遗址（临淄段）', '古建筑', '全国重点'],
  ['桓公台遗址', '古遗址', '全国重点'],
  ['齐国故城排水道口', '古遗址', '全国重点'],
  ['后李文化遗址', '古遗址', '全国重点'],
  ['二王冢', '古墓葬', '省级'],
  ['四王冢', '古墓葬', '省级'],
  ['管仲墓', '古墓葬', '省级'],
  ['晏婴墓', '古墓葬', '省级'],
  ['姜太公衣冠冢', '古墓葬', '省级'],
  ['齐都古车博物馆旧址', '近现代建筑', '市级'],
  ['梧台遗址', '古遗址', '省级'],
  ['愚公山汉墓群', '古墓葬', '市级'],
  ['大夫观遗址', '古遗址', '市级'],
  ['淄河古渡口', '古遗址', '市级'],
  ['齐陵街道古井群', '古建筑', '市级'],
  ['牛山遗址', '古遗址', '市级'],
  ['天齐渊遗址', '古遗址', '省级'],
  ['西天寺遗址', '古遗址', '市级'],
  ['金岭镇清真寺', '古建筑', '省级'],
  ['南马坊汉代窑址', '古遗址', '市级'],
  ['孙娄古村落', '古建筑', '市级'],
  ['辛店古商道', '古遗址', '县级'],
  ['朱台汉墓', '古墓葬', '县级'],
  ['凤凰山烽火台', '古建筑', '县级'],
  ['皇城营古城址', '古遗址', '县级'],
  ['敬仲镇古窑址', '古遗址', '县级'],
];

// ---------------------------------------------------------------- randomness and slots

/** mulberry32 (test/helpers/rng.ts): identical on every platform — the output must be byte-stable. */
function prng(seed: number) {
  const { next, int, pick } = rng(seed);
  const chance = (p: number) => next() < p;
  const shuffle = <T>(arr: readonly T[]): T[] => {
    const a2 = [...arr];
    for (let i = a2.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a2[i], a2[j]] = [a2[j], a2[i]];
    }
    return a2;
  };
  return { next, int, pick, chance, shuffle };
}
type Rng = ReturnType<typeof prng>;

type Kind = 'speech' | 'written' | 'report';

/** One item being written: its topic, randomness, what it already used (no sentence twice). */
class Writer {
  private readonly used = new Set<string>();
  private notes: string[] = [];
  private lastLead = '';
  /** Markdown heading style for this item: explicit "## 一、" or a plain "一、" line. */
  readonly mdHeadings: boolean;

  constructor(
    readonly rng: Rng,
    readonly topic: Topic,
    readonly kind: Kind,
  ) {
    this.mdHeadings = rng.chance(0.5);
  }

  fill(tpl: string): string {
    const r = this.rng;
    return tpl
      .replace(/\{T\}/g, this.topic.t)
      .replace(/\{E\}/g, () => r.pick(this.topic.ents))
      .replace(/\{Y\}/g, () => String(r.int(2019, 2022)))
      .replace(/\{M\}/g, () => String(r.int(3, 8)))
      .replace(/\{H\}/g, this.topic.hero ?? '齐文化')
      .replace(/\{n\}/g, () => String(r.int(12, 48)))
      .replace(/\{s\}/g, () => String(r.int(2, 9)))
      .replace(/\{w\}/g, () => (r.int(12, 980) / 10).toFixed(1))
      .replace(/\{p\}/g, () => `${(r.int(15, 260) / 10).toFixed(1)}%`);
  }

  /** A fresh template from the bank (each used once per item while the bank lasts). */
  private fresh(bank: readonly string[]): string {
    const left = bank.filter((s) => !this.used.has(s));
    const tpl = this.rng.pick(left.length ? left : bank);
    this.used.add(tpl);
    return tpl;
  }

  achievement(): string {
    const r = this.rng;
    const vp = this.left(ACHIEVE_VP).length ? this.fresh(ACHIEVE_VP) : r.pick(ACHIEVE_VP);
    // The same lead twice in a row ("实践证明……实践证明……") reads as generated.
    let lead = r.pick(LEADS);
    if (lead && lead === this.lastLead) lead = '';
    this.lastLead = lead;
    return this.fill(`${lead}${r.pick(SUBJECTS)}${vp}${r.pick(ACHIEVE_TAIL)}`);
  }
  private left(bank: readonly string[]): string[] {
    return bank.filter((s) => !this.used.has(s));
  }
  /** A combination of parts not yet used in this item (the banks are small, items are long). */
  private combo(parts: readonly (readonly string[])[]): string {
    for (let tries = 0; tries < 20; tries++) {
      const s = parts.map((p) => this.rng.pick(p)).join('');
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
    return parts.map((p) => this.rng.pick(p)).join('');
  }
  /** The topic's facts in their written order (the first carries what the sample must show). */
  fact(): string {
    const left = this.left(this.topic.facts);
    if (!left.length) return this.achievement();
    this.used.add(left[0]);
    return this.fill(left[0]);
  }
  problem(): string {
    if (this.left(PROBLEMS).length && this.rng.chance(0.7)) return this.fill(this.fresh(PROBLEMS));
    return this.fill(this.combo([PROBLEM_WHO, PROBLEM_WHAT, PROBLEM_TAIL]));
  }
  suggestion(): string {
    const own = this.left(this.topic.sugg);
    if (own.length && this.rng.chance(0.6)) return this.fill(this.fresh(own));
    if (this.left(SUGGEST_GENERIC).length && this.rng.chance(0.5)) return this.fill(this.fresh(SUGGEST_GENERIC));
    return this.fill(this.combo([SUGG_LEAD, SUGG_PAIRS, SUGG_TAIL]));
  }

  /** A footnote reference (the definition is collected for the end of the file). */
  note(): string {
    this.notes.push(this.fill(this.fresh(FOOTNOTES)));
    return `[^${this.notes.length}]`;
  }
  footnoteDefs(): string[] {
    return this.notes.map((n, i) => `[^${i + 1}]: ${n}。`);
  }

  /** Sentences joined into a paragraph, occasionally with a footnote after a figure. */
  para(sentences: string[], allowNote = true): string {
    let s = sentences.join('。') + '。';
    if (allowNote && this.notes.length < 3 && /\d/.test(s) && this.rng.chance(0.18)) s += this.note();
    return s;
  }

  situationPara(): string {
    const r = this.rng;
    const n = r.int(2, 4);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(i === 0 || r.chance(0.55) ? this.fact() : this.achievement());
    return this.para(out);
  }

  problemPara(): string {
    const r = this.rng;
    if (r.chance(0.45)) {
      const n = r.int(2, 3);
      const ord = ['一是', '二是', '三是'];
      const parts = Array.from({ length: n }, (_, i) => `**${ord[i]}**${this.problem()}`);
      return `${r.pick(['调研中也发现，', '同时也要看到，', '存在的问题主要表现在：', ''])}${parts.join('；')}。`;
    }
    return this.para([this.problem(), this.problem()]);
  }

  suggestionPara(): string {
    const n = this.rng.int(2, 3);
    return this.para(Array.from({ length: n }, () => this.suggestion()));
  }

  h(level: 1 | 2 | 3 | 4, text: string): string {
    if (level === 1) return this.mdHeadings ? `## ${text}` : text;
    if (level === 2) return this.mdHeadings ? `### ${text}` : text;
    if (level === 3) return this.mdHeadings && this.rng.chance(0.5) ? `#### ${text}` : text;
    return text;
  }
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Visible length of a Markdown chunk, roughly what the reader will keep (for the length budget). */
function visibleLength(md: string): number {
  return md
    .replace(/data:[^)\s"]+/g, '')
    .replace(/\[\^\d+\]|\*\*|#+ |\||-{3,}|:?-{3,}:?/g, '')
    .replace(/\s+/g, '').length;
}

interface Part {
  chunks: string[];
  filler?: () => string;
}

/** The body of one item as Markdown chunks (separated by blank lines when written). */
function writeBody(w: Writer, target: number, extras: { longTable: boolean; chart: boolean; list: boolean }): string[] {
  const r = w.rng;
  const parts: Part[] = [];
  const opening = w.para([w.fill(r.pick(OPENINGS[w.kind]))], false);
  const tails = r.shuffle(SUGG_HEADING_TAILS);

  if (w.kind === 'speech') {
    // Analytic speeches keep their order (the last part is always the proposals); themed ones any 3–4.
    const heads = r.chance(0.5)
      ? r.pick([SPEECH_ANALYTIC, SPEECH_ANALYTIC.slice(1), [SPEECH_ANALYTIC[0], ...SPEECH_ANALYTIC.slice(2)]])
      : r.shuffle(SPEECH_THEMES).slice(0, r.int(3, 4));
    heads.forEach((h, i) => {
      const text = `${CN[i]}、${w.fill(h)}`;
      const isProblem = h.includes('问题');
      const isSugg = h.includes('建议');
      const filler = () =>
        isProblem
          ? w.problemPara()
          : isSugg
            ? w.suggestionPara()
            : r.chance(0.5)
              ? w.situationPara()
              : w.suggestionPara();
      parts.push({ chunks: [w.h(1, text), filler()], filler });
    });
  } else if (w.kind === 'written') {
    const style = r.int(0, 2);
    parts.push({ chunks: [w.h(1, '一、基本情况'), w.situationPara()], filler: () => w.situationPara() });
    parts.push({ chunks: [w.h(1, '二、存在的主要问题'), w.problemPara()], filler: () => w.problemPara() });
    const sugg: Part = { chunks: [w.h(1, '三、几点建议')] };
    if (style === 0 || extras.list) {
      // Numbered measures as a Markdown list.
      const items = Array.from({ length: r.int(3, 5) }, () => w.suggestion() + '。');
      const ordered = r.chance(0.7);
      const paren = ordered && r.chance(0.3);
      sugg.chunks.push(r.pick(['具体建议如下：', '为此，建议：', '对此，我们建议：']));
      sugg.chunks.push(items.map((t, i) => (ordered ? `${i + 1}${paren ? ')' : '.'} ${t}` : `- ${t}`)).join('\n'));
      sugg.filler = () => w.suggestionPara();
    } else {
      const heads = r.shuffle(SUGG_HEADINGS).slice(0, r.int(3, 4));
      heads.forEach((h, i) => {
        sugg.chunks.push(w.h(2, `（${CN[i]}）${w.fill(h + tails[i % tails.length])}`));
        sugg.chunks.push(w.suggestionPara());
      });
      sugg.filler = () => w.suggestionPara();
    }
    parts.push(sugg);
  } else {
    // Report: 基本情况 (table, chart) → 问题 (（一）…) → 对策建议 (（一） 1. （1）).
    const basic: Part = { chunks: [w.h(1, '一、基本情况'), w.situationPara()], filler: () => w.situationPara() };
    basic.chunks.push(visitorTable(w));
    if (extras.chart) basic.chunks.push(chartImage(w));
    if (extras.longTable)
      basic.chunks.push(
        w.para(
          [w.fill('从全市文物资源分布看，齐文化遗址遗迹数量多、分布广、类型丰富，其中全国重点文物保护单位{n}处')],
          false,
        ),
        longSiteTable(w),
      );
    parts.push(basic);
    const probs: Part = { chunks: [w.h(1, '二、存在的主要问题')] };
    r.shuffle(PROBLEM_HEADINGS)
      .slice(0, r.int(3, 4))
      .forEach((h, i) => {
        probs.chunks.push(w.h(2, `（${CN[i]}）${h}`), w.problemPara());
      });
    probs.filler = () => w.problemPara();
    parts.push(probs);
    const sugg: Part = { chunks: [w.h(1, '三、对策建议')] };
    r.shuffle(SUGG_HEADINGS)
      .slice(0, r.int(3, 5))
      .forEach((h, i) => {
        sugg.chunks.push(w.h(2, `（${CN[i]}）${w.fill(h + tails[i % tails.length])}`), w.suggestionPara());
        if (i === 0) {
          r.shuffle(LEVEL3_HEADINGS)
            .slice(0, r.int(2, 3))
            .forEach((h3, j) => {
              sugg.chunks.push(w.h(3, `${j + 1}.${h3}`), w.suggestionPara());
              if (j === 0 && r.chance(0.6)) {
                r.shuffle(LEVEL4_HEADINGS)
                  .slice(0, 2)
                  .forEach((h4, k) => sugg.chunks.push(w.h(4, `（${k + 1}）${h4}`), w.para([w.suggestion()])));
              }
            });
        }
      });
    if (extras.list) {
      sugg.chunks.push('近期可重点抓好以下工作：', Array.from({ length: 3 }, () => `- ${w.suggestion()}。`).join('\n'));
    }
    sugg.filler = () => w.suggestionPara();
    parts.push(sugg);
  }

  const closing = w.para([w.fill(r.pick(CLOSINGS[w.kind]))], false);
  const length = () => visibleLength(opening + closing + parts.map((p) => p.chunks.join('')).join(''));
  let guard = 0;
  while (length() < target && guard++ < 60) {
    const fillable = parts.filter((p) => p.filler);
    const p = r.pick(fillable);
    p.chunks.push(p.filler!());
  }
  return [opening, ...parts.flatMap((p) => p.chunks), closing];
}

/** Prose chunks as "　　" lines without blank lines; tables, lists, images and # headings keep theirs. */
function joinIndented(chunks: string[]): string {
  const prose = (c: string) => !/^(#|\||!\[|- |\d+[.)] |表\d|\[\^)/.test(c) && !c.includes('\n');
  let out = '';
  chunks.forEach((c, i) => {
    if (i === 0) out = prose(c) ? `\u3000\u3000${c}` : c;
    else if (prose(c) && prose(chunks[i - 1])) out += `\n\u3000\u3000${c}`;
    else out += `\n\n${prose(c) ? '\u3000\u3000' : ''}${c}`;
  });
  return out;
}

// ---------------------------------------------------------------- tables and the chart

const VISITOR_COLS = ['齐国故城遗址博物馆', '足球博物馆', '稷下学宫遗址'];
const YEARS = [2018, 2019, 2020, 2021, 2022, 2023];

function visitorFigures(r: Rng): number[][] {
  // Plausible shape: growth, a 2020 slump, recovery; in 万人次 with one decimal.
  const base = VISITOR_COLS.map(() => r.int(200, 900) / 10);
  const factor = [1, 1.12, 0.46, 0.78, 0.84, 1.35];
  return YEARS.map((_, yi) => base.map((b) => Math.round(b * factor[yi] * (0.95 + r.next() * 0.1) * 10) / 10));
}

function visitorTable(w: Writer): string {
  const figs = visitorFigures(w.rng);
  const head = `| 年份 | ${VISITOR_COLS.join(' | ')} | 合计 |`;
  const sep = `|:---:|${VISITOR_COLS.map(() => '---:').join('|')}|---:|`;
  const rows = YEARS.map(
    (y, i) =>
      `| ${y}年 | ${figs[i].map((v) => v.toFixed(1)).join(' | ')} | ${figs[i].reduce((a, b) => a + b, 0).toFixed(1)} |`,
  );
  return `表1　${YEARS[0]}—${YEARS[YEARS.length - 1]}年主要齐文化景区接待游客情况（单位：万人次）\n\n${head}\n${sep}\n${rows.join('\n')}`;
}

function longSiteTable(w: Writer): string {
  const r = w.rng;
  const head = '| 序号 | 名称 | 类别 | 保护级别 | 2022年接待游客（万人次） |';
  const sep = '|:---:|---|:---:|:---:|---:|';
  const rows = SITES.map(
    ([name, cat, level], i) =>
      `| ${i + 1} | ${name} | ${cat} | ${level} | ${level === '县级' || r.chance(0.2) ? '—' : (r.int(5, 900) / 10).toFixed(1)} |`,
  );
  return `表2　临淄区主要齐文化遗址遗迹一览\n\n${head}\n${sep}\n${rows.join('\n')}`;
}

function chartImage(w: Writer): string {
  const figs = visitorFigures(w.rng).map((row) => Math.round(row.reduce((a, b) => a + b, 0)));
  const png = barChartPng(figs, YEARS);
  const caption = `图1　${YEARS[0]}—${YEARS[YEARS.length - 1]}年主要齐文化景区接待游客人次（万人次）`;
  return `![主要齐文化景区接待游客人次柱状图](data:image/png;base64,${toBase64(png)} "${caption}")`;
}

// A 3×5 pixel font for the chart's digits (no font rendering in the generator).
const DIGITS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
};

/** Draws a bar chart into an indexed (palette) buffer and encodes it as a PNG (fflate zlib, our CRC). */
export function barChartPng(values: number[], labels: number[]): Uint8Array {
  const W = 640;
  const H = 360;
  // Palette: 0 white, 1 grid, 2 axis, 3 bar, 4 text.
  const palette = [255, 255, 255, 220, 220, 220, 60, 60, 60, 178, 34, 34, 40, 40, 40];
  const px = new Uint8Array(W * H);
  const rect = (x0: number, y0: number, w: number, h: number, c: number) => {
    for (let y = Math.max(0, y0); y < Math.min(H, y0 + h); y++)
      px.fill(c, y * W + Math.max(0, x0), y * W + Math.min(W, x0 + w));
  };
  const text = (s: string, x: number, y: number, scale: number) => {
    for (const ch of s) {
      const g = DIGITS[ch];
      if (g)
        g.forEach((row, gy) =>
          [...row].forEach((bit, gx) => bit === '1' && rect(x + gx * scale, y + gy * scale, scale, scale, 4)),
        );
      x += 4 * scale;
    }
  };
  const left = 50;
  const bottom = H - 50;
  const top = 40;
  const max = Math.max(...values) * 1.1;
  for (let k = 1; k <= 4; k++) rect(left, bottom - Math.round(((bottom - top) * k) / 4), W - left - 20, 1, 1);
  rect(left, top, 2, bottom - top, 2);
  rect(left, bottom, W - left - 20, 2, 2);
  const slot = (W - left - 40) / values.length;
  values.forEach((v, i) => {
    const h = Math.round(((bottom - top) * v) / max);
    const x = Math.round(left + 20 + i * slot);
    const bw = Math.round(slot * 0.6);
    rect(x, bottom - h, bw, h, 3);
    const vs = String(v);
    text(vs, x + Math.round((bw - vs.length * 12) / 2), bottom - h - 20, 3);
    const ls = String(labels[i]);
    text(ls, x + Math.round((bw - ls.length * 12) / 2), bottom + 14, 3);
  });
  const raw = new Uint8Array(H * (W + 1));
  for (let y = 0; y < H; y++) raw.set(px.subarray(y * W, (y + 1) * W), y * (W + 1) + 1);
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, W);
  dv.setUint32(4, H);
  ihdr.set([8, 3, 0, 0, 0], 8);
  return concatBytes([
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', ihdr),
    pngChunk('PLTE', new Uint8Array(palette)),
    pngChunk('IDAT', zlibSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------- the session

export interface GenerateOptions {
  /** Number of submissions (and members); 55 gives the committed sample. */
  items?: number;
  seed?: number;
}

export interface GeneratedSession {
  session: SessionInput;
  /** Source files by path relative to the session folder ("sources/001-speech.md"). */
  files: Map<string, string>;
}

export const SAMPLE_SEED = 20230920;
const RANK_PREFIX: Record<RosterEntry['rank'], string> = {
  主席: '市政协主席',
  副主席: '市政协副主席',
  秘书长: '市政协秘书长',
  常委: '市政协常委',
};

function rosterFor(n: number): RosterEntry[] {
  const out = ROSTER.slice(0, Math.min(n, ROSTER.length));
  for (let i = 0; out.length < n; i++) {
    const name =
      EXTRA_SURNAMES[i % EXTRA_SURNAMES.length] +
      EXTRA_GIVEN[Math.floor(i / EXTRA_SURNAMES.length) % EXTRA_GIVEN.length];
    const src = ROSTER[7 + (i % (ROSTER.length - 7))];
    out.push({ ...src, name, ethnicity: undefined, rank: '常委' });
  }
  return out;
}

/** Generates a whole session: members, sections, submissions and their Markdown sources. */
export function generateSession(opts: GenerateOptions = {}): GeneratedSession {
  const n = opts.items ?? 55;
  const r = prng(opts.seed ?? SAMPLE_SEED);
  const roster = rosterFor(n);
  const members = roster.map((m, i) => {
    const title =
      m.rank === '常委'
        ? `市政协常委、${m.post}`
        : m.post.startsWith('市政协')
          ? m.post
          : `${RANK_PREFIX[m.rank]}、${m.post}`;
    return {
      id: `m${String(i + 1).padStart(3, '0')}`,
      name: m.name,
      gender: m.gender,
      ...(m.ethnicity ? { ethnicity: m.ethnicity } : {}),
      sector: m.sector,
      party: m.party,
      title,
      unit: m.unit,
      standing: true,
      rank: m.rank,
    };
  });

  const nSpeech = Math.round((n * 10) / 55);
  const nReport = Math.round((n * 15) / 55);
  const order = r.shuffle(members.map((_, i) => i));
  const kinds: Kind[] = order.map((_, k) => (k < nSpeech ? 'speech' : k < n - nReport ? 'written' : 'report'));
  const topics = r.shuffle(TOPICS);
  const titles = new Set<string>();
  const files = new Map<string, string>();
  const submissions = [];
  const sectionItems: Record<Kind, string[]> = { speech: [], written: [], report: [] };
  let reportNo = 0;
  let writtenNo = 0;

  for (let k = 0; k < n; k++) {
    const kind = kinds[k];
    const member = members[order[k]];
    const entry = roster[order[k]];
    const topic = topics[k % topics.length];
    const w = new Writer(r, topic, kind);
    // Title: the first unused of this kind's templates (in a random order).
    let title = '';
    for (const tpl of r.shuffle(TITLES[kind])) {
      title = w.fill(tpl);
      if (!titles.has(title)) break;
    }
    if (titles.has(title)) title = `${title}（之${CN[(k % 9) + 1]}）`;
    titles.add(title);

    const org = ORG_AUTHORS.find((o) => o.member === entry.name);
    const authorLine = org
      ? org.mode === 'org'
        ? org.org
        : `${member.name}（代表${org.org}）`
      : `${RANK_PREFIX[entry.rank]} ${member.name}`;

    if (kind === 'report') reportNo++;
    if (kind === 'written') writtenNo++;
    const extras = {
      longTable: kind === 'report' && (reportNo === 2 || reportNo % 12 === 9),
      chart: kind === 'report' && (reportNo === 1 || reportNo % 10 === 6),
      list: kind === 'written' ? writtenNo % 4 === 1 : kind === 'report' && reportNo % 5 === 3,
    };
    // Character budgets sized so the compiled dossier is about 160 pages (each item starts a page).
    const target = kind === 'speech' ? r.int(600, 920) : kind === 'written' ? r.int(480, 780) : r.int(1400, 2150);
    const body = writeBody(w, target, extras);
    const notes = w.footnoteDefs();
    const id = `s${String(k + 1).padStart(3, '0')}`;
    const file = `sources/${String(k + 1).padStart(3, '0')}-${kind}.md`;
    // About one item in five is written the way text pasted from Word looks: paragraphs as single
    // lines indented with two full-width spaces, no blank lines between them.
    const text = r.chance(0.2) ? joinIndented(body) : body.join('\n\n');
    const md = [
      '---',
      `title: ${title}`,
      `author: ${authorLine}`,
      '---',
      '',
      text,
      ...(notes.length ? ['', notes.join('\n')] : []),
      '',
    ].join('\n');
    files.set(file, md);
    const day = 1 + Math.floor((k * 14) / n);
    submissions.push({
      id,
      title,
      authorLine,
      memberIds: [member.id],
      ...(org?.mode === 'org' ? { tocAuthor: org.org } : {}),
      kind,
      source: { file, format: 'md' as const },
      receivedAt: `2023-09-${String(day).padStart(2, '0')}T${String(8 + r.int(0, 9)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`,
    });
    sectionItems[kind].push(id);
  }

  const session: SessionInput = {
    schemaVersion: 1,
    id: n === 55 ? 'qi-culture-2023' : `generated-${n}`,
    name: '政协××市第十三届委员会常务委员会第九次会议',
    theme: '齐文化传承与创新',
    bookTitle: '会议材料汇编',
    date: '2023-09-20',
    organiser: '政协××市委员会办公室',
    organiserSuffix: '编印',
    preface: `本汇编收录政协××市第十三届委员会常务委员会第九次会议大会发言${sectionItems.speech.length}篇、书面发言${sectionItems.written.length}篇、调研报告${sectionItems.report.length}篇，共${n}篇。部分材料在编印时作了文字处理。`,
    marks: { internal: true, secrecy: '', watermark: '', confidentialityLine: '' },
    members,
    sections: [
      { id: 'sec-speech', title: '大会发言', items: sectionItems.speech, sortRule: 'manual' },
      { id: 'sec-written', title: '书面发言', items: sectionItems.written, sortRule: 'manual' },
      { id: 'sec-report', title: '调研报告', items: sectionItems.report, sortRule: 'manual' },
    ],
    submissions,
  };
  return { session, files };
}

/** session.json text exactly as committed. */
export function sessionJson(session: SessionInput): string {
  return JSON.stringify(session, null, 2) + '\n';
}

/** README.md of the committed sample (written by the generator, like everything in the folder). */
export const SAMPLE_README = `# 示例会议：齐文化传承与创新

政协××市第十三届委员会常务委员会第九次会议的示例材料：55 名常委（人名、单位均为虚构），
大会发言、书面发言、调研报告共 55 篇，编译后约 160 页。用于演示、测试和性能基准。

本文件夹由 \`scripts/generate-sample.ts\` 生成，请勿手工修改；重新生成：

    npx tsx scripts/generate-sample.ts

A generated sample session (made-up names, units and figures). Do not edit by hand: regenerate it.
`;

/** Writes a generated session into dir (session.json + sources/), removing stale .md sources. */
export async function writeGeneratedSession(dir: string, gen: GeneratedSession): Promise<void> {
  const sources = path.join(dir, 'sources');
  await mkdir(sources, { recursive: true });
  for (const f of await readdir(sources))
    if (f.endsWith('.md') && !gen.files.has(`sources/${f}`)) await rm(path.join(sources, f));
  for (const [rel, text] of gen.files) await writeFile(path.join(dir, rel), text, 'utf8');
  await writeFile(path.join(dir, 'session.json'), sessionJson(gen.session), 'utf8');
  if (gen.session.id === 'qi-culture-2023') await writeFile(path.join(dir, 'README.md'), SAMPLE_README, 'utf8');
}

export const SAMPLE_DIR = fileURLToPath(new URL('../resources/samples/qi-culture/', import.meta.url));

// No top-level await: benches and tests may import this module from a CommonJS context.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { items: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  });
  const items = values.items ? Number(values.items) : undefined;
  const seed = values.seed ? Number(values.seed) : undefined;
  if (
    (items !== undefined && !(Number.isInteger(items) && items > 0)) ||
    (seed !== undefined && !Number.isInteger(seed))
  ) {
    console.error('用法：npx tsx scripts/generate-sample.ts [--items 篇数] [--seed 整数] [--out 文件夹]');
    process.exitCode = 2;
  } else {
    const dir = values.out ? path.resolve(values.out) : SAMPLE_DIR;
    const gen = generateSession({ items, seed });
    writeGeneratedSession(dir, gen).then(
      () => console.log(`已生成示例会议：${dir}（${gen.session.submissions?.length} 篇材料）`),
      (e: unknown) => {
        console.error(`生成示例会议失败：${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 1;
      },
    );
  }
}

// A session of realistic submissions for the make-up checks, generated from a seed: each item is a
// DOCX written the way a member's Word holds it (centred title, an optional ——subtitle, the author
// line, an optional date line, 一、/（一） headings, paragraphs of one to a dozen lines full of
// punctuation, quotes, book titles, numbers and Latin, real Word footnotes short and long, lists
// and captioned tables), read back through our DOCX importer. Nothing is copied from a corpus.
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { SourceDoc } from '../../core/model/document';
import { SessionSchema, type Session } from '../../core/model/session';
import { readDocx } from '../../core/read/docx/index';
import { rng as seededRng } from '../helpers/rng';

/** Small deterministic PRNG (mulberry32): a float in [0, 1). */
const rng = (seed: number): (() => number) => seededRng(seed).next;

const SUBJECTS = [
  '市政协',
  '各区县',
  '有关部门',
  '市文化和旅游局',
  '基层文化站',
  '非遗传承人',
  '社会资本',
  '高校和科研院所',
  '市齐文化研究院',
  '沿线村落',
];
const VERBS = [
  '深入挖掘',
  '统筹推进',
  '持续加大',
  '积极探索',
  '切实加强',
  '着力构建',
  '进一步完善',
  '加快建立',
  '认真落实',
  '广泛凝聚',
];
const OBJECTS = [
  '齐文化资源的时代价值',
  '文旅深度融合发展的体制机制',
  '公共文化服务体系',
  '非物质文化遗产保护传承',
  '重点项目储备库',
  '考核评价机制',
  '人才队伍建设',
  '数字化保护利用平台',
  '对外交流传播渠道',
  '乡村振兴的文化支撑',
];
const TAILS = [
  '取得了明显成效',
  '推动各项措施落地见效',
  '为高质量发展提供有力支撑',
  '群众的获得感明显增强',
  '形成了一批有影响的研究成果',
  '走在了全省前列',
  '切实提高工作的系统性和整体性',
  '还存在一些短板和不足',
];
const EXTRAS = [
  '“门票经济”向“产业经济”转变',
  '《齐文化丛书》编纂出版',
  '（以下简称“行动计划”）',
  '2023年接待游客1,700万人次',
  '增加值占GDP比重达到12.5%',
  '“一张蓝图绘到底”',
  '5G和VR技术的应用',
  '近三年累计投入资金3.2亿元',
];

function sentence(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const parts = [`${pick(SUBJECTS)}${pick(VERBS)}${pick(OBJECTS)}`];
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++)
    parts.push(r() < 0.3 ? pick(EXTRAS) : r() < 0.5 ? `${pick(VERBS)}${pick(OBJECTS)}` : pick(TAILS));
  const seps = ['，', '，', '，', '、', '；'];
  return parts.map((p, i) => (i ? pick(seps) : '') + p).join('') + (r() < 0.1 ? '？' : '。');
}

function paragraphText(r: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r)).join('');
}

const NUM = ['一', '二', '三', '四', '五', '六'];

export interface GeneratedItem {
  id: string;
  title: string;
  subtitle?: string;
  author: string;
  dateLine?: string;
  docx: Uint8Array;
}

/** One item as a DOCX. */
export async function generateItem(seed: number): Promise<GeneratedItem> {
  const r = rng(seed);
  const title = `关于${OBJECTS[seed % OBJECTS.length].replace(/的.*/, '')}${r() < 0.5 ? '推动齐文化创造性转化创新性发展' : ''}的${r() < 0.5 ? '建议' : '调研报告'}`;
  const subtitle = r() < 0.4 ? '——在政协××市第十三届委员会常务委员会第九次会议上的发言' : undefined;
  const author =
    r() < 0.7
      ? `市政协委员 ${['张', '王', '李', '赵', '欧阳'][seed % 5]}${['明', '建国', '晓梅', '喆', '堃'][(seed >> 2) % 5]}`
      : '民盟××市委会';
  const dateLine = r() < 0.4 ? `（2023年9月${1 + (seed % 28)}日）` : undefined;
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let noteNo = 0;
  const runsWithNote = (text: string): ParagraphChild[] => {
    const out: ParagraphChild[] = [new TextRun(text)];
    if (r() < 0.08) {
      noteNo++;
      const long = r() < 0.3;
      const note = long
        ? paragraphText(r, 4 + Math.floor(r() * 4))
        : `参见《${OBJECTS[noteNo % OBJECTS.length]}研究报告》，${2018 + (noteNo % 6)}年版。`;
      footnotes[noteNo] = { children: [new Paragraph({ children: [new TextRun(note)] })] };
      out.push(new FootnoteReferenceRun(noteNo));
    }
    return out;
  };
  const children: (Paragraph | Table)[] = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: title, size: 44, font: { eastAsia: '方正小标宋简体' } })],
    }),
  );
  if (subtitle)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: subtitle, font: { eastAsia: '楷体_GB2312' } })],
      }),
    );
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: author, font: { eastAsia: '楷体_GB2312' } })],
    }),
  );
  if (dateLine)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: dateLine, font: { eastAsia: '楷体_GB2312' } })],
      }),
    );
  children.push(new Paragraph({ children: [new TextRun(paragraphText(r, 2 + Math.floor(r() * 3)))] }));
  const sections = 2 + Math.floor(r() * 4);
  for (let s = 0; s < sections; s++) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${NUM[s]}、${OBJECTS[(seed + s) % OBJECTS.length]}`)],
      }),
    );
    const subs = Math.floor(r() * 3);
    for (let k = 0; k <= subs; k++) {
      if (subs)
        children.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            children: [
              new TextRun(
                `（${NUM[k]}）${VERBS[(seed + k) % VERBS.length]}${OBJECTS[(s + k) % OBJECTS.length].slice(0, 6)}`,
              ),
            ],
          }),
        );
      const paras = 1 + Math.floor(r() * 4);
      for (let p = 0; p < paras; p++)
        children.push(new Paragraph({ children: runsWithNote(paragraphText(r, 1 + Math.floor(r() * 6))) }));
      if (r() < 0.12) {
        children.push(
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`表${s + 1}　主要指标完成情况`)] }),
        );
        const rows = 3 + Math.floor(r() * 8);
        children.push(
          new Table({
            rows: Array.from(
              { length: rows },
              (_, i) =>
                new TableRow({
                  tableHeader: i === 0,
                  children: [0, 1, 2].map(
                    (c) =>
                      new TableCell({
                        children: [
                          new Paragraph(
                            i === 0
                              ? ['项目', '2022年', '2023年'][c]
                              : c === 0
                                ? OBJECTS[(i + s) % OBJECTS.length].slice(0, 8)
                                : String(Math.round(r() * 1000) / 10),
                          ),
                        ],
                      }),
                  ),
                }),
            ),
          }),
        );
      }
    }
  }
  children.push(new Paragraph({ children: [new TextRun(paragraphText(r, 1 + Math.floor(r() * 2)))] }));
  const doc = new Document({ footnotes, sections: [{ children }] });
  return { id: `g${seed}`, title, subtitle, author, dateLine, docx: new Uint8Array(await Packer.toBuffer(doc)) };
}

/** A session of `n` generated items in three groups, imported through the DOCX reader. */
export async function generatedSession(
  n: number,
  seed = 1,
): Promise<{ session: Session; docs: Map<string, SourceDoc> }> {
  const docs = new Map<string, SourceDoc>();
  const subs: Record<string, unknown>[] = [];
  for (let k = 0; k < n; k++) {
    const it = await generateItem(seed * 1000 + k);
    const read = await readDocx(it.docx, `${it.id}.docx`);
    if (!read.ok) throw new Error(`${it.id}: ${read.error.message}`);
    const doc = read.value;
    // The reader takes recognised front matter out of the body; the printed head comes from the submission.
    docs.set(it.id, doc);
    subs.push({
      id: it.id,
      title: it.title,
      authorLine: it.author,
      subtitle: it.subtitle,
      dateLine: it.dateLine,
      source: { file: `${it.id}.docx`, format: 'docx' },
    });
  }
  const ids = subs.map((s) => s.id as string);
  const third = Math.ceil(n / 3);
  const session = SessionSchema.parse({
    schemaVersion: 1,
    id: 'gen',
    name: '政协××市第十三届委员会常务委员会第九次会议',
    theme: '齐文化传承与创新',
    date: '2023-09-12',
    organiser: '政协××市委员会办公室',
    sections: [
      { id: 's1', title: '大会发言', items: ids.slice(0, third) },
      { id: 's2', title: '书面发言', items: ids.slice(third, 2 * third) },
      { id: 's3', title: '调研报告', items: ids.slice(2 * third) },
    ],
    submissions: subs,
  });
  return { session, docs };
}

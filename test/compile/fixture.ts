// A small session built in code for the compile tests: pure-Chinese paragraphs long enough to
// fill pages, paragraphs that force 禁则 cases, headings of every level, a list, a table that
// splits across pages, notes, rare characters (㛃 啰 瞭) that need a fallback font.
import type { Block, Inline, SourceDoc } from '../../core/model/document';
import { SessionSchema, type Session } from '../../core/model/session';

export const HAN = '政协委员围绕文化传承与创新积极建言献策推动各项工作取得新进展凝聚共识服务大局加强调查研究';
export const han = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, i) => HAN[(from + i) % HAN.length]).join('');
const t = (text: string): Inline[] => [{ type: 'text', text }];
const p = (text: string): Block => ({ type: 'paragraph', inlines: t(text) });

/** Paragraph texts that force the line breaker's prohibitions (first line holds 26 characters). */
export const KINSOKU_PARAS = [
  han(26) + '，' + han(40, 5),
  han(25, 2) + '“' + han(8) + '”' + han(30, 9),
  han(26, 4) + '……' + han(30, 1),
  han(26, 7) + '。”' + han(29, 3),
];
export const RARE = '王㛃同志啰唆瞭望';

export function pureDoc(pages: number): SourceDoc {
  const blocks: Block[] = [];
  for (let k = 0; k < pages * 5; k++) blocks.push(p(han(26 + 28 * 3 + 11, k)));
  return { blocks, footnotes: [], images: {}, warnings: [] };
}

export function mixedDoc(): SourceDoc {
  const rows = Array.from({ length: 40 }, (_, r) => ({
    cells: [0, 1, 2].map((c) => ({
      paragraphs: [
        {
          type: 'paragraph' as const,
          inlines: t(r === 0 ? ['项目', '内容', '数量'][c] : c === 2 ? String(r * 7) : han(6 + (r % 5), r + c)),
        },
      ],
    })),
  }));
  const blocks: Block[] = [
    { type: 'heading', level: 1, inlines: t('一、总体情况') },
    ...KINSOKU_PARAS.map(p),
    { type: 'heading', level: 2, inlines: t('（一）主要做法') },
    {
      type: 'paragraph',
      inlines: [
        { type: 'text', text: `${han(30)}全市GDP增长9.8%，` },
        { type: 'noteRef', id: 'n1' },
        { type: 'text', text: han(20, 3) },
      ],
    },
    { type: 'heading', level: 3, inlines: t('1.加强统筹') },
    {
      type: 'list',
      ordered: true,
      items: [
        { label: '（1）', level: 0, inlines: t(han(50)) },
        { label: '（2）', level: 0, inlines: t(han(12, 4)) },
      ],
    },
    { type: 'heading', level: 4, inlines: t('（1）突出重点') },
    p(`${RARE}${han(20)}`),
    { type: 'table', headerRows: 1, rows, caption: '表1 有关情况统计' },
    p(han(60, 8)),
  ];
  return {
    blocks,
    footnotes: [{ id: 'n1', kind: 'footnote', inlines: t('数据来源：市统计局。') }],
    images: {},
    warnings: [],
  };
}

export function fixtureSession(overrides: Record<string, unknown> = {}): {
  session: Session;
  docs: Map<string, SourceDoc>;
} {
  const session = SessionSchema.parse({
    schemaVersion: 1,
    id: 'fx',
    name: '政协测试市第一届委员会常务委员会第一次会议',
    theme: '测试主题',
    date: '2024-03-15',
    organiser: '政协测试市委员会办公室',
    marks: { internal: true, secrecy: '', watermark: '', confidentialityLine: '' },
    sections: [
      { id: 's1', title: '大会发言', items: ['a', 'b'] },
      { id: 's2', title: '书面发言', items: ['c'] },
    ],
    submissions: [
      {
        id: 'a',
        title: '关于推动文化传承与创新的几点思考',
        authorLine: '市政协常委 王㛃',
        source: { file: 'a.md', format: 'md' },
      },
      {
        id: 'b',
        title: '以文化传承为切入点推动我市文化事业和文化产业繁荣发展的建议',
        authorLine: '民盟测试市委会',
        source: { file: 'b.md', format: 'md' },
      },
      {
        id: 'c',
        title: '关于加快数字乡村建设的建议',
        authorLine: '市政协委员 李明',
        source: { file: 'c.md', format: 'md' },
      },
    ],
    ...overrides,
  });
  const docs = new Map<string, SourceDoc>([
    ['a', pureDoc(3)],
    ['b', mixedDoc()],
    ['c', pureDoc(1)],
  ]);
  return { session, docs };
}

// Dossiers built in code for the DOCX writer's tests: deterministic, no files from the corpus.
// pureTextDossier has only full-width Han characters (no punctuation, no Latin) so that its page
// count follows from 22 × 28 grid arithmetic alone; richDossier exercises every block type.
import { zlibSync } from 'fflate';
import type { Block, SourceDoc } from '../../core/model/document';
import { buildDossier, tocAuthor, type Dossier, type TocEntry } from '../../core/model/dossier';
import { SessionSchema, type Session, type SessionInput } from '../../core/model/session';

const HAN =
  '齐文化传承创新发展历史悠久内涵丰富开放包容务实变革工商并重礼法兼用尊贤尚功因俗简礼稷下学宫百家争鸣思想交流城市建设乡村振兴旅游融合产业升级人才培养保护利用研究阐释教育普及数字技术博物馆遗址公园';

/** Deterministic pseudo-random Han text of n characters. */
export function hanText(n: number, seed = 1): string {
  let x = (seed * 2654435761) >>> 0;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += HAN[(x >>> 8) % HAN.length];
  }
  return s;
}

export function session(
  input: Partial<SessionInput> & {
    items: { id: string; title: string; author: string; section: number }[];
    sectionTitles: string[];
  },
): Session {
  const { items, sectionTitles, ...rest } = input;
  return SessionSchema.parse({
    schemaVersion: 1,
    id: 'test-session',
    name: '政协某某市第十三届委员会常务委员会第九次会议',
    theme: '齐文化传承与创新',
    date: '2023-09-20',
    organiser: '政协某某市委员会办公室',
    sections: sectionTitles.map((title, i) => ({
      id: `s${i}`,
      title,
      items: items.filter((it) => it.section === i).map((it) => it.id),
    })),
    submissions: items.map((it) => ({
      id: it.id,
      title: it.title,
      authorLine: it.author,
      source: { file: `${it.id}.md`, format: 'md' },
    })),
    ...rest,
  });
}

/** TOC entries for a dossier given each item's start page. */
export function tocFor(d: Dossier, startPages: number[]): TocEntry[] {
  const out: TocEntry[] = [];
  let k = 0;
  d.sections.forEach((s, si) => {
    for (const it of s.items) {
      out.push({
        sectionIndex: si,
        submissionId: it.submission.id,
        title: it.submission.title,
        author: tocAuthor(it.submission),
        page: startPages[k++],
      });
    }
  });
  return out;
}

export interface PureTextSpec {
  items: number;
  /** Paragraph lengths (characters) of each item, cycling. */
  paragraphs: number[][];
}

/**
 * Pure Han text. Expected body lines of an item: 1 title line + 1 author line + 1 blank line +
 * Σ ceil((len + 2) / 28) (the 2-character first-line indent).
 */
export function pureTextDossier(spec: PureTextSpec): { dossier: Dossier; bodyLines: number[] } {
  const items = Array.from({ length: spec.items }, (_, i) => ({
    id: `p${i + 1}`,
    title: `关于${hanText(8, i + 100)}的发言`,
    author: `市政协常委 ${hanText(2, i + 7)}`,
    section: i < spec.items / 2 ? 0 : 1,
  }));
  const s = session({ items, sectionTitles: ['大会发言', '书面发言'] });
  const docs = new Map<string, SourceDoc>();
  const bodyLines: number[] = [];
  items.forEach((it, i) => {
    const lens = spec.paragraphs[i % spec.paragraphs.length];
    const blocks: Block[] = lens.map((n, k) => ({
      type: 'paragraph',
      inlines: [{ type: 'text', text: hanText(n, i * 31 + k + 1) }],
    }));
    docs.set(it.id, { blocks, footnotes: [], images: {}, warnings: [] });
    bodyLines.push(3 + lens.reduce((a, n) => a + Math.ceil((n + 2) / 28), 0));
  });
  const { dossier } = buildDossier(s, docs);
  return { dossier, bodyLines };
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A valid RGB PNG of w × h pixels in one colour, as base64. */
export function pngBase64(w: number, h: number, rgb: [number, number, number] = [200, 40, 40]): string {
  const chunk = (type: string, data: Uint8Array) => {
    const td = new Uint8Array(4 + data.length);
    td.set(new TextEncoder().encode(type));
    td.set(data, 4);
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(td, 4);
    dv.setUint32(8 + data.length, crc32(td));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (1 + 3 * w) + 1 + 3 * x);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return Buffer.from(all).toString('base64');
}

export function richDossier(): Dossier {
  const items = [
    {
      id: 'r1',
      title: '深入挖掘齐文化时代价值推动优秀传统文化创造性转化创新性发展的几点建议',
      author: '市政协常委 欧阳明喆',
      section: 0,
    },
    { id: 'r2', title: '关于加强齐文化遗址保护的调研报告', author: '民盟某某市委会', section: 1 },
    { id: 'r3', title: '文旅融合', author: '张堃（代表民建某某市委会）', section: 1 },
  ];
  const s = session({
    items,
    sectionTitles: ['大会发言', '调研报告'],
    marks: { internal: true, secrecy: '', watermark: '', confidentialityLine: '' },
    preface: '本汇编收录常委会议发言材料。\n按姓氏笔画为序。',
  });
  const docs = new Map<string, SourceDoc>();
  docs.set('r1', {
    blocks: [
      {
        type: 'paragraph',
        inlines: [
          { type: 'text', text: '齐文化是中华文化的重要组成部分，' },
          { type: 'text', text: '源远流长', bold: true },
          { type: 'text', text: '，博大精深。' },
          { type: 'noteRef', id: 'n1' },
        ],
      },
      { type: 'heading', level: 1, inlines: [{ type: 'text', text: '一、基本情况' }] },
      { type: 'heading', level: 2, inlines: [{ type: 'text', text: '（一）保护利用' }] },
      {
        type: 'paragraph',
        inlines: [
          { type: 'text', text: '全市共有文物点1,234处，占比达到45.6%，CO' },
          { type: 'text', text: '2', vertAlign: 'sub' },
          { type: 'text', text: '排放下降，面积100m' },
          { type: 'text', text: '2', vertAlign: 'super' },
          { type: 'text', text: '。', italic: true },
        ],
      },
      { type: 'heading', level: 3, inlines: [{ type: 'text', text: '1.加强研究' }] },
      { type: 'heading', level: 4, inlines: [{ type: 'text', text: '（1）深化阐释' }] },
      {
        type: 'list',
        ordered: true,
        items: [
          { label: '1.', level: 0, inlines: [{ type: 'text', text: '建立齐文化研究院。' }] },
          { label: '（2）', level: 1, inlines: [{ type: 'text', text: hanText(60, 5) }] },
        ],
      },
      { type: 'pageBreak' },
      { type: 'paragraph', inlines: [{ type: 'text', text: '分页之后的段落。' }] },
      { type: 'paragraph', align: 'right', indent: false, inlines: [{ type: 'text', text: '二〇二三年九月' }] },
    ],
    footnotes: [{ id: 'n1', kind: 'footnote', inlines: [{ type: 'text', text: '见《齐文化概论》第3页。' }] }],
    images: {},
    warnings: [],
  });
  docs.set('r2', {
    blocks: [
      {
        type: 'paragraph',
        inlines: [
          { type: 'text', text: '调研组走访了十个县区。' },
          { type: 'noteRef', id: 'e1' },
        ],
      },
      {
        type: 'table',
        caption: '表1　遗址保护情况',
        headerRows: 1,
        columnWidths: [2, 1, 1],
        rows: [
          {
            cells: [
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '县区' }] }] },
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '遗址数' }] }] },
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '已保护' }] }] },
            ],
          },
          {
            cells: [
              { rowSpan: 2, paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '临淄区' }] }] },
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '35' }] }] },
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '30' }] }] },
            ],
          },
          {
            cells: [
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '12' }] }] },
              { paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '11' }] }] },
            ],
          },
          {
            cells: [
              {
                colSpan: 3,
                align: 'center',
                paragraphs: [{ type: 'paragraph', inlines: [{ type: 'text', text: '合计七十八处' }] }],
              },
            ],
          },
        ],
      },
      { type: 'image', resource: 'img1', width: 800, height: 600, caption: '图1　遗址分布' },
      { type: 'image', resource: 'missing', width: 100, height: 100, alt: '缺失的图' },
    ],
    footnotes: [{ id: 'e1', kind: 'endnote', inlines: [{ type: 'text', text: '数据来源：市文旅局。' }] }],
    images: { img1: { mime: 'image/png', data: pngBase64(80, 60) } },
    warnings: [],
  });
  docs.set('r3', {
    blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: hanText(300, 9) }] }],
    footnotes: [],
    images: {},
    warnings: [],
  });
  return buildDossier(s, docs).dossier;
}

// "The sample session can also be built from DOCX sources with the same result": every Markdown
// item of resources/samples/qi-culture is written as a Word document with the docx library
// (title and author as centred lines, heading styles, numbered and bulleted lists, tables with
// header rows, images with captions, footnotes, bold/superscript runs) and read back with the
// DOCX reader; title, author line, blocks, images and notes must equal the Markdown reader's.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline, SourceDoc } from '../../core/model/document';
import { readMarkdown } from '../../core/read/markdown';
import { readDocx } from '../../core/read/docx/index';
import { fromBase64 } from '../../core/read/base64';

const DIR = new URL('../../resources/samples/qi-culture/sources/', import.meta.url).pathname;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

function runs(inlines: Inline[], noteIds: Map<string, number>): ParagraphChild[] {
  return inlines.map((i) => {
    if (i.type === 'noteRef') return new FootnoteReferenceRun(noteIds.get(i.id)!);
    if (i.type === 'break') return new TextRun({ text: '', break: 1 });
    return new TextRun({ text: i.text, bold: i.bold, italics: i.italic, superScript: i.vertAlign === 'super', subScript: i.vertAlign === 'sub', underline: i.underline ? {} : undefined });
  });
}

const ALIGN = { center: AlignmentType.CENTER, right: AlignmentType.RIGHT, left: AlignmentType.LEFT, justify: AlignmentType.JUSTIFIED } as const;

/** The Markdown document written as a DOCX the way a member's Word would hold it. */
async function toDocx(md: SourceDoc): Promise<Uint8Array> {
  const noteIds = new Map(md.footnotes.map((f, k) => [f.id, k + 1]));
  const numbering: { reference: string; levels: ILevelsOptions[] }[] = [];
  const children: (Paragraph | Table)[] = [];
  if (md.title) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: md.title, size: 44, font: { eastAsia: '方正小标宋简体' } })] }));
  if (md.authorLine) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: md.authorLine, font: { eastAsia: '楷体_GB2312' } })] }));
  for (const b of md.blocks) children.push(...blockToDocx(b, md, noteIds, numbering));
  const doc = new Document({
    numbering: { config: numbering },
    footnotes: Object.fromEntries(md.footnotes.map((f) => [noteIds.get(f.id)!, { children: [new Paragraph({ children: runs(f.inlines, noteIds) })] }])),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function blockToDocx(b: Block, md: SourceDoc, noteIds: Map<string, number>, numbering: { reference: string; levels: ILevelsOptions[] }[]): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], children: runs(b.inlines, noteIds) })];
    case 'paragraph':
      return [new Paragraph({ alignment: b.align ? ALIGN[b.align] : undefined, children: runs(b.inlines, noteIds) })];
    case 'list': {
      // One numbering definition per list, its level text taken from the first label's shape.
      const ref = `list${numbering.length}`;
      const first = b.items[0].label;
      const text = b.ordered ? first.replace(/\d+/, '%1') : first;
      numbering.push({ reference: ref, levels: [{ level: 0, format: b.ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET, text, start: b.ordered ? Number(/\d+/.exec(first)![0]) : 1 }] });
      return b.items.map((it) => new Paragraph({ numbering: { reference: ref, level: it.level }, children: runs(it.inlines, noteIds) }));
    }
    case 'table': {
      const out: (Paragraph | Table)[] = [];
      if (b.caption) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(b.caption)] }));
      out.push(
        new Table({
          rows: b.rows.map(
            (r, ri) =>
              new TableRow({
                tableHeader: ri < b.headerRows,
                children: r.cells.map((c) => new TableCell({ columnSpan: c.colSpan, rowSpan: c.rowSpan, children: c.paragraphs.map((p) => new Paragraph({ alignment: c.align ? ALIGN[c.align] : undefined, children: runs(p.inlines, noteIds) })) })),
              }),
          ),
        }),
      );
      return out;
    }
    case 'image': {
      const res = md.images[b.resource];
      const out: Paragraph[] = [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: res.mime === 'image/png' ? 'png' : 'jpg', data: fromBase64(res.data), transformation: { width: b.width / 2, height: b.height / 2 }, altText: { name: 'pic', description: b.alt ?? '', title: '' } })],
        }),
      ];
      if (b.caption) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(b.caption)] }));
      return out;
    }
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

/**
 * What both readers must agree on. Presentation details that only one source format can carry
 * are dropped: indent flags, cell-paragraph alignment (the cell holds it), column widths,
 * resource keys (compared by the image bytes) and note ids (compared by reference order).
 */
function comparable(d: SourceDoc) {
  const noteOrder = new Map<string, number>();
  const inl = (xs: Inline[]) =>
    xs.map((i) => {
      if (i.type !== 'noteRef') return i;
      if (!noteOrder.has(i.id)) noteOrder.set(i.id, noteOrder.size + 1);
      return { type: 'noteRef', id: String(noteOrder.get(i.id)) };
    });
  const blocks = d.blocks.map((b) => {
    switch (b.type) {
      case 'paragraph':
        return { type: 'paragraph', inlines: inl(b.inlines), align: b.align === 'justify' ? undefined : b.align };
      case 'heading':
        return { ...b, inlines: inl(b.inlines) };
      case 'list':
        return { ...b, items: b.items.map((it) => ({ ...it, inlines: inl(it.inlines) })) };
      case 'table':
        return { type: 'table', headerRows: b.headerRows, caption: b.caption, rows: b.rows.map((r) => r.cells.map((c) => ({ colSpan: c.colSpan ?? 1, rowSpan: c.rowSpan ?? 1, align: c.align, text: c.paragraphs.map((p) => inl(p.inlines)) }))) };
      case 'image':
        return { type: 'image', width: b.width, height: b.height, alt: b.alt, caption: b.caption, data: d.images[b.resource]?.data };
      default:
        return b;
    }
  });
  const notes = d.footnotes.filter((f) => noteOrder.has(f.id)).map((f) => ({ n: noteOrder.get(f.id), kind: f.kind, inlines: f.inlines })).sort((a, b) => a.n! - b.n!);
  return JSON.parse(JSON.stringify({ title: d.title, authorLine: d.authorLine, blocks, notes }));
}

const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.md')).sort() : [];
const pairs: { file: string; md: SourceDoc; docx: SourceDoc }[] = [];

beforeAll(async () => {
  for (const file of files) {
    const md = readMarkdown(readFileSync(DIR + file, 'utf8'));
    const r = await readDocx(await toDocx(md), file.replace(/\.md$/, '.docx'));
    if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
    pairs.push({ file, md, docx: r.value });
  }
});

describe('qi-culture sample built from DOCX', () => {
  it('has the 55 sample items', () => {
    expect(files).toHaveLength(55);
  });

  it('every item reads back from DOCX with the same title, author line, blocks, images and notes', () => {
    const mismatched: string[] = [];
    for (const p of pairs) {
      const a = comparable(p.md);
      const b = comparable(p.docx);
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatched.push(p.file);
    }
    if (mismatched.length) expect(comparable(pairs.find((p) => p.file === mismatched[0])!.docx)).toEqual(comparable(pairs.find((p) => p.file === mismatched[0])!.md));
    expect(mismatched).toEqual([]);
    expect(pairs.every((p) => p.docx.warnings.length === 0)).toBe(true);
  });
});

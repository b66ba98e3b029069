// "The sample session can also be built from DOCX sources with the same result": every Markdown
// item of resources/samples/qi-culture is written as a Word document with the docx library
// (title and author as centred lines, heading styles, numbered and bulleted lists, tables with
// header rows, images with captions, footnotes, bold/superscript runs) and read back with the
// DOCX reader; title, author line, blocks, images and notes must equal the Markdown reader's.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import type { Inline, SourceDoc } from '../../core/model/document';
import { readMarkdown } from '../../core/read/markdown';
import { readDocx } from '../../core/read/docx/index';
import { sampleItemToDocx } from '../../scripts/make-fixtures';

const DIR = new URL('../../resources/samples/qi-culture/sources/', import.meta.url).pathname;
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
        return {
          type: 'table',
          headerRows: b.headerRows,
          caption: b.caption,
          rows: b.rows.map((r) =>
            r.cells.map((c) => ({
              colSpan: c.colSpan ?? 1,
              rowSpan: c.rowSpan ?? 1,
              align: c.align,
              text: c.paragraphs.map((p) => inl(p.inlines)),
            })),
          ),
        };
      case 'image':
        return {
          type: 'image',
          width: b.width,
          height: b.height,
          alt: b.alt,
          caption: b.caption,
          data: d.images[b.resource]?.data,
        };
      default:
        return b;
    }
  });
  const notes = d.footnotes
    .filter((f) => noteOrder.has(f.id))
    .map((f) => ({ n: noteOrder.get(f.id), kind: f.kind, inlines: f.inlines }))
    .sort((a, b) => a.n! - b.n!);
  return JSON.parse(JSON.stringify({ title: d.title, authorLine: d.authorLine, blocks, notes }));
}

const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.md'))
      .sort()
  : [];
const pairs: { file: string; md: SourceDoc; docx: SourceDoc }[] = [];

beforeAll(async () => {
  for (const file of files) {
    const md = readMarkdown(readFileSync(DIR + file, 'utf8'));
    const r = await readDocx(await sampleItemToDocx(md), file.replace(/\.md$/, '.docx'));
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
    if (mismatched.length)
      expect(comparable(pairs.find((p) => p.file === mismatched[0])!.docx)).toEqual(
        comparable(pairs.find((p) => p.file === mismatched[0])!.md),
      );
    expect(mismatched).toEqual([]);
    expect(pairs.every((p) => p.docx.warnings.length === 0)).toBe(true);
  });
});

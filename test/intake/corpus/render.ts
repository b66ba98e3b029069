// Writes a corpus case as the file a member would send: DOCX through the docx library (Title or
// Heading 1 style, or direct formatting only — 方正小标宋简体/黑体 22 pt, centred or not, bold — a
// title broken by hand, blank paragraphs above, 楷体 subtitle and author lines, right-aligned
// signatures), plain text (UTF-8 or GBK, CRLF, full-width indentation) or Markdown.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import type { CaseSpec, LineSpec } from './cases';

const ALIGN = { center: AlignmentType.CENTER, right: AlignmentType.RIGHT, left: AlignmentType.LEFT } as const;
const TITLE_FONTS = ['方正小标宋简体', '黑体', '宋体', '方正小标宋_GBK'];

function titleParagraph(c: CaseSpec, l: LineSpec): Paragraph {
  const font = { eastAsia: TITLE_FONTS[c.n % TITLE_FONTS.length] };
  const runs = l.breakAt
    ? [
        new TextRun({ text: l.text.slice(0, l.breakAt), size: 40, font }),
        new TextRun({ text: l.text.slice(l.breakAt), size: 40, font, break: 1 }),
      ]
    : [new TextRun({ text: l.text, size: 44, font, bold: c.layout === 'bigLeft' || c.layout === 'boldCentred' })];
  switch (c.layout) {
    case 'titleStyle':
      return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(l.text)] });
    case 'heading2':
      return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(l.text)] });
    case 'heading1':
      return new Paragraph({
        heading: HeadingLevel.HEADING_1,
        alignment: AlignmentType.CENTER,
        children: [new TextRun(l.text)],
      });
    case 'bigLeft':
      return new Paragraph({ children: runs });
    case 'boldCentred':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: l.text, bold: true, size: 32, font: { eastAsia: '黑体' } })],
      });
    default:
      return new Paragraph({ alignment: AlignmentType.CENTER, children: runs });
  }
}

function lineParagraph(c: CaseSpec, l: LineSpec): Paragraph {
  if (l.role === 'title') return titleParagraph(c, l);
  const kai = { eastAsia: c.n % 2 ? '楷体_GB2312' : '楷体' };
  const align = l.align ?? (l.role === 'label' ? 'left' : 'center');
  return new Paragraph({
    alignment: ALIGN[align],
    children: [new TextRun({ text: l.text, size: 32, font: l.role === 'label' ? { eastAsia: '黑体' } : kai })],
  });
}

async function docx(c: CaseSpec): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  if (c.layout === 'blankAbove') children.push(new Paragraph({}), new Paragraph({}));
  let blankAfterHead = false;
  for (const l of c.head) {
    children.push(lineParagraph(c, l));
    // Some authors leave an empty line between the title block and the author line.
    if (l.role === 'title' && c.n % 7 === 3) children.push(new Paragraph({}));
    blankAfterHead = true;
  }
  if (blankAfterHead && c.n % 2) children.push(new Paragraph({}));
  for (const [k, t] of c.body.entries())
    children.push(
      new Paragraph({
        indent: k === 0 && t.endsWith('：') ? undefined : { firstLine: 640 },
        children: [new TextRun({ text: t, size: 32, font: { eastAsia: c.n % 3 ? '仿宋_GB2312' : '仿宋' } })],
      }),
    );
  if (c.tail.length) children.push(new Paragraph({}));
  for (const l of c.tail) children.push(lineParagraph(c, l));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function txt(c: CaseSpec): Uint8Array {
  const lines: string[] = [];
  for (const l of c.head)
    lines.push(l.role === 'title' || l.role === 'subtitle' || l.role === 'byline' ? `　　　　${l.text}` : l.text);
  lines.push('');
  for (const t of c.body) lines.push(t.endsWith('：') ? t : `　　${t}`);
  if (c.tail.length) lines.push('');
  for (const l of c.tail) lines.push(`　　　　　　　　${l.text}`);
  const text = lines.join(c.n % 2 ? '\r\n' : '\n') + '\n';
  return c.n % 4 === 2 ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
}

function md(c: CaseSpec): Uint8Array {
  const parts: string[] = [];
  for (const l of c.head) parts.push(l.role === 'title' ? `# ${l.text}` : l.text);
  parts.push(...c.body);
  return new TextEncoder().encode(parts.join('\n\n') + '\n');
}

export async function renderCase(c: CaseSpec): Promise<Uint8Array> {
  return c.format === 'docx' ? docx(c) : c.format === 'txt' ? txt(c) : md(c);
}

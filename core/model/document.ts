// The document model: what every reader (Markdown, text, DOCX, PDF) produces and what the layout
// engine and the renderers consume. Plain, JSON-serialisable data (images as base64), so it can be
// stored beside the session, compared in golden tests and sent across process boundaries.
// It must never carry formatting the dossier does not use: the house style comes from settings.
import { z } from 'zod';

export const InlineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    underline: z.boolean().optional(),
    /** superscript / subscript (e.g. m², CO₂) */
    vertAlign: z.enum(['super', 'sub']).optional(),
  }),
  /** A footnote or endnote reference; the note's content lives in SourceDoc.footnotes. */
  z.object({ type: z.literal('noteRef'), id: z.string() }),
  /** A forced line break inside a paragraph. */
  z.object({ type: z.literal('break') }),
]);
export type Inline = z.infer<typeof InlineSchema>;

/**
 * Heading levels follow GB/T 9704 7.3.3: 1 = "一、" (黑体), 2 = "（一）" (楷体), 3 = "1." (仿宋),
 * 4 = "（1）" (仿宋). The printed label is part of the text, as the author wrote it.
 */
export const HeadingSchema = z.object({
  type: z.literal('heading'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  inlines: z.array(InlineSchema),
});

export const ParagraphSchema = z.object({
  type: z.literal('paragraph'),
  inlines: z.array(InlineSchema),
  /** Default 'justify' with a two-character first-line indent. */
  align: z.enum(['justify', 'left', 'center', 'right']).optional(),
  /** false: no first-line indent (e.g. a signature or a centred caption). Default true. */
  indent: z.boolean().optional(),
});

export const ListItemSchema = z.object({
  /** The printed label, resolved from numbering definitions: "1.", "（2）", "•", "①". */
  label: z.string(),
  /** Nesting depth, 0 = top level. */
  level: z.number().int().min(0).max(8),
  inlines: z.array(InlineSchema),
});

export const ListSchema = z.object({
  type: z.literal('list'),
  ordered: z.boolean(),
  items: z.array(ListItemSchema),
});

export const TableCellSchema = z.object({
  /** Cell content: paragraphs only (nested tables are flattened to text by readers). */
  paragraphs: z.array(ParagraphSchema),
  colSpan: z.number().int().min(1).optional(),
  rowSpan: z.number().int().min(1).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
});

export const TableSchema = z.object({
  type: z.literal('table'),
  /** Rows of cells; a cell covered by a merge above or to the left is simply absent. */
  rows: z.array(z.object({ cells: z.array(TableCellSchema) })),
  /** How many leading rows are header rows, repeated when the table splits across pages. */
  headerRows: z.number().int().min(0),
  /** Relative column widths (any unit); default equal. */
  columnWidths: z.array(z.number().positive()).optional(),
  caption: z.string().optional(),
});

export const ImageSchema = z.object({
  type: z.literal('image'),
  /** Key into SourceDoc.images. */
  resource: z.string(),
  /** Intrinsic size in pixels (used for the aspect ratio; the layout fits it to the text width). */
  width: z.number().positive(),
  height: z.number().positive(),
  alt: z.string().optional(),
  caption: z.string().optional(),
});

export const BlockSchema = z.discriminatedUnion('type', [
  HeadingSchema,
  ParagraphSchema,
  ListSchema,
  TableSchema,
  ImageSchema,
  z.object({ type: z.literal('pageBreak') }),
]);
export type Block = z.infer<typeof BlockSchema>;
export type Heading = z.infer<typeof HeadingSchema>;
export type Paragraph = z.infer<typeof ParagraphSchema>;
export type List = z.infer<typeof ListSchema>;
export type ListItem = z.infer<typeof ListItemSchema>;
export type Table = z.infer<typeof TableSchema>;
export type TableCell = z.infer<typeof TableCellSchema>;
export type ImageBlock = z.infer<typeof ImageSchema>;

export const ImageResourceSchema = z.object({
  mime: z.enum(['image/png', 'image/jpeg']),
  /** base64, no data: prefix */
  data: z.string(),
});
export type ImageResource = z.infer<typeof ImageResourceSchema>;

export const FootnoteSchema = z.object({
  id: z.string(),
  kind: z.enum(['footnote', 'endnote']).default('footnote'),
  inlines: z.array(InlineSchema),
});
export type Footnote = z.infer<typeof FootnoteSchema>;

export const ImportWarningSchema = z.object({
  /** Stable code, e.g. 'image.emf-unsupported', 'text.low-confidence'. */
  code: z.string(),
  /** Chinese message for the clerk. */
  message: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

/**
 * One paragraph the front-matter step (core/read/intake/front-matter) took out of the head or the tail of
 * the body because it is metadata: a label, the title, a subtitle, the author line, a date line or
 * an end signature. The original block is kept so that the clerk can put it back into the body.
 */
export const FrontMatterLineSchema = z.object({
  role: z.enum(['label', 'title', 'subtitle', 'byline', 'date', 'signature']),
  /** The text as found (whitespace normalised). */
  text: z.string(),
  /** Above the body (head) or after it (tail, e.g. a right-aligned signature). */
  at: z.enum(['head', 'tail']),
  /** 0…1: how sure the step is of the role. */
  confidence: z.number().min(0).max(1),
  /** The block as read (a title may have been a heading), to restore it into the body unchanged. */
  block: z.union([ParagraphSchema, HeadingSchema]).optional(),
});
export type FrontMatterLine = z.infer<typeof FrontMatterLineSchema>;

export const SourceDocSchema = z.object({
  /** Detected or declared title and author line (the submission may override both). */
  title: z.string().optional(),
  authorLine: z.string().optional(),
  blocks: z.array(BlockSchema),
  footnotes: z.array(FootnoteSchema).default([]),
  images: z.record(z.string(), ImageResourceSchema).default({}),
  /** A PDF submission: included as whole pages rather than reflowed. */
  pdf: z
    .object({
      pageCount: z.number().int().positive(),
      /** base64 of the PDF bytes */
      data: z.string(),
      /** Extracted text layer, when usable (for word counts and search). */
      text: z.string().optional(),
    })
    .optional(),
  warnings: z.array(ImportWarningSchema).default([]),
  /** Paragraphs recognised as front matter and taken out of `blocks`, in document order. */
  frontMatter: z.array(FrontMatterLineSchema).optional(),
});
export type SourceDoc = z.infer<typeof SourceDocSchema>;

/** Plain text of a run of inlines (notes references dropped). */
export function inlineText(inlines: readonly Inline[]): string {
  let s = '';
  for (const i of inlines) {
    if (i.type === 'text') s += i.text;
    else if (i.type === 'break') s += '\n';
  }
  return s;
}

/** Plain text of a whole document, one block per line; used for word counts, search and dedup. */
export function documentText(doc: Pick<SourceDoc, 'blocks'>): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        out.push(inlineText(b.inlines));
        break;
      case 'list':
        for (const it of b.items) out.push(`${it.label}${inlineText(it.inlines)}`);
        break;
      case 'table':
        for (const r of b.rows) for (const c of r.cells) for (const p of c.paragraphs) out.push(inlineText(p.inlines));
        break;
      case 'image':
        if (b.caption) out.push(b.caption);
        break;
      default:
        break;
    }
  }
  return out.join('\n');
}

/** Chinese word count as offices count it: every Han character, letter run and number run counts one. */
export function countWords(text: string): number {
  const m = text.match(/[\p{Script=Han}]|[A-Za-z]+|[0-9]+(?:\.[0-9]+)?/gu);
  return m ? m.length : 0;
}

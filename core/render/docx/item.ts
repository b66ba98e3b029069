// One dossier item as the content of its own Word section: the title in balanced lines (a bookmark
// the TOC links to), subtitle, author line and date line in 楷体, a blank grid line, the body (its
// footnotes as Word footnotes), and the item's endnotes.
// A PDF submission cannot be reflowed into Word: it keeps its page count with one placeholder page
// per submitted page, so the DOCX paginates like the PDF. It must never drop a block or a note.
import { Bookmark, Paragraph, TextRun, type Table } from 'docx';
import type { DossierItem } from '../../model/dossier';
import { blockElements } from './blocks';
import { xmlSafe } from './inlines';
import type { SqueezeHint } from './makeup';
import type { DocxMetrics } from './metrics';
import { ItemNotes } from './notes';
import { STYLE } from './styles';
import { balancedTitleLines } from './title-lines';

export interface ItemOptions {
  metrics: DocxMetrics;
  anchor: string;
  blockWidthMm: number;
  blockHeightMm: number;
  /** Footnotes as Word footnotes at the foot of the page (else after the item, as endnotes are). */
  footnotesAtFoot?: boolean;
  /** The PDF layout's half-width punctuation in this item's paragraphs (makeup.ts). */
  squeezes?: readonly SqueezeHint[];
}

export function itemTitle(item: DossierItem): string {
  return (item.submission.title || item.doc.title || '').trim();
}

export function itemAuthor(item: DossierItem): string {
  return (item.submission.authorLine || item.doc.authorLine || '').trim();
}

export function itemElements(item: DossierItem, o: ItemOptions): (Paragraph | Table)[] {
  const m = o.metrics;
  const out: (Paragraph | Table)[] = [];
  const title = itemTitle(item);
  const author = itemAuthor(item);
  const doc = item.doc;

  if (doc.pdf) {
    // The PDF edition draws the submitted pages here; Word gets one marked page per page.
    const n = doc.pdf.pageCount;
    for (let i = 0; i < n; i++) {
      const note = `［${title}：PDF 原件第 ${i + 1} 页，共 ${n} 页，请见 PDF 版汇编］`;
      out.push(
        new Paragraph({
          style: STYLE.author,
          pageBreakBefore: i > 0 || undefined,
          children:
            i === 0
              ? [new Bookmark({ id: o.anchor, children: [new TextRun(xmlSafe(note))] })]
              : [new TextRun(xmlSafe(note))],
        }),
      );
    }
    return out;
  }

  const maxEm = Math.floor(m.blockWidth / (m.titleSize * 10));
  const lines = balancedTitleLines(title || '（无标题）', maxEm);
  const titleRuns = lines.map((t, i) => new TextRun({ text: xmlSafe(t), break: i > 0 ? 1 : undefined }));
  out.push(new Paragraph({ style: STYLE.title, children: [new Bookmark({ id: o.anchor, children: titleRuns })] }));
  // Subtitle, author and date line in 3号楷体, centred, each kept with the next (the style's keepNext).
  const subtitle = item.submission.subtitle?.trim();
  const dateLine = item.submission.dateLine?.trim();
  if (subtitle) out.push(new Paragraph({ style: STYLE.author, children: [new TextRun(xmlSafe(subtitle))] }));
  if (author) out.push(new Paragraph({ style: STYLE.author, children: [new TextRun(xmlSafe(author))] }));
  if (dateLine) out.push(new Paragraph({ style: STYLE.author, children: [new TextRun(xmlSafe(dateLine))] }));
  out.push(new Paragraph({ style: STYLE.body, keepNext: true, children: [] }));

  const notes = new ItemNotes(doc.footnotes ?? [], o.footnotesAtFoot ?? true);
  out.push(
    ...blockElements(doc.blocks, {
      metrics: m,
      notes,
      images: doc.images ?? {},
      box: { blockWidthMm: o.blockWidthMm, blockHeightMm: o.blockHeightMm },
      squeezes: o.squeezes,
    }),
  );

  out.push(...notes.paragraphs(m));
  return out;
}

// The body of one item: headings, paragraphs, lists, tables, pictures and page breaks in the
// dossier's named styles. Alignment and indents come from the styles (GB/T 9704), not from the
// source; the only per-paragraph exceptions are those the model carries (align, indent: false).
// It must never drop a block: anything it cannot render becomes visible text.
import { LineRuleType, Paragraph, Tab, TabStopType, TextRun, type Table } from 'docx';
import { inlineText, type Block, type Inline, type SourceDoc } from '../../model/document';
import { imageParagraphs, type ImageBox } from './images';
import { inlineRuns, xmlSafe, type Squeeze } from './inlines';
import { squeezeOffsets, type SqueezeHint } from './makeup';
import type { DocxMetrics } from './metrics';
import type { NoteContext } from './notes';
import { STYLE } from './styles';
import { ALIGN, tableBlocks } from './tables';

export interface BlockContext {
  metrics: DocxMetrics;
  notes?: NoteContext;
  images: SourceDoc['images'];
  box: ImageBox;
  /** The PDF layout's half-width punctuation against 孤字 in this item (makeup.ts). */
  squeezes?: readonly SqueezeHint[];
}

/** The squeeze for a body paragraph whose last line the PDF set with half-width marks. */
function squeezeFor(inlines: readonly Inline[], ctx: BlockContext): Squeeze | undefined {
  if (!ctx.squeezes?.length) return undefined;
  const at = squeezeOffsets(ctx.squeezes, inlineText(inlines).replace(/\r\n?/g, '\n'));
  // Half width, as the PDF draws them: the style's grid tracking less half an em (size in half-points).
  return at && { at, spacing: ctx.metrics.gridTracking - ctx.metrics.bodySize * 5 };
}

/** Width of a list label in grid cells: full-width characters 1, Latin/digits ½, rounded up. */
export function labelCells(label: string): number {
  let w = 0;
  for (const ch of label) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return Math.max(1, Math.ceil(w));
}

export function blockElements(blocks: readonly Block[], ctx: BlockContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const m = ctx.metrics;
  // A page break becomes "page break before" on the next paragraph: a paragraph holding only a
  // break would leave an empty line at the top of the next page in Word.
  let breakPending = false;
  const take = () => {
    const b = breakPending;
    breakPending = false;
    return b || undefined;
  };
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        out.push(
          new Paragraph({
            style: STYLE.heading[b.level - 1],
            pageBreakBefore: take(),
            children: inlineRuns(b.inlines, ctx.notes),
          }),
        );
        break;
      case 'paragraph': {
        const align = b.align && b.align !== 'justify' ? ALIGN[b.align] : undefined;
        const noIndent = b.indent === false || (b.align !== undefined && b.align !== 'justify' && b.align !== 'left');
        out.push(
          new Paragraph({
            style: STYLE.body,
            alignment: align,
            indent: noIndent ? { firstLine: 0, firstLineChars: 0 } : undefined,
            pageBreakBefore: take(),
            children: inlineRuns(b.inlines, ctx.notes, squeezeFor(b.inlines, ctx)),
          }),
        );
        break;
      }
      case 'list':
        for (const it of b.items) {
          // Label as text and a hanging indent: the label sits where a paragraph's first line
          // starts (two cells in, plus two per level), wrapped lines align with the item's text.
          const labelW = labelCells(it.label) * m.charCell;
          const left = m.charCell * 2 * (it.level + 1) + labelW;
          out.push(
            new Paragraph({
              style: STYLE.list,
              indent: { left, hanging: labelW },
              tabStops: [{ type: TabStopType.LEFT, position: left }],
              pageBreakBefore: take(),
              children: [
                new TextRun({ children: [xmlSafe(it.label), new Tab()] }),
                ...inlineRuns(it.inlines, ctx.notes, squeezeFor(it.inlines, ctx)),
              ],
            }),
          );
        }
        break;
      case 'table':
        // A table cannot carry "page break before": a 1 pt empty paragraph carries it instead.
        if (breakPending)
          out.push(
            new Paragraph({
              pageBreakBefore: take(),
              style: STYLE.tableText,
              spacing: { line: 20, lineRule: LineRuleType.EXACT },
              children: [],
            }),
          );
        out.push(...tableBlocks(b, m.blockWidth, ctx.notes));
        break;
      case 'image': {
        out.push(...imageParagraphs(b, ctx.images[b.resource], ctx.box, take()));
        break;
      }
      case 'pageBreak':
        breakPending = true;
        break;
      default: {
        const unknown = b as { type?: string };
        out.push(
          new Paragraph({ style: STYLE.body, children: [new TextRun(`［无法显示的内容：${String(unknown.type)}］`)] }),
        );
      }
    }
  }
  return out;
}

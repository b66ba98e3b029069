// Tables fitted to the text width: relative column widths scaled to the 156 mm block, merged cells
// (gridSpan / vMerge — the docx library inserts the continuation cells below a rowSpan), header rows
// repeated on every page; cell text 小4 on 18 pt lines as in the PDF table layout. It must never lose a cell's text, and never emit a cell without a paragraph
// (Word refuses such files).
import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { Paragraph as ParagraphBlock, Table as TableBlock } from '../../model/document';
import { inlineRuns, xmlSafe } from './inlines';
import type { NoteContext } from './notes';
import { STYLE } from './styles';

// Cell padding of the PDF layout: 4 pt each side, 3 pt above and below (twips). A row's height
// also holds its 0.5 pt border (the docx default, size 4): LibreOffice adds it to the margins, as
// ECMA-376 measures cell margins from the border, so 0.25 pt comes off each vertical margin and a
// one-line row is 24 pt as in the PDF (a 30-row table would otherwise grow by 15 pt).
const BORDER_TWIPS = 10;
const CELL_MARGINS = { left: 80, right: 80, top: 60 - BORDER_TWIPS / 2, bottom: 60 - BORDER_TWIPS / 2 };

/** Block alignment to Word's paragraph alignment (shared with blocks.ts). */
export const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** Number of grid columns, counting cells covered by merges from rows above. */
export function gridColumns(t: TableBlock): number {
  const covered: number[] = []; // per column: how many more rows a rowSpan covers
  let max = 0;
  for (const row of t.rows) {
    let col = 0;
    const next = covered.map((c) => Math.max(0, c - 1));
    for (const cell of row.cells) {
      while ((covered[col] ?? 0) > 0) col++;
      const span = cell.colSpan ?? 1;
      for (let k = 0; k < span; k++) next[col + k] = Math.max(next[col + k] ?? 0, (cell.rowSpan ?? 1) - 1);
      col += span;
    }
    while ((covered[col] ?? 0) > 0) col++;
    max = Math.max(max, col);
    covered.length = 0;
    covered.push(...next.map((v) => v ?? 0));
  }
  return Math.max(1, max);
}

function cellParagraph(
  p: ParagraphBlock,
  cellAlign: TableBlock['rows'][number]['cells'][number]['align'],
  header: boolean,
  notes?: NoteContext,
): Paragraph {
  // Same choices as the PDF table layout: header cells centred in 黑体, body cells flush left.
  const align =
    (p.align && p.align !== 'justify' ? p.align : undefined) ?? cellAlign ?? (header ? 'center' : undefined);
  return new Paragraph({
    style: header ? STYLE.tableHeader : STYLE.tableText,
    alignment: align ? ALIGN[align] : undefined,
    children: inlineRuns(p.inlines, notes),
  });
}

export function tableBlocks(t: TableBlock, blockWidth: number, notes?: NoteContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (t.caption)
    out.push(new Paragraph({ style: STYLE.caption, keepNext: true, children: [new TextRun(xmlSafe(t.caption))] }));
  if (t.rows.length === 0) return out;
  const cols = gridColumns(t);
  const rel = t.columnWidths && t.columnWidths.length === cols ? t.columnWidths : Array.from({ length: cols }, () => 1);
  const sum = rel.reduce((a, b) => a + b, 0);
  const widths = rel.map((w) => Math.floor((w / sum) * blockWidth));
  // Column index of each cell, to give merged cells their summed width.
  const covered: number[] = [];
  const rows = t.rows.map((row, r) => {
    const next = covered.map((c) => Math.max(0, c - 1));
    let col = 0;
    const cells = row.cells.map((cell) => {
      while ((covered[col] ?? 0) > 0) col++;
      const span = Math.min(cell.colSpan ?? 1, Math.max(1, cols - col));
      const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0) || widths[widths.length - 1];
      for (let k = 0; k < span; k++) next[col + k] = Math.max(next[col + k] ?? 0, (cell.rowSpan ?? 1) - 1);
      col += span;
      const paras = cell.paragraphs.length
        ? cell.paragraphs.map((p) => cellParagraph(p, cell.align, r < t.headerRows, notes))
        : [new Paragraph({ style: STYLE.tableText, children: [] })];
      return new TableCell({
        children: paras,
        columnSpan: span > 1 ? span : undefined,
        rowSpan: (cell.rowSpan ?? 1) > 1 ? Math.min(cell.rowSpan!, t.rows.length - r) : undefined,
        width: { size: w, type: WidthType.DXA },
        margins: CELL_MARGINS,
      });
    });
    covered.length = 0;
    covered.push(...next.map((v) => v ?? 0));
    return new TableRow({ children: cells, tableHeader: r < t.headerRows || undefined, cantSplit: true });
  });
  out.push(
    new Table({
      rows,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
    }),
  );
  return out;
}

// Tables of the body walk: rows and cells through content controls and tracked insertions, vertical
// and horizontal merges, header rows; a nested table flattens to one line per row.
import type { Block, Paragraph, Table, TableCell } from '../../model/document';
import { child, elements, type XmlElement } from '../xml-safe';
import { isOn, plain, warn, type BodyContext, type ReadBlocks } from './body-context';

function cellParagraphs(blocks: Block[], ctx: BodyContext): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(b);
    else if (b.type === 'heading') out.push({ type: 'paragraph', inlines: b.inlines });
    else if (b.type === 'list')
      for (const it of b.items)
        out.push({ type: 'paragraph', inlines: [{ type: 'text', text: it.label }, ...it.inlines] });
    else if (b.type === 'table')
      // Nested tables flatten to one line per row, cells separated by a full-width space.
      for (const r of b.rows)
        out.push({
          type: 'paragraph',
          indent: false,
          inlines: [
            {
              type: 'text',
              text: r.cells.map((c) => c.paragraphs.map((p) => plain(p.inlines)).join(' ')).join('\u3000'),
            },
          ],
        });
    else if (b.type === 'image')
      warn(
        ctx,
        'table.image-in-cell',
        `${ctx.fileName}：表格单元格中的图片无法放入汇编表格，已略去，请把图片移到表格外`,
      );
  }
  return out;
}

const tableRows = (tbl: XmlElement) => collect(tbl, 'w:tr', ['w:customXml', 'w:ins', 'w:moveTo']);
const rowCells = (tr: XmlElement) => collect(tr, 'w:tc', ['w:customXml']);

/** The `name` children of el, looking through content controls and the given wrapper elements. */
function collect(el: XmlElement, name: string, wrappers: readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const c of elements(e)) {
      if (c.name === name) out.push(c);
      else if (c.name === 'w:sdt') visit(child(c, 'w:sdtContent') ?? c);
      else if (wrappers.includes(c.name)) visit(c);
    }
  };
  visit(el);
  return out;
}

export function readTable(tbl: XmlElement, ctx: BodyContext, readBlocks: ReadBlocks): Table | undefined {
  const widths = elements(child(tbl, 'w:tblGrid'))
    .filter((g) => g.name === 'w:gridCol')
    .map((g) => Number(g.attrs['w:w'] ?? 0));
  const rows: { cells: TableCell[] }[] = [];
  const header: boolean[] = [];
  /** grid column → the cell that opened a vertical merge there */
  const open = new Map<number, TableCell>();
  for (const tr of tableRows(tbl)) {
    const trPr = child(tr, 'w:trPr');
    if (child(trPr, 'w:del')) continue; // a tracked row deletion, accepted
    let col = Number(child(trPr, 'w:gridBefore')?.attrs['w:val'] ?? 0) || 0;
    const cells: TableCell[] = [];
    for (const tc of rowCells(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Number(child(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1) || 1);
      const vm = child(tcPr, 'w:vMerge');
      const vmVal = vm?.attrs['w:val'];
      if (vm && vmVal !== 'restart') {
        const above = open.get(col);
        if (above) {
          above.rowSpan = (above.rowSpan ?? 1) + 1;
          col += span;
          continue;
        }
      }
      const paragraphs = cellParagraphs(readBlocks(tc, ctx), ctx);
      const cell: TableCell = { paragraphs };
      if (span > 1) cell.colSpan = span;
      const a = paragraphs[0]?.align;
      if (a === 'center' || a === 'right' || a === 'left') cell.align = a;
      for (const p of paragraphs) {
        delete p.align;
        delete p.indent;
      }
      if (vm) open.set(col, cell);
      else open.delete(col);
      for (let k = 1; k < span; k++) open.delete(col + k);
      cells.push(cell);
      col += span;
    }
    if (!cells.length) continue;
    rows.push({ cells });
    header.push(isOn(child(trPr, 'w:tblHeader')));
  }
  if (!rows.length) return undefined;
  let headerRows = 0;
  while (headerRows < header.length && header[headerRows]) headerRows++;
  const t: Table = { type: 'table', rows, headerRows };
  if (widths.length && widths.every((w) => w > 0)) t.columnWidths = widths;
  return t;
}

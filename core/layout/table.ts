// Tables fitted to the text width: cell text wraps (小4, 12 pt), thin rules, header rows repeated
// when the table continues on the next page. Rows linked by a vertical merge stay on one page.
// Pure. It must never drop a cell's text: an over-tall row is still placed, whole, on a new page.
import type { Table } from '../model/document';
import { makeAtoms } from './atoms';
import type { Flow } from './flow';
import { alignedSegs, breakAtoms, type LayoutContext } from './paragraph';
import type { DrawOp } from './types';
import { baselineIn } from './geometry';

const CELL_SIZE = 12;
const LINE_H = 18;
const PAD_X = 4;
const PAD_Y = 3;
const RULE = 0.5;

interface PlacedCell {
  x: number;
  w: number;
  rowSpan: number;
  header: boolean;
  /** Lines of runs, each relative to the cell's text origin. */
  lines: ReturnType<typeof alignedSegs>[];
}

export function layoutTable(ctx: LayoutContext, flow: Flow, t: Table): void {
  const g = ctx.g;
  if (!t.rows.length) return;
  // Column count and positions from an occupancy grid (merged cells are absent in the model).
  const occ: boolean[][] = t.rows.map(() => []);
  const placed: {
    r: number;
    c: number;
    span: number;
    rowSpan: number;
    cell: Table['rows'][number]['cells'][number];
  }[] = [];
  let cols = 0;
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (occ[r][c]) c++;
      const span = cell.colSpan ?? 1;
      const rowSpan = Math.min(cell.rowSpan ?? 1, t.rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < span; dc++) occ[r + dr][c + dc] = true;
      placed.push({ r, c, span, rowSpan, cell });
      c += span;
    }
    cols = Math.max(cols, occ[r].length);
  });
  cols = Math.max(cols, 1);
  const rel = Array.from(
    { length: cols },
    (_, i) => t.columnWidths?.[i] ?? (t.columnWidths?.length ? t.columnWidths[t.columnWidths.length - 1] : 1),
  );
  const total = rel.reduce((a, b) => a + b, 0);
  const xs = [0];
  for (let i = 0; i < cols; i++) xs.push(xs[i] + (rel[i] / total) * g.blockW);

  const heights = t.rows.map(() => LINE_H + 2 * PAD_Y);
  const cellsByRow: PlacedCell[][] = t.rows.map(() => []);
  for (const p of placed) {
    const header = p.r < t.headerRows;
    const x = xs[p.c];
    const w = xs[Math.min(cols, p.c + p.span)] - x;
    const lines: PlacedCell['lines'] = [];
    const paras = p.cell.paragraphs.length ? p.cell.paragraphs : [{ type: 'paragraph' as const, inlines: [] }];
    for (const para of paras) {
      const atoms = para.inlines.length
        ? (() => {
            const a = [] as ReturnType<typeof makeAtoms>;
            for (const inl of para.inlines) {
              if (inl.type === 'text')
                a.push(
                  ...makeAtoms(
                    inl.text.replace(/\n/g, ' '),
                    { role: header ? 'hei' : 'fang', size: CELL_SIZE, bold: inl.bold },
                    ctx.fonts,
                    ctx.report,
                  ),
                );
              else if (inl.type === 'break')
                a.push({ kind: 'newline', text: '\n', width: 0, parts: [], size: CELL_SIZE });
            }
            return a;
          })()
        : [];
      const br = breakAtoms(ctx, atoms, { width: Math.max(CELL_SIZE, w - 2 * PAD_X), tracking: 0 });
      const align = p.cell.align ?? (header ? 'center' : 'left');
      for (const line of br.lines) lines.push(alignedSegs(br.atoms, line, 0, align));
    }
    const h = lines.length * LINE_H + 2 * PAD_Y;
    if (p.rowSpan === 1) heights[p.r] = Math.max(heights[p.r], h);
    cellsByRow[p.r].push({ x, w, rowSpan: p.rowSpan, header, lines });
  }
  // A merged cell taller than its rows stretches the last of them.
  for (const p of placed) {
    if (p.rowSpan <= 1) continue;
    const cell = cellsByRow[p.r].find((c) => c.x === xs[p.c])!;
    const need = cell.lines.length * LINE_H + 2 * PAD_Y;
    let have = 0;
    for (let k = 0; k < p.rowSpan; k++) have += heights[p.r + k];
    if (need > have) heights[p.r + p.rowSpan - 1] += need - have;
  }
  // Groups of rows that must stay together (vertical merges).
  const groupEnd: number[] = [];
  for (let r = 0; r < t.rows.length;) {
    let end = r + 1;
    for (let k = r; k < end; k++) for (const c of cellsByRow[k]) end = Math.max(end, k + c.rowSpan);
    groupEnd.push(end);
    r = end;
  }

  const headerEnd = Math.min(t.headerRows, t.rows.length);
  if (t.caption) {
    // 14 pt 黑体, balanced, kept with the header and the first group of rows.
    const atoms = makeAtoms(t.caption, { role: 'hei', size: 14 }, ctx.fonts, ctx.report);
    const br = breakAtoms(ctx, atoms, { tracking: 0, balanced: true });
    const firstEnd = groupEnd.find((e) => e > headerEnd) ?? headerEnd;
    let firstH = 0;
    for (let r = 0; r < firstEnd; r++) firstH += heights[r];
    flow.keep(Math.min(g.lines, br.lines.length + Math.ceil(firstH / g.pitch - 0.01)));
    for (const line of br.lines) flow.line(alignedSegs(br.atoms, line, 0, 'center'), 14);
  }

  const drawRows = (from: number, to: number, top: number, ops: DrawOp[]) => {
    let y = top;
    for (let r = from; r < to; r++) {
      for (const c of cellsByRow[r]) {
        let h = 0;
        for (let k = 0; k < c.rowSpan && r + k < to; k++) h += heights[r + k];
        ops.push({ op: 'rule', x1: c.x, y1: y, x2: c.x + c.w, y2: y, width: RULE });
        ops.push({ op: 'rule', x1: c.x, y1: y + h, x2: c.x + c.w, y2: y + h, width: RULE });
        ops.push({ op: 'rule', x1: c.x, y1: y, x2: c.x, y2: y + h, width: RULE });
        ops.push({ op: 'rule', x1: c.x + c.w, y1: y, x2: c.x + c.w, y2: y + h, width: RULE });
        c.lines.forEach((segs, i) => {
          const base = baselineIn(y + PAD_Y + i * LINE_H, LINE_H, CELL_SIZE);
          ops.push({ op: 'text', y: base, segs: segs.map((s) => ({ ...s, x: s.x + c.x + PAD_X })) });
        });
      }
      y += heights[r];
    }
    return y;
  };
  const sum = (a: number, b: number) => {
    let h = 0;
    for (let r = a; r < b; r++) h += heights[r];
    return h;
  };
  const headerH = sum(0, headerEnd);
  const drawHeaderOnNewPage = () => {
    flow.newPage();
    if (headerEnd) drawRows(0, headerEnd, flow.box(headerH), flow.page.ops);
  };
  // A single row taller than a page (a whole speech pasted into one cell happens) is split
  // line by line across pages, each piece framed and under the repeated header: nothing may
  // run off the bottom of the page.
  const splitRow = (r: number, needHeader: boolean) => {
    if (needHeader && headerEnd) drawRows(0, headerEnd, flow.box(headerH, { snap: true }), flow.page.ops);
    const cells = cellsByRow[r];
    const total = Math.max(...cells.map((c) => c.lines.length));
    let offset = 0;
    while (offset < total) {
      const cap = Math.floor((flow.bottom() - flow.y - 2 * PAD_Y) / LINE_H);
      if (cap < 2) {
        drawHeaderOnNewPage();
        continue;
      }
      const take = Math.min(cap, total - offset);
      const h = take * LINE_H + 2 * PAD_Y;
      const top = flow.box(h);
      const ops = flow.page.ops;
      for (const c of cells) {
        ops.push({ op: 'rule', x1: c.x, y1: top, x2: c.x + c.w, y2: top, width: RULE });
        ops.push({ op: 'rule', x1: c.x, y1: top + h, x2: c.x + c.w, y2: top + h, width: RULE });
        ops.push({ op: 'rule', x1: c.x, y1: top, x2: c.x, y2: top + h, width: RULE });
        ops.push({ op: 'rule', x1: c.x + c.w, y1: top, x2: c.x + c.w, y2: top + h, width: RULE });
        c.lines.slice(offset, offset + take).forEach((segs, i) => {
          const base = baselineIn(top + PAD_Y + i * LINE_H, LINE_H, CELL_SIZE);
          ops.push({ op: 'text', y: base, segs: segs.map((sg) => ({ ...sg, x: sg.x + c.x + PAD_X })) });
        });
      }
      offset += take;
    }
  };
  let first = true;
  let start = 0;
  let prevEnd = 0;
  for (const end of groupEnd) {
    const gStart = prevEnd;
    prevEnd = end;
    if (end <= headerEnd) continue;
    if (end - gStart === 1 && heights[gStart] > g.blockH - headerH - 0.01) {
      splitRow(gStart, first);
      first = false;
      start = end;
      continue;
    }
    const from = first ? 0 : start;
    const gh = sum(first ? 0 : start, end);
    // Start a new page (repeating the header) when the group does not fit here.
    let top: number;
    if (!first && flow.y + sum(start, end) > flow.bottom() + 0.01) {
      flow.newPage();
      top = flow.box(headerH + sum(start, end));
      const y = drawRows(0, headerEnd, top, flow.page.ops);
      drawRows(start, end, y, flow.page.ops);
    } else {
      top = flow.box(gh, { snap: first });
      drawRows(from, end, top, flow.page.ops);
    }
    first = false;
    start = end;
  }
  if (first) {
    // a table made only of header rows
    const top = flow.box(headerH, { snap: true });
    drawRows(0, headerEnd, top, flow.page.ops);
  }
}

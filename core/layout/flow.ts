// The page-filling cursor of the body: places grid lines and boxes (table rows, images) on
// block-relative pages, opening a new page when one is full. Text always lands on a grid line; a
// box may sit anywhere, and the next text line snaps back to the grid below it.
// Pure; it knows nothing of PDF. It must never let content run past the bottom of the block
// (a box taller than the whole block is the caller's job to scale first).
import { baselineIn, type Geometry } from './geometry';
import type { DrawOp, GlyphSeg, PageKind } from './types';

export interface FlowPage {
  kind: PageKind;
  ops: DrawOp[];
  pdf?: { submissionId: string; pageIndex: number };
}

const EPS = 0.01;

export class Flow {
  readonly pages: FlowPage[] = [];
  /** Cursor from the top of the block, pt. */
  y = 0;
  constructor(readonly g: Geometry) {}

  get page(): FlowPage {
    if (!this.pages.length) this.newPage();
    return this.pages[this.pages.length - 1];
  }

  newPage(kind: PageKind = 'body'): FlowPage {
    const p: FlowPage = { kind, ops: [] };
    this.pages.push(p);
    this.y = 0;
    return p;
  }

  /** Index of the next free grid line on the current page (may equal g.lines when full). */
  nextLine(): number {
    return Math.max(0, Math.ceil(this.y / this.g.pitch - EPS));
  }

  /** Lines still free on the current page. */
  linesLeft(): number {
    return this.g.lines - this.nextLine();
  }

  /** Makes sure `n` grid lines fit on this page (keeps headings with what follows). */
  keep(n: number): void {
    if (this.pages.length && this.linesLeft() < n && this.nextLine() > 0) this.newPage();
  }

  /** Places one line of text on the next grid line; returns its baseline (block-relative). */
  line(segs: GlyphSeg[], size: number): number {
    if (!this.pages.length || this.linesLeft() < 1) this.newPage();
    const i = this.nextLine();
    const y = baselineIn(i * this.g.pitch, this.g.pitch, size);
    if (segs.length) this.page.ops.push({ op: 'text', y, segs });
    this.y = (i + 1) * this.g.pitch;
    return y;
  }

  /** Skips one grid line (a blank line). Never opens a page just for a blank line. */
  blankLine(): void {
    if (!this.pages.length) this.newPage();
    if (this.linesLeft() >= 1) this.y = (this.nextLine() + 1) * this.g.pitch;
  }

  /** Reserves a box of height h; returns its top (block-relative) on the current page. */
  box(h: number, opts: { snap?: boolean } = {}): number {
    if (!this.pages.length) this.newPage();
    let top = opts.snap ? this.nextLine() * this.g.pitch : this.y;
    if (top + h > this.g.blockH + EPS && top > EPS) {
      this.newPage();
      top = 0;
    }
    this.y = top + h;
    return top;
  }

  /** Height left on this page from the cursor, pt. */
  spaceLeft(): number {
    return this.g.blockH - this.y;
  }
}

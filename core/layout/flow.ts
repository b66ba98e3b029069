// The page-filling cursor of the body: places grid lines and boxes (table rows, images) on
// block-relative pages, opening a new page when one is full. Text always lands on a grid line; a
// box may sit anywhere, and the next text line snaps back to the grid below it.
// Make-up: a page may be capped to fewer lines (the item re-layout that pulls a short tail back),
// and footnotes fill an area at the foot of the page, reserved as the lines that reference them
// are placed; a note too long for its page continues on the next one (never ahead of its
// reference, never more than the page can spare).
// Pure; it knows nothing of PDF. It must never let content run past the bottom of the block
// (a box taller than the whole block is the caller's job to scale first).
import { baselineIn, type Geometry } from './geometry';
import type { DrawOp, GlyphSeg, PageKind } from './types';

export interface FlowPage {
  kind: PageKind;
  ops: DrawOp[];
  pdf?: { submissionId: string; pageIndex: number };
}

/** One line of a footnote, already broken and positioned horizontally (block-relative). */
export interface NoteLine {
  segs: GlyphSeg[];
  size: number;
}

const EPS = 0.01;

export class Flow {
  readonly pages: FlowPage[] = [];
  /** Cursor from the top of the block, pt. */
  y = 0;
  /** Per page index: the most grid lines of text the page may take (short pages); absent: all. */
  caps: number[] = [];
  /** Grid lines used on each closed page (the current one: nextLine()). */
  readonly used: number[] = [];
  /** Footnote lines at the foot of each page. */
  readonly notes: NoteLine[][] = [];
  /** Note lines still to print, continued on the next page. */
  carry: NoteLine[] = [];
  /** Where the line that referenced a continued note stands (page index, grid line). */
  carryFrom: { page: number; line: number } | null = null;
  /** Pitch of a note line and the gap (with the short rule) above the note area, pt. */
  readonly notePitch: number;
  readonly noteGap: number;

  constructor(readonly g: Geometry) {
    this.notePitch = g.pitch * 0.72;
    this.noteGap = g.pitch * 0.5;
  }

  get page(): FlowPage {
    if (!this.pages.length) this.newPage();
    return this.pages[this.pages.length - 1];
  }

  get index(): number {
    return this.pages.length - 1;
  }

  /** Lines of a heading kept with what follows: they move to the next page with it. */
  private held: { page: number; op: number; line: number } | null = null;
  private holding = false;

  /** Starts (or extends) the group of lines that must not end a page (headings). */
  beginHold(): void {
    if (!this.pages.length) this.newPage();
    if (!this.held || this.held.page !== this.index)
      this.held = { page: this.index, op: this.page.ops.length, line: this.nextLine() };
    this.holding = true;
  }

  endHold(): void {
    this.holding = false;
  }

  newPage(kind: PageKind = 'body'): FlowPage {
    let moved: DrawOp[] = [];
    let shift = 0;
    let heldLines = 0;
    if (this.pages.length) {
      const h = this.held;
      if (h && h.page === this.index && h.line > 0 && !this.holding) {
        // What follows a heading goes to the next page: the heading goes with it.
        moved = this.page.ops.splice(h.op);
        shift = h.line * this.g.pitch;
        heldLines = this.nextLine() - h.line;
        this.y = shift;
      }
      this.used[this.index] = this.nextLine();
    }
    const p: FlowPage = { kind, ops: [] };
    this.pages.push(p);
    this.notes.push([]);
    this.y = 0;
    if (moved.length) {
      for (const o of moved) shiftOp(o, 0, -shift);
      p.ops.push(...moved);
      this.held = { page: this.index, op: 0, line: 0 };
      this.y = heldLines * this.g.pitch;
    }
    if (this.carry.length) {
      // A continued note takes what the page can spare and still leave two lines of text.
      let k = 0;
      while (k < this.carry.length && this.capacity(k + 1) >= 2) k++;
      this.notes[this.index].push(...this.carry.splice(0, Math.max(1, k)));
      if (!this.carry.length) this.carryFrom = null;
    }
    return p;
  }

  /** Grid lines of text the current page can hold with `extra` more note lines at its foot. */
  capacity(extra = 0): number {
    const cap = this.caps[this.index] ?? this.g.lines;
    const k = (this.notes[this.index]?.length ?? 0) + extra;
    if (k === 0) return cap;
    return Math.min(cap, Math.floor((this.g.blockH - this.noteGap - k * this.notePitch) / this.g.pitch + EPS));
  }

  /** The lowest y content may reach on this page (above the notes and within the cap), pt. */
  bottom(): number {
    const cap = this.caps[this.index];
    const k = this.notes[this.index]?.length ?? 0;
    let b = this.g.blockH;
    if (cap !== undefined) b = Math.min(b, cap * this.g.pitch);
    if (k) b = Math.min(b, this.g.blockH - this.noteGap - k * this.notePitch);
    return b;
  }

  /** Index of the next free grid line on the current page (may equal g.lines when full). */
  nextLine(): number {
    return Math.max(0, Math.ceil(this.y / this.g.pitch - EPS));
  }

  /** Lines still free on the current page (with `extra` more note lines reserved). */
  linesLeft(extra = 0): number {
    return this.capacity(extra) - this.nextLine();
  }

  /** Makes sure `n` grid lines fit on this page (keeps headings with what follows). */
  keep(n: number): void {
    if (this.pages.length && this.linesLeft() < n && this.nextLine() > 0) this.newPage();
  }

  /**
   * How many of the coming lines fit on this page, given the note lines each of them brings
   * (a line whose notes do not all fit still fits when two or more note lines do: the rest continues).
   */
  fitCount(noteCounts: readonly number[]): number {
    if (!this.pages.length) this.newPage();
    let k = 0;
    let u = this.nextLine();
    let n = 0;
    for (const c of noteCounts) {
      if (this.capacity(k + c) >= u + 1) {
        k += c;
        u++;
        n++;
        continue;
      }
      if (c > 2 && this.capacity(k + 2) >= u + 1) n++;
      break;
    }
    return n;
  }

  /** Places one line of text on the next grid line, with the notes it references; returns its baseline. */
  line(segs: GlyphSeg[], size: number, notes?: readonly NoteLine[]): number {
    if (!this.pages.length || this.linesLeft() < 1) this.newPage();
    if (notes?.length) {
      let fit = this.noteFit(notes.length);
      if (fit < notes.length && fit < 2 && this.nextLine() > 0) {
        this.newPage();
        fit = this.noteFit(notes.length);
      }
      this.notes[this.index].push(...notes.slice(0, fit));
      if (fit < notes.length) {
        this.carry.push(...notes.slice(fit));
        this.carryFrom = { page: this.index, line: this.nextLine() };
      }
    }
    const i = this.nextLine();
    const y = baselineIn(i * this.g.pitch, this.g.pitch, size);
    if (segs.length) this.page.ops.push({ op: 'text', y, segs });
    this.y = (i + 1) * this.g.pitch;
    if (!this.holding) this.held = null;
    return y;
  }

  /** Most note lines (≤ n) this page can take and still hold one more line of text. */
  private noteFit(n: number): number {
    const need = this.nextLine() + 1;
    let k = n;
    while (k > 0 && this.capacity(k) < need) k--;
    return k;
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
    if (top + h > this.bottom() + EPS && top > EPS) {
      this.newPage();
      top = this.y;
    }
    this.y = top + h;
    if (!this.holding) this.held = null;
    return top;
  }

  /** Height left on this page from the cursor, pt. */
  spaceLeft(): number {
    return this.bottom() - this.y;
  }

  /**
   * Ends the flow: note lines still carried go on pages of their own (the item re-layout avoids
   * this), then every page's note area is drawn under a short rule at the foot of the block.
   */
  finish(): void {
    if (!this.pages.length) return;
    while (this.carry.length) this.newPage();
    this.used[this.index] = this.nextLine();
    const g = this.g;
    this.notes.forEach((lines, k) => {
      if (!lines.length) return;
      const ops = this.pages[k].ops;
      const top = g.blockH - lines.length * this.notePitch;
      const ry = top - this.noteGap * 0.35;
      ops.push({ op: 'rule', x1: 0, y1: ry, x2: g.blockW / 4, y2: ry, width: 0.6 });
      lines.forEach((l, i) =>
        ops.push({ op: 'text', y: baselineIn(top + i * this.notePitch, this.notePitch, l.size), segs: l.segs }),
      );
    });
  }
}

/** Moves a drawing operation right by dx and down by dy (in place; negative moves left / up). */
export function shiftOp(o: DrawOp, dx: number, dy: number): void {
  switch (o.op) {
    case 'text':
      o.y += dy;
      for (const sg of o.segs) sg.x += dx;
      break;
    case 'rule':
      o.x1 += dx;
      o.x2 += dx;
      o.y1 += dy;
      o.y2 += dy;
      break;
    case 'image':
    case 'link':
      o.x += dx;
      o.y += dy;
      break;
    case 'leader':
      o.x1 += dx;
      o.x2 += dx;
      o.y += dy;
      break;
    case 'dest':
      o.y += dy;
      break;
    default:
      break;
  }
}

// An item's notes for the page make-up: footnotes are broken into 14 pt lines (the ① label on the
// first) once, handed to the Flow with the text line that references them, so they stand at the
// foot of that page; endnotes, notes never referenced and all notes when the settings ask for
// 'end' print after the item's text under a short rule, as before.
// Pure. It must never lose a note: whatever was not placed at a foot is printed at the end.
import type { Footnote } from '../model/document';
import { makeAtoms } from './atoms';
import type { Flow, NoteLine } from './flow';
import { alignedSegs, breakAtoms, inlineAtoms, type LayoutContext } from './paragraph';

export const NOTE_SIZE = 14;

export class ItemNotes {
  private readonly byId = new Map<string, Footnote>();
  private readonly cache = new Map<string, NoteLine[]>();
  private readonly claimed = new Set<string>();

  constructor(
    private readonly ctx: LayoutContext,
    readonly all: readonly Footnote[],
    /** Footnotes go to the foot of their page (else everything prints at the end). */
    readonly atFoot: boolean,
  ) {
    for (const n of all) this.byId.set(n.id, n);
  }

  /** True when the reference with this id puts a note at the foot of the page. */
  isFoot(id: string): boolean {
    const n = this.byId.get(id);
    return this.atFoot && !!n && n.kind !== 'endnote' && !this.claimed.has(id);
  }

  /** Broken lines of one note with its printed label. */
  private lines(n: Footnote, marker: string): NoteLine[] {
    let lines = this.cache.get(n.id);
    if (lines) return lines;
    const ctx = this.ctx;
    const size = NOTE_SIZE;
    const label = makeAtoms(marker, { role: 'fang', size }, ctx.fonts, ctx.report);
    const lw = label.reduce((s, a) => s + a.width, 0) + size * 0.25;
    const labelSegs = alignedSegs(
      label,
      { start: 0, end: label.length, indent: 0, measure: lw, natural: lw, gaps: 0, last: true },
      0,
      'left',
    );
    const br = breakAtoms(ctx, inlineAtoms(ctx, n.inlines, { role: 'fang', size }), {
      firstIndent: lw,
      restIndent: lw,
      tracking: 0,
    });
    lines = br.lines.map((line, k) => {
      const segs = alignedSegs(br.atoms, line, 0, 'justify');
      if (k === 0) segs.unshift(...labelSegs);
      return { segs, size };
    });
    this.cache.set(n.id, lines);
    return lines;
  }

  /** Number of note lines the references `ids` would bring (nothing is claimed). */
  count(ids: readonly string[]): number {
    let c = 0;
    for (const id of ids) if (this.isFoot(id)) c += this.lines(this.byId.get(id)!, this.ctx.notes.get(id) ?? '').length;
    return c;
  }

  /** The note lines of the references `ids` not yet placed; marks them placed. */
  claim(ids: readonly string[]): NoteLine[] {
    const out: NoteLine[] = [];
    for (const id of ids) {
      if (!this.isFoot(id)) continue;
      out.push(...this.lines(this.byId.get(id)!, this.ctx.notes.get(id) ?? ''));
      this.claimed.add(id);
    }
    return out;
  }

  /** Prints every note not placed at a foot after the item's text, under a short rule. */
  printRest(flow: Flow): void {
    const ctx = this.ctx;
    const g = ctx.g;
    const rest = this.all.filter((n) => !this.claimed.has(n.id) && ctx.notes.has(n.id));
    // Notes never referenced still print (a reader may have lost the anchor), numbered after the rest.
    for (const n of this.all) if (!ctx.notes.has(n.id)) rest.push(n);
    if (!rest.length) return;
    flow.keep(2);
    const i = flow.nextLine();
    const y = i * g.pitch + g.pitch * 0.6;
    flow.page.ops.push({ op: 'rule', x1: 0, y1: y, x2: g.blockW / 4, y2: y, width: 0.6 });
    flow.y = (i + 1) * g.pitch;
    for (const n of rest) {
      let marker = ctx.notes.get(n.id);
      if (!marker) {
        marker = `[${ctx.notes.size + 1}]`;
        ctx.notes.set(n.id, marker);
      }
      const lines = this.lines(n, marker);
      if (lines.length === 2) flow.keep(2);
      lines.forEach((l, k) => {
        // No single note line left at the foot of a page, nor alone at the top of the next.
        if (k === 0 && lines.length > 1 && flow.linesLeft() === 1) flow.newPage();
        if (lines.length > 2 && k === lines.length - 2 && flow.linesLeft() === 1) flow.newPage();
        flow.line(l.segs, l.size);
      });
      this.claimed.add(n.id);
    }
  }
}

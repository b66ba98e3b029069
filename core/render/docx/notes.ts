// Notes of one item, numbered and printed as the PDF layout does (core/layout/item.ts): markers
// ①②… (then [21] …) in order of first reference, footnotes and endnotes alike, and the notes
// themselves at the end of the item under a short rule in 4号 仿宋. Word footnotes would sit at the
// foot of each page and repaginate the item differently from the PDF, and the 目录's numbers come
// from the PDF. It must never drop a note: unreferenced notes still print, numbered after the rest.
import { Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { Footnote } from '../../model/document';
import { inlineRuns, xmlSafe } from './inlines';
import type { DocxMetrics } from './metrics';
import { STYLE } from './styles';

const CIRCLED = Array.from('①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳');
/** The printed marker of the n-th note (1-based), as in the PDF. */
export const noteMarker = (n: number): string => (n <= CIRCLED.length ? CIRCLED[n - 1] : `[${n}]`);

export interface NoteContext {
  /** The marker for a note reference, assigned on first use. */
  marker(id: string): string;
}

export class ItemNotes implements NoteContext {
  private readonly markers = new Map<string, string>();
  constructor(private readonly notes: readonly Footnote[]) {}

  marker(id: string): string {
    let m = this.markers.get(id);
    if (!m) {
      m = noteMarker(this.markers.size + 1);
      this.markers.set(id, m);
    }
    return m;
  }

  /** The notes block: a short rule, then each note with its marker and a hanging indent. */
  paragraphs(m: DocxMetrics): Paragraph[] {
    const used = this.notes.filter((n) => this.markers.has(n.id));
    for (const n of this.notes) if (!this.markers.has(n.id)) used.push(n);
    if (!used.length) return [];
    // The rule: an underlined tab to a quarter of the block (a paragraph border would add height).
    const out = [
      new Paragraph({
        style: STYLE.notesRule,
        tabStops: [{ type: TabStopType.LEFT, position: Math.round(m.blockWidth / 4) }],
        children: [new TextRun({ children: [new Tab()], underline: {} })],
      }),
    ];
    for (const n of used) {
      let marker = this.markers.get(n.id);
      if (!marker) {
        marker = `[${this.markers.size + 1}]`;
        this.markers.set(n.id, marker);
      }
      out.push(new Paragraph({ style: STYLE.note, children: [new TextRun({ children: [xmlSafe(marker), new Tab()] }), ...inlineRuns(n.inlines)] }));
    }
    return out;
  }
}

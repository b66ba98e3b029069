// Notes of one item, numbered as the PDF layout does (core/layout/footnotes.ts): markers ①②…
// (then [21] …) in order of first reference. Footnotes are Word footnotes at the foot of the page
// (numbered ①, restarting per item section, see sections.ts) when the settings put them there, as the
// PDF does; endnotes, unreferenced notes and (with footnotePlacement 'end') all notes print at the end
// of the item under a short rule in 4号 仿宋. It must never drop a note: unreferenced notes still
// print, numbered after the rest.
import { FootnoteReferenceRun, Paragraph, Tab, TabStopType, TextRun, type ParagraphChild } from 'docx';
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
  /** The run for a note reference: a Word footnote on its first reference, else the raised marker. */
  reference(id: string): ParagraphChild;
}

export class ItemNotes implements NoteContext {
  private readonly markers = new Map<string, string>();
  private readonly atFoot = new Set<string>();
  constructor(
    private readonly notes: readonly Footnote[],
    private readonly footnotesAtFoot = true,
  ) {}

  reference(id: string): ParagraphChild {
    const n = this.notes.find((x) => x.id === id);
    if (this.footnotesAtFoot && n && n.kind !== 'endnote' && !this.markers.has(id)) {
      this.marker(id);
      this.atFoot.add(id);
      // The footnote's number (①, the section's format) comes first; the text hangs after a tab.
      return new FootnoteReferenceRun({
        children: [
          new Paragraph({
            style: STYLE.footnote,
            children: [new TextRun({ children: [new Tab()] }), ...inlineRuns(n.inlines)],
          }),
        ],
      });
    }
    return new TextRun({ text: this.marker(id), superScript: true });
  }

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
    const used = this.notes.filter((n) => this.markers.has(n.id) && !this.atFoot.has(n.id));
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
      out.push(
        new Paragraph({
          style: STYLE.note,
          children: [new TextRun({ children: [xmlSafe(marker), new Tab()] }), ...inlineRuns(n.inlines)],
        }),
      );
    }
    return out;
  }
}

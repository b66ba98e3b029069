// The 目录 as plain paragraphs: the groups ("一、大会发言") and under each the entries
// "title …… author …… page" with dot-leader tab stops, each entry a link to its item. The page
// numbers are the PDF layout's (TocEntry.page), written as text: a TOC field would show whatever
// Word or LibreOffice computed (or nothing), and LibreOffice never updates fields on conversion.
// It must never invent or recompute a page number.
import { InternalHyperlink, LeaderType, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { Dossier, TocEntry } from '../../model/dossier';
import { xmlSafe } from './inlines';
import type { DocxMetrics } from './metrics';
import { STYLE } from './styles';
import { NO_END, NO_START } from './title-lines';

/** Width in grid cells: Latin letters, digits and spaces ½, everything else 1. */
export function cells(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

/** TOC geometry in grid cells, the same as the PDF layout's 目录 (core/layout/front-matter.ts). */
export const TOC_CELLS = {
  /** First title line starts two cells in; wrapped lines hang one more cell. */
  firstIndent: 2,
  restIndent: 3,
  /** Room kept for the page number at the right. */
  number: 2.5,
  /** Gap between the author column and the page-number column. */
  gap: 1,
};

/**
 * Breaks a title as the PDF's 目录 does: lines up to the author column (the block minus the
 * number column and a gap), the last line followed by leader, author and number when they fit,
 * else those go on a line of their own (returned as a final empty line). Characters are never changed.
 */
export function tocTitleLines(title: string, charsPerLine: number, authorCells: number): string[] {
  const measure = charsPerLine - TOC_CELLS.number - TOC_CELLS.gap;
  const chars = Array.from(title);
  const lines: string[] = [];
  let start = 0;
  let indent: number = TOC_CELLS.firstIndent;
  let w = 0;
  let i = 0;
  while (i < chars.length) {
    const cw = cells(chars[i]);
    if (i > start && indent + w + cw > measure) {
      // 禁则: a closing mark never starts a line and an opening one never ends it — carry the
      // last character(s) down with it, as the PDF's line breaker does.
      let cut = i;
      while (cut - 1 > start && (NO_START.has(chars[cut]) || NO_END.has(chars[cut - 1]))) cut--;
      lines.push(chars.slice(start, cut).join(''));
      start = cut;
      i = cut;
      w = 0;
      indent = TOC_CELLS.restIndent;
      continue;
    }
    w += cw;
    i++;
  }
  lines.push(chars.slice(start).join(''));
  // The author column starts at measure − author; the last line must end a cell before it.
  if (indent + w + 1 > measure - authorCells) lines.push('');
  return lines;
}

export function tocParagraphs(
  dossier: Dossier,
  toc: readonly TocEntry[],
  m: DocxMetrics,
  anchorOf: (submissionId: string) => string | undefined,
): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({ style: STYLE.tocTitle, children: [new TextRun('目　录')] }),
    new Paragraph({ style: STYLE.tocEntry, children: [] }),
  ];
  const cell = m.charCell;
  const pageTab = m.blockWidth;
  const authorTab = m.blockWidth - Math.round((TOC_CELLS.number + TOC_CELLS.gap) * cell);
  let lastSection = -1;
  for (const e of toc) {
    if (e.sectionIndex !== lastSection) {
      lastSection = e.sectionIndex;
      const sec = dossier.sections[e.sectionIndex];
      if (sec)
        out.push(
          new Paragraph({
            style: STYLE.tocGroup,
            children: [new TextRun(xmlSafe(`${sec.ordinal}${sec.section.title}`))],
          }),
        );
    }
    const author = xmlSafe(e.author ?? '');
    const lines = tocTitleLines(xmlSafe(e.title), m.charsPerLine, cells(author));
    const runs: TextRun[] = lines.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : undefined }));
    runs.push(new TextRun({ children: [new Tab(), author, new Tab(), String(e.page)] }));
    const anchor = anchorOf(e.submissionId);
    out.push(
      new Paragraph({
        style: STYLE.tocEntry,
        indent: { left: TOC_CELLS.restIndent * cell, hanging: (TOC_CELLS.restIndent - TOC_CELLS.firstIndent) * cell },
        keepLines: true,
        tabStops: [
          { type: TabStopType.RIGHT, position: authorTab, leader: LeaderType.DOT },
          { type: TabStopType.RIGHT, position: pageTab, leader: LeaderType.DOT },
        ],
        children: anchor ? [new InternalHyperlink({ anchor, children: runs })] : runs,
      }),
    );
  }
  return out;
}

// Page-number footers per GB/T 9704 7.5: "— n —" in 4号 宋体, odd pages flush right with one
// character of space, even pages flush left with one character of space. Written once, on the first
// body section, as ordinary default/even footers (later sections inherit them the way Word's
// "link to previous" does): WPS ignores footers written in unusual ways, so nothing clever here.
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';
import type { DocxMetrics } from './metrics';
import { STYLE } from './styles';

function numberParagraph(m: DocxMetrics, odd: boolean): Paragraph {
  // One character of the page-number size (4号 = 14 pt = 280 twips).
  const oneChar = m.pageNumberSize * 10;
  return new Paragraph({
    style: STYLE.footer,
    alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: odd ? { right: oneChar } : { left: oneChar },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
  });
}

export function pageNumberFooters(m: DocxMetrics): { default: Footer; even: Footer } {
  return {
    default: new Footer({ children: [numberParagraph(m, true)] }),
    even: new Footer({ children: [numberParagraph(m, false)] }),
  };
}

/** Empty footers for unnumbered front matter, so nothing can leak into it. */
export function emptyFooters(): { default: Footer; even: Footer } {
  return {
    default: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] }),
    even: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] }),
  };
}

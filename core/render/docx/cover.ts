// The cover page, placed as the PDF layout places it: marks at the top (内部资料 注意保存 right,
// 密级 left), the session name, the theme and the book title centred in 小标宋, the compiler and the
// date (二〇二三年九月) in 楷体 near the foot. Positions are "space before" plus exact line heights,
// so Word and LibreOffice put everything in the same place; the whole cover must always fit one
// page (a second cover page would shift every page of the DOCX against the PDF).
import { LineRuleType, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { chineseYearMonth, type Session } from '../../model/session';
import { xmlSafe } from './inlines';
import type { DocxMetrics } from './metrics';
import { STYLE } from './styles';
import { balancedTitleLines } from './title-lines';
import { runFont, type WordFonts } from './word-fonts';

/** Text lines with explicit breaks between them. */
const linesRuns = (lines: string[]) =>
  lines.map((t, i) => new TextRun({ text: xmlSafe(t), break: i > 0 ? 1 : undefined }));

/**
 * Cover geometry of the PDF layout (core/layout/front-matter.ts), as first baselines in fractions
 * of the text block's height, sizes in pt, line leads as multiples of the size and tracking in pt.
 */
export const COVER = {
  name: { at: 0.2, size: 22, lead: 1.6, track: 0 },
  theme: { at: 0.34, size: 30, lead: 1.5, track: 2 },
  book: { at: 0.47, size: 36, lead: 1.4, track: 8 },
  foot: { at: 0.86, size: 18, lead: 1.8, track: 0 },
};

export function coverParagraphs(session: Session, m: DocxMetrics, fonts: WordFonts): Paragraph[] {
  const out: Paragraph[] = [];
  const pitch = m.linePitch;
  const blockPt = m.blockWidth / 20;
  const blockH = m.blockHeight / 20;
  let cur = 0; // bottom of the last paragraph, pt from the top of the block

  // Marks: 内部资料 top right on line 1; 密级 top left on line 2; the 会后收回 line top right.
  const right: { text: string; small?: boolean }[] = [];
  if (session.marks.internal) right.push({ text: '内部资料　注意保存' });
  if (session.marks.confidentialityLine) right.push({ text: session.marks.confidentialityLine, small: true });
  const left = [session.marks.secrecy].filter(Boolean) as string[];
  const markLines = Math.max(right.length, left.length ? 2 : 0);
  for (let i = 0; i < markLines; i++) {
    const l = i === 1 ? left[0] : undefined;
    const r = right[i];
    const children: TextRun[] = [];
    if (l) children.push(new TextRun(xmlSafe(l)));
    if (r)
      children.push(
        new TextRun({
          children: [new Tab(), xmlSafe(r.text)],
          size: r.small ? 28 : undefined,
          font: r.small ? runFont(fonts.kai) : undefined,
        }),
      );
    out.push(
      new Paragraph({
        style: STYLE.coverMark,
        tabStops: [{ type: TabStopType.RIGHT, position: m.blockWidth }],
        children,
      }),
    );
    cur += pitch / 20;
  }

  const place = (style: string, text: string, g: (typeof COVER)[keyof typeof COVER], minBaseline: number): number => {
    if (!text.trim()) return minBaseline;
    const maxEm = Math.max(1, Math.floor(blockPt / (g.size + g.track)));
    const lines = balancedTitleLines(text.trim(), maxEm);
    const lead = g.size * g.lead;
    const baseline = Math.max(g.at * blockH, minBaseline);
    // A line of exact height L draws its em box centred: baseline = top + L/2 + 0.38 × size.
    const top = baseline - lead / 2 - 0.38 * g.size;
    const before = Math.max(0, top - cur);
    // The whole spacing element every time: LibreOffice drops the style's exact rule when a
    // paragraph's own w:spacing has only "before".
    out.push(
      new Paragraph({
        style,
        spacing: {
          before: Math.round(before * 20),
          after: 0,
          line: Math.round(lead * 20),
          lineRule: LineRuleType.EXACT,
        },
        children: linesRuns(lines),
      }),
    );
    cur = Math.max(cur, top) + lines.length * lead;
    return baseline + lines.length * lead;
  };
  let y = place(STYLE.coverSession, session.name, COVER.name, 0);
  y = place(STYLE.coverTheme, session.theme, COVER.theme, y + pitch / 20);
  place(STYLE.coverBook, session.bookTitle, COVER.book, y + pitch / 20);
  const organiser = [session.organiser, session.organiserSuffix].filter(Boolean).join('　');
  const yb = place(STYLE.coverFoot, organiser, COVER.foot, 0);
  place(STYLE.coverFoot, chineseYearMonth(session.date), COVER.foot, organiser.trim() ? yb : 0);
  return out;
}

/** 说明 (editor's note) before the TOC: a centred title and the text as body paragraphs. */
export function prefaceParagraphs(preface: string): Paragraph[] {
  const paras = preface
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);
  return [
    new Paragraph({ style: STYLE.prefaceTitle, children: [new TextRun('说　明')] }),
    new Paragraph({ style: STYLE.body, children: [] }),
    ...paras.map((t) => new Paragraph({ style: STYLE.body, children: [new TextRun(xmlSafe(t))] })),
  ];
}

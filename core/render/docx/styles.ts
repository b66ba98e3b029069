// The named styles of the dossier's Word file: what a clerk sees in Word's style gallery and what
// keeps the DOCX on the same grid as the PDF. Built-in ids (Title, Heading1–4, TOC1/2, Footer,
// FootnoteText, Caption) are used where Word has one, so the navigation pane and later "update
// TOC" work; the rest are "汇编…" styles. Every paragraph style here uses EXACT line spacing of one
// grid line (LibreOffice and Word then agree line for line); it must never rely on fonts' own
// line heights, which differ between 仿宋 on a Windows PC and the fallback on a Linux converter.
import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { LayoutSettings } from '../../model/settings';
import type { DocxMetrics } from './metrics';
import { runFont, type WordFonts } from './word-fonts';

export const STYLE = {
  body: 'HuibianBody',
  title: 'Title',
  author: 'HuibianAuthor',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const,
  list: 'HuibianList',
  tocTitle: 'HuibianTocTitle',
  tocGroup: 'TOC1',
  tocEntry: 'TOC2',
  coverMark: 'HuibianCoverMark',
  coverSession: 'HuibianCoverSession',
  coverTheme: 'HuibianCoverTheme',
  coverBook: 'HuibianCoverBook',
  coverFoot: 'HuibianCoverFoot',
  prefaceTitle: 'HuibianPrefaceTitle',
  tableText: 'HuibianTableText',
  tableHeader: 'HuibianTableHeader',
  figure: 'HuibianFigure',
  figureCaption: 'HuibianFigureCaption',
  figureMissing: 'HuibianFigureMissing',
  caption: 'Caption',
  footer: 'Footer',
  footnote: 'FootnoteText',
  notesRule: 'HuibianNotesRule',
  note: 'HuibianNote',
} as const;

/** Sizes (half-points) of the text that is not on the body grid. */
export function secondarySizes(s: LayoutSettings) {
  return {
    /** 小4 (12 pt) on 18 pt lines in table cells, as the PDF table layout. */
    table: 24,
    tableLine: 360,
    /** Notes in 4号. */
    footnote: Math.round(s.pageNumberSize * 2),
  };
}

/** Exact line spacing of n grid lines. */
export const exactLines = (m: DocxMetrics, n = 1) => ({
  line: Math.round(m.linePitch * n),
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
});

export function buildStyles(m: DocxMetrics, fonts: WordFonts, s: LayoutSettings): IStylesOptions {
  const fang = runFont(fonts.fang);
  const grid = exactLines(m);
  const twoChars = m.charCell * 2;
  const sec = secondarySizes(s);
  // Text on the 28-character grid: body size with the grid tracking.
  const gridRun = (eastAsia: string, extra: Record<string, unknown> = {}) => ({
    font: runFont(eastAsia),
    size: m.bodySize,
    characterSpacing: m.gridTracking,
    color: '000000',
    ...extra,
  });
  const centred = { alignment: AlignmentType.CENTER, spacing: grid, indent: { firstLine: 0, left: 0, right: 0 } };
  // Table cells are off the grid: 18 pt lines, no tracking, no indent.
  const tableCell = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) => ({
    alignment,
    spacing: { line: sec.tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: { firstLine: 0 },
  });

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.body,
      name: '汇编正文',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: gridRun(fonts.fang),
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        spacing: grid,
        indent: { firstLine: twoChars, firstLineChars: 200 },
      },
    },
    {
      id: STYLE.author,
      name: '汇编作者',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: gridRun(fonts.kai),
      paragraph: { ...centred, keepNext: true, keepLines: true },
    },
    {
      id: STYLE.list,
      name: '汇编列表',
      basedOn: STYLE.body,
      next: STYLE.list,
      run: gridRun(fonts.fang),
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: grid },
    },
    {
      id: STYLE.tocTitle,
      name: '汇编目录标题',
      basedOn: 'Normal',
      next: STYLE.tocGroup,
      quickFormat: true,
      run: { font: runFont(fonts.xbs), size: m.titleSize, color: '000000' },
      paragraph: { ...centred, keepNext: true },
    },
    {
      id: STYLE.tocGroup,
      name: 'toc 1',
      basedOn: 'Normal',
      next: STYLE.tocEntry,
      run: gridRun(fonts.hei),
      paragraph: { alignment: AlignmentType.LEFT, spacing: grid, keepNext: true, indent: { firstLine: 0, left: 0 } },
    },
    {
      id: STYLE.tocEntry,
      name: 'toc 2',
      basedOn: 'Normal',
      next: STYLE.tocEntry,
      run: gridRun(fonts.fang),
      paragraph: { alignment: AlignmentType.LEFT, spacing: grid },
    },
    {
      id: STYLE.coverMark,
      name: '汇编封面标识',
      basedOn: 'Normal',
      run: gridRun(fonts.hei),
      paragraph: { alignment: AlignmentType.LEFT, spacing: grid, indent: { firstLine: 0 } },
    },
    {
      id: STYLE.coverSession,
      name: '汇编封面会议名称',
      basedOn: 'Normal',
      run: { font: runFont(fonts.xbs), size: m.titleSize, color: '000000' },
      paragraph: {
        ...centred,
        spacing: { line: Math.round(m.titleSize * 10 * 1.6), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    },
    {
      id: STYLE.coverTheme,
      name: '汇编封面主题',
      basedOn: 'Normal',
      run: { font: runFont(fonts.xbs), size: 60, characterSpacing: 40, color: '000000' },
      paragraph: { ...centred, spacing: { line: 900, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: STYLE.coverBook,
      name: '汇编封面书名',
      basedOn: 'Normal',
      run: { font: runFont(fonts.xbs), size: 72, characterSpacing: 160, color: '000000' },
      paragraph: { ...centred, spacing: { line: 1008, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: STYLE.coverFoot,
      name: '汇编封面落款',
      basedOn: 'Normal',
      run: { font: runFont(fonts.kai), size: 36, color: '000000' },
      paragraph: { ...centred, spacing: { line: 648, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: STYLE.prefaceTitle,
      name: '汇编说明标题',
      basedOn: 'Normal',
      next: STYLE.body,
      run: { font: runFont(fonts.xbs), size: m.titleSize, color: '000000' },
      paragraph: { ...centred, keepNext: true },
    },
    {
      id: STYLE.tableText,
      name: '汇编表格',
      basedOn: 'Normal',
      run: { font: fang, size: sec.table, color: '000000' },
      paragraph: tableCell(AlignmentType.LEFT),
    },
    {
      id: STYLE.tableHeader,
      name: '汇编表头',
      basedOn: STYLE.tableText,
      run: { font: runFont(fonts.hei), size: sec.table, color: '000000' },
      paragraph: tableCell(AlignmentType.CENTER),
    },
    {
      id: STYLE.figure,
      name: '汇编图片',
      basedOn: 'Normal',
      next: STYLE.body,
      run: { font: fang, size: m.bodySize },
      // An inline picture needs "auto" line spacing: an exact line would clip it to one line.
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: {
          line: 240,
          lineRule: LineRuleType.AUTO,
          before: Math.round(m.linePitch / 4),
          after: Math.round(m.linePitch / 4),
        },
        indent: { firstLine: 0 },
      },
    },
    {
      id: STYLE.figureCaption,
      name: '汇编图题',
      basedOn: 'Normal',
      next: STYLE.body,
      // 楷体 4号, one grid line a line, as the PDF layout's picture captions.
      run: { font: runFont(fonts.kai), size: 28, color: '000000' },
      paragraph: centred,
    },
    {
      id: STYLE.figureMissing,
      name: '汇编图片缺失',
      basedOn: 'Normal',
      next: STYLE.body,
      run: gridRun(fonts.kai),
      paragraph: centred,
    },
    {
      id: STYLE.notesRule,
      name: '汇编注释线',
      basedOn: 'Normal',
      next: STYLE.note,
      run: { font: fang, size: sec.footnote },
      paragraph: { alignment: AlignmentType.LEFT, spacing: grid, keepNext: true, indent: { firstLine: 0 } },
    },
    {
      id: STYLE.note,
      name: '汇编注释',
      basedOn: 'Normal',
      next: STYLE.note,
      // 4号 on the body grid, the marker hanging (marker width + a quarter em), as the PDF.
      run: { font: fang, size: sec.footnote, color: '000000' },
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        spacing: grid,
        indent: { left: Math.round(sec.footnote * 10 * 1.25), hanging: Math.round(sec.footnote * 10 * 1.25) },
      },
    },
  ];

  const heading = (eastAsia: string, bold: boolean, level: number) => ({
    run: gridRun(eastAsia, { bold, italics: false }),
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      spacing: grid,
      indent: { firstLine: twoChars, firstLineChars: 200 },
      keepNext: true,
      keepLines: true,
      outlineLevel: level,
    },
  });

  return {
    default: {
      document: {
        run: { font: fang, size: m.bodySize, color: '000000' },
        paragraph: { spacing: grid },
      },
      title: {
        name: 'Title',
        run: { font: runFont(fonts.xbs), size: m.titleSize, bold: false, color: '000000' },
        paragraph: { ...centred, keepNext: true, keepLines: true, outlineLevel: 0 },
      },
      heading1: heading(fonts.hei, false, 1),
      heading2: heading(fonts.kai, false, 2),
      heading3: heading(fonts.fang, s.level3Bold, 3),
      heading4: heading(fonts.fang, false, 4),
      caption: {
        // Table captions: 黑体 4号, centred, one grid line a line (the PDF's table layout), kept with the table.
        run: { font: runFont(fonts.hei), size: 28, italics: false, bold: false, color: '000000' },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: grid,
          indent: { firstLine: 0 },
          keepNext: true,
          keepLines: true,
        },
      },
      footnoteText: {
        // Footnotes at the page foot: 4号 仿宋 on lines of 0.72 grid line, the number hanging, as the PDF.
        run: { font: fang, size: sec.footnote, color: '000000' },
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          spacing: { line: Math.round(m.linePitch * 0.72), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          indent: { left: Math.round(sec.footnote * 10 * 1.25), hanging: Math.round(sec.footnote * 10 * 1.25) },
        },
      },
      footnoteReference: { run: { superScript: true } },
    },
    paragraphStyles: [
      ...paragraphStyles,
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: 'Normal',
        run: { font: runFont(fonts.song, fonts.song), size: m.pageNumberSize, color: '000000' },
        paragraph: {
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLine: 0 },
        },
      },
    ],
  };
}

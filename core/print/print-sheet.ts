// The print sheet (印制单): how many sheets of paper, how many reams, for N copies of a dossier,
// single-sided, duplex or as a saddle-stitched booklet. Pure arithmetic plus a plain-text rendering
// a clerk can hand to the print room; print-sheet-pdf.ts draws the same as a PDF. It never rounds
// a shortage away: sheets and reams are always rounded up.
export const SHEETS_PER_REAM = 500;

export type PrintMode = 'single' | 'duplex' | 'booklet';

export interface PrintSheetInput {
  /** Pages of one copy as composed (before padding). */
  pages: number;
  copies: number;
  mode: PrintMode;
  /** Paper the pages are printed on (booklets: the folded sheet, e.g. A3). */
  paper?: string;
  /** Spare sheets for set-up and spoilage, percent (加放). */
  sparePercent?: number;
  /** Shown on the sheet. */
  title?: string;
}

export interface PrintSheet {
  mode: PrintMode;
  paper: string;
  pagesPerCopy: number;
  /** Pages after blanks are added for the mode (even for duplex, multiple of 4 for booklets). */
  paddedPages: number;
  blankPages: number;
  /** Printed sides per copy. */
  sidesPerCopy: number;
  sheetsPerCopy: number;
  copies: number;
  sheets: number;
  spareSheets: number;
  totalSheets: number;
  reams: number;
  /** Reams as a decimal, e.g. 3.42, for the order. */
  reamsExact: number;
}

export function computePrintSheet(input: PrintSheetInput): PrintSheet {
  const pages = Math.max(0, Math.floor(input.pages));
  const copies = Math.max(0, Math.floor(input.copies));
  const multiple = input.mode === 'booklet' ? 4 : input.mode === 'duplex' ? 2 : 1;
  const paddedPages = Math.ceil(pages / multiple) * multiple;
  const sheetsPerCopy =
    input.mode === 'booklet' ? paddedPages / 4 : input.mode === 'duplex' ? paddedPages / 2 : paddedPages;
  const sidesPerCopy = input.mode === 'single' ? paddedPages : sheetsPerCopy * 2;
  const sheets = sheetsPerCopy * copies;
  const spareSheets = Math.ceil((sheets * (input.sparePercent ?? 0)) / 100);
  const totalSheets = sheets + spareSheets;
  return {
    mode: input.mode,
    paper: input.paper ?? (input.mode === 'booklet' ? 'A3' : 'A4'),
    pagesPerCopy: pages,
    paddedPages,
    blankPages: paddedPages - pages,
    sidesPerCopy,
    sheetsPerCopy,
    copies,
    sheets,
    spareSheets,
    totalSheets,
    reams: Math.ceil(totalSheets / SHEETS_PER_REAM),
    reamsExact: Math.round((totalSheets / SHEETS_PER_REAM) * 100) / 100,
  };
}

const MODE_NAMES: Record<PrintMode, string> = { single: '单面印刷', duplex: '双面印刷', booklet: '骑马订（对折双面）' };

/** The sheet as lines of text (Chinese), for the terminal, a .txt file or the PDF. */
export function printSheetLines(s: PrintSheet, title = ''): string[] {
  return [
    title ? `印制单：${title}` : '印制单',
    `印刷方式：${MODE_NAMES[s.mode]}，纸张 ${s.paper}`,
    `每份页数：${s.pagesPerCopy} 页${s.blankPages ? `（另加空白页 ${s.blankPages} 页，共 ${s.paddedPages} 页）` : ''}`,
    `每份用纸：${s.sheetsPerCopy} 张（${s.sidesPerCopy} 面）`,
    `印数：${s.copies} 份`,
    `用纸合计：${s.sheets} 张${s.spareSheets ? `，加放 ${s.spareSheets} 张，共 ${s.totalSheets} 张` : ''}`,
    `折合：${s.reamsExact} 令，需备 ${s.reams} 令（每令 ${SHEETS_PER_REAM} 张）`,
  ];
}

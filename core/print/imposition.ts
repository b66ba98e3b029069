// Imposition: which dossier page sits where on the printer's sheets. Saddle-stitch booklets (two
// pages a side, folded and stapled in the middle) and 2-up handouts (two pages side by side on a
// landscape sheet). The page order is a pure function (bookletOrder) so it can be tested and shown
// to the print room; the PDF is composed with compose.ts. It never reorders or drops a page
// silently: blanks are added only at the end, to fill the last sheet.
import { AppException } from '../result';
import { mm } from '../model/settings';
import { composePdf, FormLibrary, PAPER, type Box, type OutputPage, type PaperName } from './compose';

/** One side of a sheet: the left and right page numbers (1-based), 0 for a blank. */
export interface SheetSide {
  left: number;
  right: number;
}
export interface BookletSheet {
  /** 1 = the outermost sheet (of its signature). */
  sheet: number;
  /** 1-based signature (folded section) this sheet belongs to; 1 for a single saddle-stitched booklet. */
  signature?: number;
  front: SheetSide;
  back: SheetSide;
}

/**
 * Saddle-stitch order for n pages padded to a multiple of 4 (N): sheet i (0-based from the
 * outside) carries front [N − 2i, 2i + 1] and back [2i + 2, N − 2i − 1]. Pages beyond n are blank (0).
 */
export function bookletOrder(n: number): BookletSheet[] {
  if (!Number.isInteger(n) || n < 1)
    throw new AppException({ code: 'print.booklet.empty', message: '小册子至少需要 1 页' });
  const total = Math.ceil(n / 4) * 4;
  const real = (p: number) => (p <= n ? p : 0);
  const sheets: BookletSheet[] = [];
  for (let i = 0; i < total / 4; i++) {
    sheets.push({
      sheet: i + 1,
      front: { left: real(total - 2 * i), right: real(2 * i + 1) },
      back: { left: real(2 * i + 2), right: real(total - 2 * i - 1) },
    });
  }
  return sheets;
}

/**
 * Saddle-stitch does not fold well beyond about 20 sheets (80 pages); thicker dossiers are printed
 * as several folded signatures stacked and bound together, each in booklet order.
 */
export const SADDLE_STITCH_MAX_SHEETS = 20;

/**
 * Booklet order in signatures of `sheetsPerSignature` sheets: pages 1…4k form signature 1, the
 * next 4k signature 2 …; only the last signature is padded with blanks.
 */
export function signatureOrder(n: number, sheetsPerSignature: number): BookletSheet[] {
  if (!Number.isInteger(sheetsPerSignature) || sheetsPerSignature < 1)
    throw new AppException({
      code: 'print.booklet.signature',
      message: `每帖张数应为正整数，收到：${sheetsPerSignature}`,
    });
  const per = sheetsPerSignature * 4;
  const out: BookletSheet[] = [];
  for (let first = 0, sig = 1; first < n; first += per, sig++) {
    const count = Math.min(per, n - first);
    const shift = (p: number) => (p === 0 ? 0 : p + first);
    for (const s of bookletOrder(count)) {
      out.push({
        sheet: s.sheet,
        signature: sig,
        front: { left: shift(s.front.left), right: shift(s.front.right) },
        back: { left: shift(s.back.left), right: shift(s.back.right) },
      });
    }
  }
  return out;
}

export interface BookletOptions {
  /**
   * The printer's sheet: 'auto' picks the sheet twice the page's size (A4 pages → A3, A5 → A4);
   * a named paper scales the pages to fit its halves (A4 pages on A4 sheets come out at A5).
   */
  sheet?: 'auto' | PaperName;
  /**
   * Creep compensation in mm per sheet of depth: the pages of sheet k (0 = outermost) move
   * k × creep toward the spine, so that after folding the inner pages' text does not drift
   * outward (about the paper's thickness, 0.1 mm for 80 g/m² paper).
   */
  creepMm?: number;
  /** Split into signatures of this many sheets (for dossiers too thick for one saddle-stitched booklet). */
  sheetsPerSignature?: number;
}

function sheetSize(pageBox: Box, sheet: BookletOptions['sheet']): { width: number; height: number } {
  if (!sheet || sheet === 'auto') {
    // Landscape sheet: two pages side by side.
    return { width: pageBox.width * 2, height: pageBox.height };
  }
  const p = PAPER[sheet];
  return { width: Math.max(p.width, p.height), height: Math.min(p.width, p.height) };
}

/** Two pages side by side on one landscape sheet side, each scaled to its half and centred. */
function spread(
  lib: FormLibrary,
  sheet: { width: number; height: number },
  left: number,
  right: number,
  shift = 0,
): OutputPage {
  const half = sheet.width / 2;
  const layers: OutputPage['layers'] = [];
  const place = (page: number, side: 'left' | 'right') => {
    if (page < 1) return;
    const box = lib.boxes[page - 1];
    const scale = Math.min(half / box.width, sheet.height / box.height);
    const w = box.width * scale;
    const h = box.height * scale;
    // Against the spine: the left page's right edge and the right page's left edge meet in the middle.
    const x = side === 'left' ? half - w + shift : half - shift;
    const y = (sheet.height - h) / 2;
    const clipBox: Box =
      side === 'left'
        ? { x: 0, y: 0, width: half, height: sheet.height }
        : { x: half, y: 0, width: half, height: sheet.height };
    layers.push({ lib, page: page - 1, x, y, scale, clip: clipBox });
  };
  place(left, 'left');
  place(right, 'right');
  return { width: sheet.width, height: sheet.height, layers };
}

/** Imposes a PDF as a saddle-stitch booklet: two PDF pages (front, back) per sheet. */
export async function imposeBooklet(
  pdf: Uint8Array | FormLibrary,
  opts: BookletOptions = {},
): Promise<{ pdf: Uint8Array; sheets: BookletSheet[]; sheetSize: { width: number; height: number } }> {
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, '汇编 PDF');
  const sheets = opts.sheetsPerSignature
    ? signatureOrder(lib.pageCount, opts.sheetsPerSignature)
    : bookletOrder(lib.pageCount);
  const size = sheetSize(lib.boxes[0], opts.sheet);
  const creep = mm(opts.creepMm ?? 0);
  function* pages(): Generator<OutputPage> {
    for (const s of sheets) {
      const shift = creep * (s.sheet - 1);
      yield spread(lib, size, s.front.left, s.front.right, shift);
      yield spread(lib, size, s.back.left, s.back.right, shift);
    }
  }
  const out = await composePdf(pages(), { title: '骑马订小册子' });
  return { pdf: out, sheets, sheetSize: size };
}

/**
 * 2-up: pages 1+2, 3+4 … side by side on landscape sheets (the default sheet is twice the page:
 * A4 pages on A3; 'A4' scales A4 pages down to A5 on A4 landscape).
 */
export async function imposeTwoUp(
  pdf: Uint8Array | FormLibrary,
  opts: { sheet?: 'auto' | PaperName } = {},
): Promise<Uint8Array> {
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, 'PDF');
  const size = sheetSize(lib.boxes[0], opts.sheet);
  function* pages(): Generator<OutputPage> {
    for (let p = 1; p <= lib.pageCount; p += 2) {
      // Pages sit centred in their halves here (a handout is cut or read flat, not folded).
      const s = spread(lib, size, p, p + 1 <= lib.pageCount ? p + 1 : 0);
      for (const l of s.layers) {
        const box = l.lib.boxes[l.page];
        const w = box.width * (l.scale ?? 1);
        const halfStart = l.clip!.x;
        l.x = halfStart + (size.width / 2 - w) / 2;
      }
      yield s;
    }
  }
  return composePdf(pages(), { title: '二合一讲义' });
}

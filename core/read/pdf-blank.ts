// Blank pages in a submitted PDF (a scanner's empty first page, a Word export's trailing page):
// a page that paints nothing visible — no text, no image, no stroked line, no fill other than
// white — goes into the dossier as an empty page, so the import warns about it. Uses pdf.js's
// operator list (no rendering, no canvas); never runs PDF JavaScript, never changes the bytes.
// A page that is a scanned white image is not detected (that would need rendering).
import { openPdfjs } from './pdfjs-open';

/** 1-based numbers of the blank pages among the first `maxPages`; [] when the PDF cannot be read. */
export async function blankPdfPages(bytes: Uint8Array, maxPages = 400): Promise<number[]> {
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const O = pdfjs.OPS;
    const TEXT = new Set<number>([O.showText, O.showSpacedText, O.nextLineShowText, O.nextLineSetSpacingShowText]);
    const IMAGE = new Set<number>(
      [
        O.paintImageXObject,
        O.paintInlineImageXObject,
        O.paintImageMaskXObject,
        O.paintImageXObjectRepeat,
        O.paintImageMaskXObjectRepeat,
        O.paintSolidColorImageMask,
        O.paintInlineImageXObjectGroup,
        O.paintImageMaskXObjectGroup,
        O.shadingFill,
        O.paintFormXObjectBegin,
      ].filter((x): x is number => typeof x === 'number'),
    );
    const STROKE = new Set<number>(
      [O.stroke, O.closeStroke, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke].filter(
        (x): x is number => typeof x === 'number',
      ),
    );
    const FILL = new Set<number>([O.fill, O.eoFill].filter((x): x is number => typeof x === 'number'));
    const doc = await openPdfjs(bytes);
    const blank: number[] = [];
    try {
      for (let i = 1; i <= Math.min(doc.numPages, maxPages); i++) {
        const page = await doc.getPage(i);
        const ol = await page.getOperatorList();
        if (!paintsSomething(ol.fnArray, ol.argsArray, { O, TEXT, IMAGE, STROKE, FILL })) blank.push(i);
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
    return blank;
  } catch {
    return [];
  }
}

interface OpSets {
  O: Record<string, number>;
  TEXT: Set<number>;
  IMAGE: Set<number>;
  STROKE: Set<number>;
  FILL: Set<number>;
}

function isWhite(args: unknown[] | null | undefined): boolean {
  const a = args?.[0];
  if (typeof a === 'string') return /^#?f{6}$/i.test(a);
  if (Array.isArray(args) && args.length >= 3 && args.slice(0, 3).every((x) => typeof x === 'number'))
    return (args as number[]).slice(0, 3).every((x) => x >= 254 || (x >= 0.995 && x <= 1));
  if (Array.isArray(args) && args.length === 1 && typeof args[0] === 'number') return args[0] >= 0.995;
  return false;
}

function paintsSomething(fns: number[], args: unknown[][], s: OpSets): boolean {
  let white = false; // the fill colour starts black
  const stack: boolean[] = [];
  for (let j = 0; j < fns.length; j++) {
    const f = fns[j];
    if (f === s.O.save) stack.push(white);
    else if (f === s.O.restore) white = stack.pop() ?? false;
    else if (f === s.O.setFillRGBColor || f === s.O.setFillGray || f === s.O.setFillCMYKColor) white = isWhite(args[j]);
    else if (s.TEXT.has(f) || s.IMAGE.has(f) || s.STROKE.has(f)) return true;
    else if (s.FILL.has(f) && !white) return true;
    else if (f === s.O.constructPath) {
      // pdf.js 5 folds the painting operator into constructPath's first argument.
      const op = args[j]?.[0] as number | undefined;
      if (op !== undefined && (s.STROKE.has(op) || (s.FILL.has(op) && !white))) return true;
    }
  }
  return false;
}

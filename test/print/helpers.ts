// Test helpers for print production: fixture PDFs with a known label on every page (generated
// here, never copied from the corpus) and a reader that says which text sits where on each page,
// so tests can check which source page landed on which half of which sheet.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const A4 = { width: 595.28, height: 841.89 };

/** n pages, page k shows "P<k>" in its centre (k 1-based), optionally with a different size per page. */
export async function labelledPdf(n: number, size = A4, label = (k: number) => `P${k}`): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let k = 1; k <= n; k++) {
    const page = doc.addPage([size.width, size.height]);
    const text = label(k);
    const w = font.widthOfTextAtSize(text, 24);
    page.drawText(text, { x: size.width / 2 - w / 2, y: size.height / 2, size: 24, font });
  }
  return doc.save();
}

export interface PlacedText {
  str: string;
  x: number;
  y: number;
  size: number;
}

export interface ReadPage {
  width: number;
  height: number;
  texts: PlacedText[];
  text: string;
  /** The text with all whitespace removed (pdfjs inserts spaces inside justified CJK lines). */
  flat: string;
}

/** Every page's text items with positions (PDF points, origin bottom-left). */
export async function readPdf(bytes: Uint8Array): Promise<ReadPage[]> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages: ReadPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const p = await doc.getPage(i);
    const vp = p.getViewport({ scale: 1 });
    const tc = await p.getTextContent();
    const texts: PlacedText[] = [];
    for (const it of tc.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const [a, b, , , e, f] = it.transform as number[];
      texts.push({ str: it.str, x: e, y: f, size: Math.hypot(a, b) });
    }
    const text = texts.map((t) => t.str).join('');
    pages.push({ width: vp.width, height: vp.height, texts, text, flat: text.replace(/\s+/g, '') });
  }
  await doc.destroy();
  return pages;
}

/** Labels on the left and right half of a landscape sheet. */
export function halves(page: ReadPage, pattern = /^P\d+$/): { left: string[]; right: string[] } {
  const left: string[] = [];
  const right: string[] = [];
  for (const t of page.texts) {
    if (!pattern.test(t.str)) continue;
    (t.x < page.width / 2 ? left : right).push(t.str);
  }
  return { left, right };
}

const root = path.resolve(import.meta.dirname, '../..');
export const songFont = (): Uint8Array =>
  new Uint8Array(readFileSync(path.join(root, 'resources/fonts/NotoSerifSC-Regular.ttf')));

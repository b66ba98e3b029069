// Stamps marks onto an existing PDF: a diagonal watermark (草稿, 送审稿, a recipient's name) on
// every page, or a line of text on the first page. The compile engine draws session.marks itself
// when a dossier is compiled; this is for PDFs that already exist (handouts, a signed-off file)
// and must not be laid out again. It never moves or re-encodes the existing pages.
import { composePdf, FormLibrary, type OutputPage } from './compose';
import type { StampFontSource } from './pdfkit-render';
import { diagonalWatermark, renderStampPages, type StampText } from './stamps';

export interface WatermarkOptions {
  font: StampFontSource;
  /** Diagonal text on every page, blanks included, so no unmarked page can be swapped in. */
  text: string;
  opacity?: number;
  /** Extra texts on the first page only (e.g. a confidentiality line). */
  firstPage?: StampText[];
}

export async function stampWatermark(pdf: Uint8Array | FormLibrary, opts: WatermarkOptions): Promise<Uint8Array> {
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, 'PDF');
  // One stamp page per distinct page size, so mixed A4/A3 files get a centred mark on each.
  const sizes = new Map<string, number>();
  const specs: { width: number; height: number; texts: StampText[] }[] = [];
  const keyOf = (b: { width: number; height: number }) => `${b.width.toFixed(1)}x${b.height.toFixed(1)}`;
  for (const b of lib.boxes) {
    const k = keyOf(b);
    if (!sizes.has(k)) {
      sizes.set(k, specs.length);
      specs.push({
        width: b.width,
        height: b.height,
        texts: opts.text.trim() ? [diagonalWatermark(b, opts.text.trim(), { opacity: opts.opacity })] : [],
      });
    }
  }
  const firstIndex = specs.length;
  if (opts.firstPage?.length)
    specs.push({ width: lib.boxes[0].width, height: lib.boxes[0].height, texts: opts.firstPage });
  const stamps = await FormLibrary.load(await renderStampPages(opts.font, specs), '水印');
  function* pages(): Generator<OutputPage> {
    for (let i = 0; i < lib.pageCount; i++) {
      const b = lib.boxes[i];
      const layers: OutputPage['layers'] = [
        { lib, page: i, x: 0, y: 0 },
        { lib: stamps, page: sizes.get(keyOf(b))!, x: 0, y: 0 },
      ];
      if (i === 0 && opts.firstPage?.length) layers.push({ lib: stamps, page: firstIndex, x: 0, y: 0 });
      yield { width: b.width, height: b.height, layers };
    }
  }
  return composePdf(pages());
}

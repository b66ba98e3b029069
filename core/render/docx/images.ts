// Pictures: an inline image centred in its own paragraph, scaled down to fit the text block
// (never wider than the 156 mm block, never taller than ¾ of it, aspect ratio kept), with a quarter
// grid line of space above and below as in the PDF layout.
// It must never drop a picture silently: a missing or unreadable resource prints a visible note.
import { ImageRun, Paragraph, TextRun } from 'docx';
import type { ImageBlock, ImageResource } from '../../model/document';
import { mmToPx } from './metrics';
import { STYLE } from './styles';
import { xmlSafe } from './inlines';
import { fromBase64 } from '../../bytes/base64';

export interface ImageBox {
  blockWidthMm: number;
  blockHeightMm: number;
}

/** The drawn size in CSS px (96/in): intrinsic pixels at 96 dpi, never wider than the block nor taller than ¾ of it (as the PDF). */
export function imageSize(img: Pick<ImageBlock, 'width' | 'height'>, box: ImageBox): { width: number; height: number } {
  const maxW = mmToPx(box.blockWidthMm);
  const maxH = mmToPx(box.blockHeightMm) * 0.75;
  const scale = Math.min(1, maxW / img.width, maxH / img.height);
  return { width: Math.max(1, Math.round(img.width * scale)), height: Math.max(1, Math.round(img.height * scale)) };
}

export function imageParagraphs(
  img: ImageBlock,
  res: ImageResource | undefined,
  box: ImageBox,
  pageBreakBefore?: boolean,
): Paragraph[] {
  const out: Paragraph[] = [];
  let run: ImageRun | undefined;
  if (res) {
    try {
      const data = fromBase64(res.data);
      if (data.length > 0) {
        run = new ImageRun({
          type: res.mime === 'image/png' ? 'png' : 'jpg',
          data,
          transformation: imageSize(img, box),
          altText: img.alt
            ? { name: xmlSafe(img.alt), description: xmlSafe(img.alt), title: xmlSafe(img.alt) }
            : undefined,
        });
      }
    } catch {
      run = undefined;
    }
  }
  out.push(
    run
      ? new Paragraph({ style: STYLE.figure, pageBreakBefore, children: [run] })
      : new Paragraph({
          style: STYLE.figureMissing,
          pageBreakBefore,
          children: [new TextRun({ text: `［图片缺失：${xmlSafe(img.alt ?? img.resource)}］` })],
        }),
  );
  if (img.caption)
    out.push(new Paragraph({ style: STYLE.figureCaption, children: [new TextRun(xmlSafe(img.caption))] }));
  return out;
}

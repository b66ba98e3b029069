// The session's watermark (草稿 / 送审稿 …) as Word's own Design › Watermark shape: a WordArt text
// in the headers of the body (the PDF prints it on body pages only), so a clerk can remove or
// change it in Word with one click. It must never add height to the header: the shape is
// positioned on the page, its paragraph is empty otherwise.
import { Header, Paragraph } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { xmlSafe } from './inlines';

export function watermarkHeaders(text: string, font: string): { default: Header; even: Header } | undefined {
  const t = xmlSafe(text.trim());
  if (!t) return undefined;
  const make = () =>
    new Header({
      children: [
        new Paragraph({
          children: [new TextWatermark({ text: t, font, color: 'C0C0C0', opacity: 0.5, layout: 'diagonal' })],
        }),
      ],
    });
  return { default: make(), even: make() };
}

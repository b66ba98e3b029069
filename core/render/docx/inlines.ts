// Runs of text from our inline model: bold/italic/underline, super/subscript, forced line breaks
// and note references. Formatting the house style does not use (fonts, sizes, colours) never comes
// from the source: runs inherit everything else from their paragraph style.
import { TextRun, type ParagraphChild } from 'docx';
import type { Inline } from '../../model/document';
import type { NoteContext } from './notes';

/** Control characters XML 1.0 cannot hold (pasted text sometimes carries them); tabs stay. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlSafe = (s: string): string => s.replace(XML_INVALID, '');

export function inlineRuns(inlines: readonly Inline[], notes?: NoteContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const inl of inlines) {
    if (inl.type === 'text') {
      const lines = xmlSafe(inl.text).replace(/\r\n?/g, '\n').split('\n');
      lines.forEach((text, i) => {
        out.push(
          new TextRun({
            text,
            break: i > 0 ? 1 : undefined,
            bold: inl.bold || undefined,
            italics: inl.italic || undefined,
            underline: inl.underline ? {} : undefined,
            superScript: inl.vertAlign === 'super' || undefined,
            subScript: inl.vertAlign === 'sub' || undefined,
          }),
        );
      });
    } else if (inl.type === 'break') {
      out.push(new TextRun({ break: 1 }));
    } else {
      // A Word footnote, or the marker as superscript text (notes at the item's end, see notes.ts).
      out.push(notes ? notes.reference(inl.id) : new TextRun({ text: `[${xmlSafe(inl.id)}]`, superScript: true }));
    }
  }
  return out;
}

// Runs of text from our inline model: bold/italic/underline, super/subscript, forced line breaks
// and note references. Formatting the house style does not use (fonts, sizes, colours) never comes
// from the source: runs inherit everything else from their paragraph style. Marks the PDF layout
// set at half width (makeup.ts) become runs of their own condensed by half an em (w:spacing), as
// the PDF draws them: the glyph unchanged, half its advance given up. Word honours it; LibreOffice
// 7.4 ignores the spacing after a run's last character (test/render-docx/libreoffice.ts says so).
import { TextRun, type ParagraphChild } from 'docx';
import type { Inline } from '../../model/document';
import type { NoteContext } from './notes';

/** Control characters XML 1.0 cannot hold (pasted text sometimes carries them); tabs stay. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlSafe = (s: string): string => s.replace(XML_INVALID, '');

/** Code-point offsets (in the inlines' plain text, see inlineText) to condense by `spacing` twips. */
export interface Squeeze {
  at: ReadonlySet<number>;
  /** The run's character spacing, twips (the grid tracking minus half an em). */
  spacing: number;
}

/** Splits text at the squeezed offsets: [piece, squeezed?] in order. */
function squeezePieces(text: string, from: number, sq: Squeeze | undefined): [string, boolean][] {
  const chars = Array.from(text);
  if (!sq || !chars.some((_, i) => sq.at.has(from + i))) return [[text, false]];
  const out: [string, boolean][] = [];
  let cur = '';
  chars.forEach((ch, i) => {
    if (!sq.at.has(from + i)) return void (cur += ch);
    if (cur) out.push([cur, false]);
    out.push([ch, true]);
    cur = '';
  });
  if (cur) out.push([cur, false]);
  return out;
}

export function inlineRuns(inlines: readonly Inline[], notes?: NoteContext, squeeze?: Squeeze): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let offset = 0;
  for (const inl of inlines) {
    if (inl.type === 'text') {
      const style = {
        bold: inl.bold || undefined,
        italics: inl.italic || undefined,
        underline: inl.underline ? {} : undefined,
        superScript: inl.vertAlign === 'super' || undefined,
        subScript: inl.vertAlign === 'sub' || undefined,
      };
      // Offsets count the text as inlineText does, after normalising line ends to "\n".
      const norm = inl.text.replace(/\r\n?/g, '\n');
      let from = offset;
      norm.split('\n').forEach((line, i) => {
        squeezePieces(line, from, squeeze).forEach(([text, squeezed], k) =>
          out.push(
            new TextRun({
              ...style,
              text: xmlSafe(text),
              break: i > 0 && k === 0 ? 1 : undefined,
              characterSpacing: squeezed ? squeeze!.spacing : undefined,
            }),
          ),
        );
        from += Array.from(line).length + 1;
      });
      offset += Array.from(norm).length;
    } else if (inl.type === 'break') {
      out.push(new TextRun({ break: 1 }));
      offset += 1;
    } else {
      // A Word footnote, or the marker as superscript text (notes at the item's end, see notes.ts).
      out.push(notes ? notes.reference(inl.id) : new TextRun({ text: `[${xmlSafe(inl.id)}]`, superScript: true }));
    }
  }
  return out;
}

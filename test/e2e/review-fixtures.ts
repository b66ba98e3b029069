// Speech files as members send them, generated in code for the review E2E: a centred bold title,
// a subtitle line "——在……上的发言", an author line with a title before the name, a salutation, body
// paragraphs, and sometimes a right-aligned signature with a date at the end.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

export interface SpeechSpec {
  title: string;
  subtitle?: string;
  byline?: string;
  body: string[];
  signature?: string[];
}

export async function speechDocx(spec: SpeechSpec): Promise<Buffer> {
  const centred = (text: string, size: number, bold = false, font = '仿宋_GB2312') =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text, bold, size, font: { eastAsia: font, ascii: font } })],
    });
  const body = (text: string) =>
    new Paragraph({
      indent: { firstLine: 640 },
      children: [new TextRun({ text, size: 32, font: { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312' } })],
    });
  const children = [
    centred(spec.title, 44, true, '方正小标宋简体'),
    ...(spec.subtitle ? [centred(spec.subtitle, 32, false, '楷体_GB2312')] : []),
    ...(spec.byline ? [centred(spec.byline, 32, false, '楷体_GB2312')] : []),
    ...spec.body.map(body),
    ...(spec.signature ?? []).map(
      (t) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t, size: 32 })] }),
    ),
  ];
  const doc = new Document({ sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

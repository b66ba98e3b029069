// DOCX written by the docx library (a generator many office systems resemble): merged cells,
// repeated header rows, multi-level numbering, footnotes, page breaks and a bold lead-in, read back
// and checked against a golden SourceDoc and explicit expectations.
import { describe, expect, it } from 'vitest';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { readDocx } from '../../core/read/docx/index';
import { documentText } from '../../core/model/document';
import { expectGolden } from './golden';

async function build(): Promise<Uint8Array> {
  const cell = (t: string, o: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ children: [new Paragraph(t)], ...o });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'cn',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: '（%2）', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('资料来源：市统计局。')] } },
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '关于文旅融合的调研报告', size: 44 })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('市政协秘书长 高明远')] }),
          new Paragraph({
            children: [
              new TextRun({ text: '调研背景。', bold: true }),
              new TextRun('今年以来，调研组走访了三个区县'),
              new FootnoteReferenceRun(1),
              new TextRun('。'),
            ],
          }),
          new Paragraph({ numbering: { reference: 'cn', level: 0 }, children: [new TextRun('统筹规划')] }),
          new Paragraph({ numbering: { reference: 'cn', level: 1 }, children: [new TextRun('编制专项规划')] }),
          new Paragraph({ numbering: { reference: 'cn', level: 1 }, children: [new TextRun('建立项目库')] }),
          new Paragraph({ numbering: { reference: 'cn', level: 0 }, children: [new TextRun('完善政策')] }),
          new Paragraph({ numbering: { reference: 'cn', level: 1 }, children: [new TextRun('加大投入')] }),
          new Paragraph('表1　主要指标'),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [cell('指标'), cell('2022年'), cell('2023年')] }),
              new TableRow({
                children: [
                  cell('游客', { verticalMerge: VerticalMergeType.RESTART }),
                  cell('合计（跨两列）', { columnSpan: 2 }),
                ],
              }),
              new TableRow({
                children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('4200'), cell('4600')],
              }),
            ],
          }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph('分页后的正文。'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('DOCX from the docx library', () => {
  it('reads merged cells, header rows, numbering labels, notes, captions and page breaks', async () => {
    const r = await readDocx(await build(), '调研报告.docx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    expect([d.title, d.authorLine]).toEqual(['关于文旅融合的调研报告', '市政协秘书长 高明远']);
    const list = d.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' ? list.items.map((i) => `${i.level}:${i.label}`) : []).toEqual([
      '0:一、',
      '1:（1）',
      '1:（2）',
      '0:二、',
      '1:（1）',
    ]);
    const table = d.blocks.find((b) => b.type === 'table');
    expect(
      table?.type === 'table' && [
        table.headerRows,
        table.caption,
        table.rows.map((x) => x.cells.length),
        table.rows[1].cells[0].rowSpan,
        table.rows[1].cells[1].colSpan,
      ],
    ).toEqual([1, '表1　主要指标', [3, 2, 2], 2, 2]);
    expect(d.blocks.some((b) => b.type === 'pageBreak')).toBe(true);
    expect(d.footnotes).toEqual([
      { id: 'fn1', kind: 'footnote', inlines: [{ type: 'text', text: '资料来源：市统计局。' }] },
    ]);
    expect(documentText(d)).toContain('调研背景。今年以来，调研组走访了三个区县。');
    expectGolden('docx-library', d);
  });
});

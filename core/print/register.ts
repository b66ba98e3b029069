// The distribution and return register (分发清退登记表): one row per numbered copy with 份号,
// 领取人/单位, 签收, 退回日期, 备注, under a title and the session's name, repeated headers on every
// page and a sign-off line at the end. Clerks print it with the copies and tick copies off when
// they come back after the meeting (清退). Drawn with pdfkit; it never invents recipients: rows
// without a known recipient are left blank for handwriting.
import type { CopySpec } from './numbered-copies';
import { renderWithPdfkit, type StampFontSource } from './pdfkit-render';
import { mm } from '../model/settings';

export interface RegisterInput {
  sessionName: string;
  /** e.g. 齐文化传承与创新 会议材料汇编 */
  bookTitle?: string;
  copies: CopySpec[];
  /** Title line; default 分发清退登记表. */
  title?: string;
  /** Secrecy or handling note printed under the title (e.g. 会后收回). */
  note?: string;
}

export const REGISTER_COLUMNS = [
  { key: 'number', label: '份号', width: 26 },
  { key: 'recipient', label: '领取人/单位', width: 56 },
  { key: 'sign', label: '签收', width: 30 },
  { key: 'returned', label: '退回日期', width: 30 },
  { key: 'remark', label: '备注', width: 28 },
] as const;

const PAGE = { width: mm(210), height: mm(297) };
const TOP = mm(22);
const BOTTOM = mm(20);
const ROW = mm(10);

export function renderRegister(
  fonts: { title: StampFontSource; body: StampFontSource },
  input: RegisterInput,
): Promise<Uint8Array> {
  const title = input.title ?? '分发清退登记表';
  return renderWithPdfkit(
    { T: fonts.title, B: fonts.body },
    (doc) => {
      const tableWidth = mm(REGISTER_COLUMNS.reduce((a, c) => a + c.width, 0));
      const x0 = (PAGE.width - tableWidth) / 2;
      const newPage = () => doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
      const cell = (
        text: string,
        x: number,
        y: number,
        w: number,
        opts: { font?: string; size?: number; align?: 'center' | 'left' } = {},
      ) => {
        const size = opts.size ?? 12;
        doc.font(opts.font ?? 'B').fontSize(size);
        let t = text;
        // Long unit names are shortened to the cell rather than wrapped into the next row.
        while (t.length > 1 && doc.widthOfString(t) > w - 6) t = t.slice(0, -2) + '…';
        const tw = doc.widthOfString(t);
        const tx = opts.align === 'left' ? x + 4 : x + (w - tw) / 2;
        doc.text(t, tx, y + ROW / 2 + size * 0.35, { lineBreak: false, baseline: 'alphabetic' });
      };
      const header = (y: number) => {
        doc.save().rect(x0, y, tableWidth, ROW).fillColor('#e6e6e6').fill().restore();
        let x = x0;
        for (const c of REGISTER_COLUMNS) {
          cell(c.label, x, y, mm(c.width), { font: 'T', size: 12 });
          x += mm(c.width);
        }
        return y + ROW;
      };
      const grid = (yTop: number, yBottom: number, rows: number) => {
        doc.save().lineWidth(0.6).strokeColor('#000');
        doc.rect(x0, yTop, tableWidth, yBottom - yTop).stroke();
        for (let r = 1; r <= rows; r++)
          doc
            .moveTo(x0, yTop + r * ROW)
            .lineTo(x0 + tableWidth, yTop + r * ROW)
            .stroke();
        let x = x0;
        for (const c of REGISTER_COLUMNS.slice(0, -1)) {
          x += mm(c.width);
          doc.moveTo(x, yTop).lineTo(x, yBottom).stroke();
        }
        doc.restore();
      };

      newPage();
      let y = TOP;
      // The session name always, then the book title when there is one.
      for (const line of [input.sessionName, ...(input.bookTitle ? [input.bookTitle] : [])]) {
        doc
          .font('B')
          .fontSize(14)
          .text(line, 0, y + 14, { width: PAGE.width, align: 'center', lineBreak: false, baseline: 'alphabetic' });
        y += mm(8);
      }
      doc
        .font('T')
        .fontSize(22)
        .text(title, 0, y + 24, {
          width: PAGE.width,
          align: 'center',
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: 4,
        });
      y += mm(13);
      const summary = `共 ${input.copies.length} 份（份号 ${input.copies[0]?.number ?? ''}—${input.copies[input.copies.length - 1]?.number ?? ''}）${input.note ? `　${input.note}` : ''}`;
      doc
        .font('B')
        .fontSize(11)
        .text(summary, x0, y + 11, { lineBreak: false, baseline: 'alphabetic' });
      y += mm(7);

      const bottomLimit = PAGE.height - BOTTOM - mm(10);
      let tableTop = y;
      y = header(y);
      let rowsOnPage = 1;
      for (const c of input.copies) {
        if (y + ROW > bottomLimit) {
          grid(tableTop, y, rowsOnPage);
          newPage();
          tableTop = TOP;
          y = header(TOP);
          rowsOnPage = 1;
        }
        cell(c.number, x0, y, mm(REGISTER_COLUMNS[0].width));
        cell(c.recipient ?? '', x0 + mm(REGISTER_COLUMNS[0].width), y, mm(REGISTER_COLUMNS[1].width), {
          align: 'left',
        });
        y += ROW;
        rowsOnPage++;
      }
      grid(tableTop, y, rowsOnPage);
      if (y + 2 * ROW > bottomLimit) {
        newPage();
        y = TOP;
      }
      doc
        .font('B')
        .fontSize(12)
        .text('发放人：＿＿＿＿＿＿　　清退核对人：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日', x0, y + ROW + 12, {
          lineBreak: false,
          baseline: 'alphabetic',
        });

      // Page numbers last, when the total is known.
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        doc
          .font('B')
          .fontSize(10)
          .text(`第 ${i + 1} 页　共 ${range.count} 页`, 0, PAGE.height - BOTTOM, {
            width: PAGE.width,
            align: 'center',
            lineBreak: false,
            baseline: 'alphabetic',
          });
      }
    },
    { title },
  );
}

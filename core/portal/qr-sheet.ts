// The printable sheet of 网上报送 links: an A4 grid of QR codes, each with the member's name and
// 界别, under the session's name and the deadline, to hand out or pin up. Each QR code is drawn as
// vector squares (uqr gives the module matrix), so it prints sharp at any size. Pure: fonts arrive
// as bytes or parsed faces.
import { encode } from 'uqr';
import { mm } from '../model/settings';
import { renderWithPdfkit, type StampFontSource } from '../print/pdfkit-render';
import { deadlineText } from './notice';

export interface QrSheetInput {
  sessionName: string;
  deadline?: string;
  links: { name: string; sector: string; url: string }[];
}

const PAGE = { width: mm(210), height: mm(297) };
const COLS = 3;
const ROWS = 4;
const CELL_W = mm(60);
const CELL_H = mm(60);
const QR = mm(38);
const TOP = mm(28);

/** The QR module matrix of a text (error correction M: survives a smudge on a printed sheet). */
export function qrMatrix(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 0 }).data;
}

export function renderQrSheet(
  fonts: { title: StampFontSource; body: StampFontSource },
  input: QrSheetInput,
): Promise<Uint8Array> {
  return renderWithPdfkit(
    { T: fonts.title, B: fonts.body },
    (doc) => {
      const perPage = COLS * ROWS;
      const x0 = (PAGE.width - COLS * CELL_W) / 2;
      const pages = Math.max(1, Math.ceil(input.links.length / perPage));
      for (let p = 0; p < pages; p++) {
        doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
        doc.font('T').fontSize(16).fillColor('black');
        const head = `${input.sessionName} 网上报送`;
        doc.text(head, 0, mm(12), { width: PAGE.width, align: 'center', lineBreak: false });
        doc.font('B').fontSize(10.5);
        const sub = `请用手机扫描本人二维码提交材料　截止时间：${deadlineText(input.deadline)}　第 ${p + 1} / ${pages} 页`;
        doc.text(sub, 0, mm(20), { width: PAGE.width, align: 'center', lineBreak: false });
        input.links.slice(p * perPage, (p + 1) * perPage).forEach((l, k) => {
          const x = x0 + (k % COLS) * CELL_W;
          const y = TOP + Math.floor(k / COLS) * CELL_H;
          doc.lineWidth(0.3).strokeColor('#999999').dash(3, { space: 3 }).rect(x, y, CELL_W, CELL_H).stroke().undash();
          const m = qrMatrix(l.url);
          const cell = QR / m.length;
          const qx = x + (CELL_W - QR) / 2;
          const qy = y + mm(5);
          for (let r = 0; r < m.length; r++) {
            for (let c = 0; c < m.length; c++)
              if (m[r][c]) doc.rect(qx + c * cell, qy + r * cell, cell + 0.05, cell + 0.05);
          }
          doc.fillColor('black').fill();
          doc
            .font('T')
            .fontSize(14)
            .text(l.name, x, qy + QR + mm(3), { width: CELL_W, align: 'center', lineBreak: false });
          if (l.sector)
            doc
              .font('B')
              .fontSize(9)
              .text(l.sector, x, qy + QR + mm(9.5), { width: CELL_W, align: 'center', lineBreak: false });
        });
      }
    },
    { title: `${input.sessionName} 网上报送二维码` },
  );
}

// Writes plain tables (header row bold and frozen, column widths) as one .xlsx workbook with
// exceljs: used for the 统计 export. Numbers stay numbers so Excel can sum them.
import ExcelJS from 'exceljs';

export async function tablesToXlsx(
  sheets: readonly { name: string; rows: readonly (readonly (string | number)[])[]; widths?: readonly number[] }[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '汇编 Huibian';
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const r of sh.rows) ws.addRow([...r]);
    ws.getRow(1).font = { bold: true };
    sh.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

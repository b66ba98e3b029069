// Reads the first worksheet of an .xlsx in the browser into rows of strings, for the roster's
// column-mapping step (the service re-reads nothing: the mapped table is sent as CSV).
// It must never trust the archive: sizes are capped before inflating, formulas are not evaluated
// (their cached values are used), and anything unreadable becomes a clear error.
import { unzipSync, strFromU8 } from 'fflate';

const MAX_XML = 20 * 1024 * 1024;

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsxRows(bytes: Uint8Array): string[][] {
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!/^xl\/(sharedStrings\.xml|workbook\.xml|worksheets\/sheet\d+\.xml|_rels\/workbook\.xml\.rels)$/.test(f.name)) return false;
      total += f.originalSize;
      if (f.originalSize > MAX_XML || total > 3 * MAX_XML) throw new Error('表格文件过大');
      return true;
    },
  });
  const parse = (name: string) => (files[name] ? new DOMParser().parseFromString(strFromU8(files[name]), 'application/xml') : null);
  const shared: string[] = [];
  const sst = parse('xl/sharedStrings.xml');
  if (sst) for (const si of Array.from(sst.getElementsByTagName('si'))) shared.push(Array.from(si.getElementsByTagName('t')).map((t) => t.textContent ?? '').join(''));
  const sheetName = Object.keys(files).filter((n) => n.startsWith('xl/worksheets/')).sort()[0];
  const sheet = sheetName ? parse(sheetName) : null;
  if (!sheet) throw new Error('表格中没有工作表');
  const rows: string[][] = [];
  for (const row of Array.from(sheet.getElementsByTagName('row'))) {
    const cells: string[] = [];
    for (const c of Array.from(row.getElementsByTagName('c'))) {
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      const text = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? Array.from(c.getElementsByTagName('t')).map((t) => t.textContent ?? '').join('') : v;
      cells[colIndex(c.getAttribute('r') ?? '')] = text;
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return rows.filter((r) => r.some((x) => x.trim() !== ''));
}

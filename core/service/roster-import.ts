// Fallback roster reader for ports without the real roster files port (core/node/roster-io.ts):
// UTF-8 CSV/TSV/TXT only, no .xlsx; the column mapping is the shared one (roster-mapping.ts). It
// implements the same RosterFiles interface so the service has one code path; it never guesses an
// encoding (a GBK file is refused with a message, never imported as mojibake).
import { err, ok } from '../result';
import { parseDelimitedText } from '../read/delimited';
import type { RosterFiles, RosterTableData } from './ports';
import { applyMapping, proposeMapping } from './roster-mapping';

/** Chinese labels of the member fields (mapping dialog, previews): the one list, in roster-mapping. */
export { ROSTER_FIELD_NAMES as ROSTER_FIELD_LABELS } from './roster-mapping';

/** CSV/TSV rows of a decoded text (BOM dropped). */
export const parseDelimited = (text: string): string[][] => parseDelimitedText(text.replace(/^\uFEFF/, ''));

const base = (f: string) => f.split(/[\\/]/).pop() || f;

export const basicRosterFiles: RosterFiles = {
  async read(bytes, fileName) {
    if (/\.xlsx?$/i.test(fileName))
      return err('roster.unsupported', `无法读取 Excel 名单：${base(fileName)}，请另存为“CSV UTF-8”`, {
        file: fileName,
      });
    if (!/\.(csv|tsv|txt)$/i.test(fileName))
      return err('roster.unsupported', `不支持的名单格式：${base(fileName)}（请使用 .xlsx 或 .csv）`, {
        file: fileName,
      });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return err('roster.encoding', `名单 ${base(fileName)} 不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”`, {
        file: fileName,
      });
    }
    const all = parseDelimited(text).map((cells, i) => ({ row: i + 1, cells }));
    const rows = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (!rows.length) return err('roster.empty', `名单 ${base(fileName)} 是空的`, { file: fileName });
    const table: RosterTableData = {
      file: fileName,
      format: 'csv',
      encoding: 'utf-8',
      headerRow: rows[0].row,
      headers: rows[0].cells.map((h) => h.trim()),
      rows: rows.slice(1),
    };
    return ok(table);
  },
  propose: (headers) => proposeMapping(headers),
  apply: (table, mapping) => applyMapping(table, mapping),
};

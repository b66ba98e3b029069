// Roster (委员名单) files: reads .xlsx (exceljs) and .csv/.tsv/.txt (UTF-8, UTF-16 or GBK/GB18030) into a
// table and exports a roster back to .xlsx. The column mapping (propose, apply, merge) is pure and
// lives in core/service/roster-mapping.ts (re-exported here for the CLI). It never writes
// session.json itself (the CLI / service do that).
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { Member } from '../model/session';
import { err, ok, type Result } from '../result';
import { parseDelimitedText } from '../read/delimited';

import {
  ROSTER_FIELDS,
  ROSTER_FIELD_NAMES,
  proposeMapping,
  type RosterField,
  type RosterTable,
} from '../service/roster-mapping';

export { ROSTER_FIELDS, ROSTER_FIELD_NAMES, proposeMapping, type RosterField, type RosterTable };
export {
  applyMapping,
  mergeMembers,
  type ColumnMapping,
  type RosterProblem,
  type RosterDuplicate,
  type RosterImport,
  type ApplyOptions,
  type MergeResult,
} from '../service/roster-mapping';

// ── reading ────────────────────────────────────────────────────────────────────────────────────

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((v, i) => b[i] === v);
const baseName = (f: string) => f.split(/[\\/]/).pop() || f;

/** Decodes a text roster: BOM → strict UTF-8 → UTF-16 without BOM → GB18030 (covers GBK). */
export function decodeRosterText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    /* not UTF-8 */
  }
  const sample = bytes.subarray(0, 400);
  let oddZeros = 0;
  let evenZeros = 0;
  sample.forEach((b, i) => {
    if (b !== 0) return;
    if (i % 2) oddZeros++;
    else evenZeros++;
  });
  if (oddZeros > sample.length / 8) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (evenZeros > sample.length / 8) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}

/** A roster is small; these caps keep a hostile or mistaken file (zip bomb, a whole database) out. */
export const ROSTER_MAX_BYTES = 20 * 1024 * 1024;
export const ROSTER_MAX_UNZIPPED = 200 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 20_000;

/** Sum of the declared uncompressed sizes in a zip, read from its directory without inflating anything. */
function unzippedSize(bytes: Uint8Array): number | undefined {
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return total;
}

export interface RosterLimits {
  maxBytes: number;
  maxUnzipped: number;
  maxRows: number;
}
const DEFAULT_LIMITS: RosterLimits = {
  maxBytes: ROSTER_MAX_BYTES,
  maxUnzipped: ROSTER_MAX_UNZIPPED,
  maxRows: ROSTER_MAX_ROWS,
};

async function xlsxRowsRaw(
  bytes: Uint8Array,
  file: string,
  limits: RosterLimits = DEFAULT_LIMITS,
): Promise<Result<{ sheet: string; rows: { row: number; cells: string[] }[] }>> {
  const size = unzippedSize(bytes);
  if (size !== undefined && size > limits.maxUnzipped) {
    return err(
      'roster.too-large',
      `Excel 名单 ${baseName(file)} 解压后超过 ${Math.round(limits.maxUnzipped / 1024 / 1024)} MB，不像是委员名单，未导入`,
      { file },
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    return err(
      'roster.xlsx-unreadable',
      `无法读取 Excel 名单 ${baseName(file)}：文件已损坏或不是 .xlsx（${(e as Error).message}）`,
      { file, detail: String(e) },
    );
  }
  // The first sheet that has any text: clerks often leave an empty "Sheet1" in front.
  for (const ws of wb.worksheets) {
    const rows: { row: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      if (rows.length > limits.maxRows) return;
      const cells: string[] = [];
      for (let c = 1; c <= r.cellCount; c++) cells.push(cellText(r.getCell(c)));
      if (cells.some((t) => t.trim() !== '')) rows.push({ row: rowNumber, cells });
    });
    if (rows.length) return ok({ sheet: ws.name, rows });
  }
  return err('roster.empty', `Excel 名单 ${baseName(file)} 里没有任何内容`, { file });
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v && v.result !== undefined && v.result !== null)
      return typeof v.result === 'object' ? '' : String(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

/**
 * Reads a roster file into a table: finds the header row (the first of the first 10 rows with a 姓名
 * column). With `firstRowIfNoName` a file whose headers name no 姓名 column is still read (first row
 * as the header) so a clerk can map the columns by hand.
 */
export async function readRosterTable(
  bytes: Uint8Array,
  fileName: string,
  limits: RosterLimits = DEFAULT_LIMITS,
  opts: { firstRowIfNoName?: boolean } = {},
): Promise<Result<RosterTable>> {
  const lower = fileName.toLowerCase();
  let raw: { row: number; cells: string[] }[];
  let format: RosterTable['format'];
  let encoding: string | undefined;
  let sheet: string | undefined;
  if (bytes.length === 0) return err('roster.empty', `名单文件 ${baseName(fileName)} 是空的`, { file: fileName });
  if (bytes.length > limits.maxBytes) {
    return err(
      'roster.too-large',
      `名单文件 ${baseName(fileName)} 超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB，不像是委员名单，未导入`,
      { file: fileName },
    );
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    return err(
      'roster.xls',
      `名单 ${baseName(fileName)} 是旧版 .xls/.et 格式或已加密：请在 Excel/WPS 中“另存为” .xlsx（不加密）后再导入`,
      { file: fileName },
    );
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm') || startsWith(bytes, ZIP_MAGIC)) {
    const r = await xlsxRowsRaw(bytes, fileName, limits);
    if (!r.ok) return r;
    raw = r.value.rows;
    sheet = r.value.sheet;
    format = 'xlsx';
  } else if (/\.(csv|tsv|txt)$/.test(lower)) {
    const d = decodeRosterText(bytes);
    encoding = d.encoding;
    raw = parseDelimitedText(d.text.replace(/^\uFEFF/, ''))
      .map((cells, i) => ({ row: i + 1, cells }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
    format = 'csv';
  } else {
    return err('roster.unsupported', `不支持的名单格式：${baseName(fileName)}（请使用 .xlsx 或 .csv）`, {
      file: fileName,
    });
  }
  if (raw.length > limits.maxRows) {
    return err('roster.too-large', `名单 ${baseName(fileName)} 超过 ${limits.maxRows} 行，不像是委员名单，未导入`, {
      file: fileName,
    });
  }
  let headerAt = raw.slice(0, 10).findIndex((r) => proposeMapping(r.cells).mapping.name !== undefined);
  if (headerAt < 0 && opts.firstRowIfNoName && raw.length) headerAt = 0;
  if (headerAt < 0) {
    const first = raw[0]?.cells.filter(Boolean).join('、') ?? '';
    return err(
      'roster.no-name-column',
      `名单 ${baseName(fileName)} 的前 10 行里找不到“姓名”列（第一行是：${first.slice(0, 60)}）`,
      { file: fileName },
    );
  }
  const header = raw[headerAt];
  return ok({
    file: fileName,
    format,
    encoding,
    sheet,
    headerRow: header.row,
    headers: header.cells.map((h) => h.trim()),
    rows: raw.slice(headerAt + 1),
  });
}

/**
 * Adapter for the service's SpreadsheetReader port: the non-empty rows of the first sheet with text,
 * starting at the header row (a merged title row above it, as most printed rosters have, is left
 * out so that the service sees 姓名 in its first row).
 */
export const xlsxSpreadsheetReader = {
  async rows(bytes: Uint8Array, fileName: string): Promise<Result<string[][]>> {
    if (startsWith(bytes, OLE_MAGIC))
      return err('roster.xls', `名单 ${baseName(fileName)} 是旧版 .xls 格式或已加密：请另存为 .xlsx 后再导入`, {
        file: fileName,
      });
    if (bytes.length > ROSTER_MAX_BYTES)
      return err(
        'roster.too-large',
        `名单文件 ${baseName(fileName)} 超过 ${ROSTER_MAX_BYTES / 1024 / 1024} MB，不像是委员名单，未导入`,
        { file: fileName },
      );
    const r = await xlsxRowsRaw(bytes, fileName);
    if (!r.ok) return r;
    const rows = r.value.rows.map((x) => x.cells);
    const header = rows.slice(0, 10).findIndex((cells) => proposeMapping(cells).mapping.name !== undefined);
    return ok(header > 0 ? rows.slice(header) : rows);
  },
};

// ── mapping to members ────────────────────────────────────────────────────────────────────────

// ── export ────────────────────────────────────────────────────────────────────────────────────

/** Writes a roster as .xlsx (序号, then one column per field), header bold and frozen. */
export async function exportRosterXlsx(
  members: readonly Member[],
  opts: { sheetName?: string } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '汇编 Huibian';
  const ws = wb.addWorksheet(opts.sheetName ?? '委员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<RosterField, number> = {
    name: 12,
    gender: 6,
    ethnicity: 8,
    sector: 16,
    party: 12,
    title: 36,
    unit: 30,
    standing: 6,
    rank: 10,
  };
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    ...ROSTER_FIELDS.map((f) => ({ header: ROSTER_FIELD_NAMES[f], key: f, width: widths[f] })),
  ];
  members.forEach((m, i) =>
    ws.addRow({
      no: i + 1,
      name: m.name,
      gender: m.gender ?? '',
      ethnicity: m.ethnicity ?? '',
      sector: m.sector ?? '',
      party: m.party ?? '',
      title: m.title ?? '',
      unit: m.unit ?? '',
      standing: m.standing ? '是' : '否',
      rank: m.rank ?? '',
    }),
  );
  ws.getRow(1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

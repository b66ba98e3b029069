// Roster (委员名单) files: reads .xlsx (exceljs) and .csv/.tsv/.txt (UTF-8, UTF-16 or GBK/GB18030) into a
// table, proposes a column mapping from the header names, applies a mapping to produce members with
// row-numbered problems and duplicate names flagged (never dropped), merges into a roster, and exports
// a roster back to .xlsx. It never writes session.json itself (the CLI / service do that).
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { MemberSchema, type Member } from '../model/session';
import { err, ok, type Result } from '../result';
import { parseDelimitedText } from '../read/delimited';
import type { RosterTableData } from '../service/ports';
import { flagDuplicateNames } from '../service/roster-import';

export const ROSTER_FIELDS = ['name', 'gender', 'ethnicity', 'sector', 'party', 'title', 'unit', 'standing', 'rank'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Chinese column names as printed in exports (and the first-choice header for each field). */
export const ROSTER_FIELD_NAMES: Record<RosterField, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  sector: '界别',
  party: '党派',
  title: '职务',
  unit: '单位',
  standing: '常委',
  rank: '政协职务',
};

/** Header variants seen in secretariat spreadsheets (compared without spaces, colons or asterisks). */
const HEADER_VARIANTS: Record<RosterField, string[]> = {
  name: ['姓名', '名字', '委员姓名', '常委姓名', '代表姓名', '人员姓名', '姓名（必填）', 'name', '名称'],
  gender: ['性别', 'gender', 'sex'],
  ethnicity: ['民族', '族别', 'ethnicity', 'nation'],
  sector: ['界别', '所属界别', '界别名称', '界别（组）', '界别组', 'sector'],
  party: ['党派', '政治面貌', '党派/政治面貌', '所属党派', '党派（政治面貌）', 'party'],
  title: ['职务', '现任职务', '职务职称', '职务/职称', '工作单位及职务', '单位及职务', '工作职务', 'title', '职称'],
  unit: ['单位', '工作单位', '所在单位', '单位名称', 'unit', 'organization', 'organisation'],
  standing: ['常委', '是否常委', '常委/委员', '是否为常委', '常务委员', '身份', 'standing'],
  rank: ['政协职务', '政协职位', '排序身份', '级别', '职级', '类别', 'rank'],
};

export type ColumnMapping = Partial<Record<RosterField, number>>;

/** A roster file read into a table (header row found, encoding detected): the service port's type. */
export type RosterTable = RosterTableData;

export interface RosterProblem {
  row: number;
  message: string;
}

export interface RosterDuplicate {
  name: string;
  rows: number[];
}

export interface RosterImport {
  members: Member[];
  /** Row number (in the file) of each member, same order as members. */
  memberRows: number[];
  problems: RosterProblem[];
  duplicates: RosterDuplicate[];
}

const normHeader = (h: string) => h.replace(/[\s\u3000*：:＊]/gu, '').toLowerCase();
const VARIANT_INDEX = new Map<string, RosterField>();
for (const f of ROSTER_FIELDS) for (const v of HEADER_VARIANTS[f]) VARIANT_INDEX.set(normHeader(v), f);

/** Proposes which column holds which field; exact variants first, then headers that contain a key word. */
export function proposeMapping(headers: readonly string[]): { mapping: ColumnMapping; unmapped: string[] } {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  headers.forEach((h, i) => {
    const f = VARIANT_INDEX.get(normHeader(h));
    if (f && mapping[f] === undefined) {
      mapping[f] = i;
      used.add(i);
    }
  });
  // Looser pass: "委员姓名（按笔画）" contains 姓名, "所在工作单位" contains 单位 …
  const contains: [RosterField, RegExp][] = [
    ['name', /姓名/],
    ['gender', /性别/],
    ['ethnicity', /民族/],
    ['sector', /界别/],
    ['party', /党派|政治面貌/],
    ['rank', /政协职务/],
    ['title', /职务|职称/],
    ['unit', /单位/],
    ['standing', /常委/],
  ];
  for (const [f, re] of contains) {
    if (mapping[f] !== undefined) continue;
    const i = headers.findIndex((h, j) => !used.has(j) && re.test(normHeader(h)));
    if (i >= 0) {
      mapping[f] = i;
      used.add(i);
    }
  }
  const unmapped = headers.filter((h, i) => !used.has(i) && h.trim() !== '' && !/^(序号|编号|no\.?|#)$/i.test(normHeader(h)));
  return { mapping, unmapped };
}

// ── reading ────────────────────────────────────────────────────────────────────────────────────

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((v, i) => b[i] === v);
const baseName = (f: string) => f.split(/[\\/]/).pop() || f;

/** Decodes a text roster: BOM → strict UTF-8 → UTF-16 without BOM → GB18030 (covers GBK). */
export function decodeRosterText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
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
const DEFAULT_LIMITS: RosterLimits = { maxBytes: ROSTER_MAX_BYTES, maxUnzipped: ROSTER_MAX_UNZIPPED, maxRows: ROSTER_MAX_ROWS };

async function xlsxRowsRaw(
  bytes: Uint8Array,
  file: string,
  limits: RosterLimits = DEFAULT_LIMITS,
): Promise<Result<{ sheet: string; rows: { row: number; cells: string[] }[] }>> {
  const size = unzippedSize(bytes);
  if (size !== undefined && size > limits.maxUnzipped) {
    return err('roster.too-large', `Excel 名单 ${baseName(file)} 解压后超过 ${Math.round(limits.maxUnzipped / 1024 / 1024)} MB，不像是委员名单，未导入`, { file });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    return err('roster.xlsx-unreadable', `无法读取 Excel 名单 ${baseName(file)}：文件已损坏或不是 .xlsx（${(e as Error).message}）`, { file, detail: String(e) });
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
    if ('result' in v && v.result !== undefined && v.result !== null) return typeof v.result === 'object' ? '' : String(v.result);
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
export async function readRosterTable(bytes: Uint8Array, fileName: string, limits: RosterLimits = DEFAULT_LIMITS, opts: { firstRowIfNoName?: boolean } = {}): Promise<Result<RosterTable>> {
  const lower = fileName.toLowerCase();
  let raw: { row: number; cells: string[] }[];
  let format: RosterTable['format'];
  let encoding: string | undefined;
  let sheet: string | undefined;
  if (bytes.length === 0) return err('roster.empty', `名单文件 ${baseName(fileName)} 是空的`, { file: fileName });
  if (bytes.length > limits.maxBytes) {
    return err('roster.too-large', `名单文件 ${baseName(fileName)} 超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB，不像是委员名单，未导入`, { file: fileName });
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    return err('roster.xls', `名单 ${baseName(fileName)} 是旧版 .xls/.et 格式或已加密：请在 Excel/WPS 中“另存为” .xlsx（不加密）后再导入`, { file: fileName });
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
    return err('roster.unsupported', `不支持的名单格式：${baseName(fileName)}（请使用 .xlsx 或 .csv）`, { file: fileName });
  }
  if (raw.length > limits.maxRows) {
    return err('roster.too-large', `名单 ${baseName(fileName)} 超过 ${limits.maxRows} 行，不像是委员名单，未导入`, { file: fileName });
  }
  let headerAt = raw.slice(0, 10).findIndex((r) => proposeMapping(r.cells).mapping.name !== undefined);
  if (headerAt < 0 && opts.firstRowIfNoName && raw.length) headerAt = 0;
  if (headerAt < 0) {
    const first = raw[0]?.cells.filter(Boolean).join('、') ?? '';
    return err('roster.no-name-column', `名单 ${baseName(fileName)} 的前 10 行里找不到“姓名”列（第一行是：${first.slice(0, 60)}）`, { file: fileName });
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
    if (startsWith(bytes, OLE_MAGIC)) return err('roster.xls', `名单 ${baseName(fileName)} 是旧版 .xls 格式或已加密：请另存为 .xlsx 后再导入`, { file: fileName });
    if (bytes.length > ROSTER_MAX_BYTES) return err('roster.too-large', `名单文件 ${baseName(fileName)} 超过 ${ROSTER_MAX_BYTES / 1024 / 1024} MB，不像是委员名单，未导入`, { file: fileName });
    const r = await xlsxRowsRaw(bytes, fileName);
    if (!r.ok) return r;
    const rows = r.value.rows.map((x) => x.cells);
    const header = rows.slice(0, 10).findIndex((cells) => proposeMapping(cells).mapping.name !== undefined);
    return ok(header > 0 ? rows.slice(header) : rows);
  },
};

// ── mapping to members ────────────────────────────────────────────────────────────────────────

const TRUTHY = /^(是|√|✓|✔|y|yes|true|1|常委|常务委员|○|●|★)$/iu;
const FALSY = /^(否|不是|×|✗|n|no|false|0|委员|—|-)$/iu;
const NOT_A_NAME = /^(注|备注|说明|合计|共计|总计|制表|填表|审核)/u;

export interface ApplyOptions {
  /** Creates an id for a new member (default m-<row>). */
  newId?: (row: number) => string;
}

/** Applies a mapping: one member per row with a name; problems by row; duplicate names flagged, all kept. */
export function applyMapping(table: RosterTable, mapping: ColumnMapping, opts: ApplyOptions = {}): Result<RosterImport> {
  if (mapping.name === undefined) {
    return err('roster.no-name-column', `名单 ${baseName(table.file)} 没有指定“姓名”列`, { file: table.file });
  }
  const newId = opts.newId ?? ((row: number) => `m-${row}`);
  const cell = (cells: string[], f: RosterField) => {
    const i = mapping[f];
    return i === undefined ? '' : (cells[i] ?? '').replace(/[\s\u3000]+/gu, ' ').trim();
  };
  const standingCol = mapping.standing;
  const columnHasTruthy = standingCol !== undefined && table.rows.some((r) => TRUTHY.test(cell(r.cells, 'standing')));
  const members: Member[] = [];
  const memberRows: number[] = [];
  const problems: RosterProblem[] = [];
  for (const { row, cells } of table.rows) {
    let name = cell(cells, 'name').replace(/\s+/g, '');
    // Lists often print notes after the name: 王丽（女）, 马云（回族）. Keep the name, use the note.
    const notes = [...name.matchAll(/[（(]([^）)]*)[）)]/gu)].map((m) => m[1].trim());
    if (notes.length) name = name.replace(/[（(][^）)]*[）)]/gu, '');
    if (!name) {
      const filled = cells.map((c) => c.trim()).filter(Boolean);
      if (filled.length === 1 && NOT_A_NAME.test(filled[0])) problems.push({ row, message: `第 ${row} 行：“${filled[0].slice(0, 20)}”不是人名（像是备注或合计），该行未导入` });
      else if (filled.length) problems.push({ row, message: `第 ${row} 行：姓名为空，该行未导入` });
      continue;
    }
    if (NOT_A_NAME.test(name)) {
      problems.push({ row, message: `第 ${row} 行：“${name.slice(0, 20)}”不是人名（像是备注或合计），该行未导入` });
      continue;
    }
    if ([...name].length > 12 || /[0-9０-９]/u.test(name)) problems.push({ row, message: `第 ${row} 行：姓名“${name}”看起来不像人名，请核对` });
    const m: Record<string, unknown> = { id: newId(row), name };
    let g = cell(cells, 'gender');
    for (const note of notes) {
      if (/^(男|女)$/.test(note)) {
        if (!g) g = note;
        else if (!g.startsWith(note)) problems.push({ row, message: `第 ${row} 行：性别列为“${g}”，姓名后却注“（${note}）”，请核对` });
      } else if (/^.{1,8}族$/u.test(note)) {
        const e = cell(cells, 'ethnicity');
        if (!e) m.ethnicity = note;
        else if (e !== note) problems.push({ row, message: `第 ${row} 行：民族列为“${e}”，姓名后却注“（${note}）”，请核对` });
      } else problems.push({ row, message: `第 ${row} 行：姓名后的注释“（${note}）”已去掉，请核对` });
    }
    if (g) {
      if (/^(男|男性|m|male)$/i.test(g)) m.gender = '男';
      else if (/^(女|女性|f|female)$/i.test(g)) m.gender = '女';
      else problems.push({ row, message: `第 ${row} 行：性别“${g}”无法识别，已留空` });
    }
    for (const f of ['ethnicity', 'party', 'rank'] as const) {
      const v = cell(cells, f);
      if (v) m[f] = v;
    }
    m.sector = cell(cells, 'sector');
    m.title = cell(cells, 'title');
    m.unit = cell(cells, 'unit');
    if (standingCol !== undefined) {
      const s = cell(cells, 'standing');
      if (TRUTHY.test(s)) m.standing = true;
      else if (FALSY.test(s)) m.standing = false;
      else if (!s) m.standing = !columnHasTruthy;
      else {
        m.standing = true;
        problems.push({ row, message: `第 ${row} 行：“常委”列的值“${s}”无法识别，按常委处理` });
      }
    }
    const parsed = MemberSchema.safeParse(m);
    if (!parsed.success) {
      problems.push({ row, message: `第 ${row} 行：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}，该行未导入` });
      continue;
    }
    members.push(parsed.data);
    memberRows.push(row);
  }
  const duplicates = flagDuplicateNames(members, memberRows, problems);
  return ok({ members, memberRows, problems, duplicates });
}

// ── merging ───────────────────────────────────────────────────────────────────────────────────

export interface MergeResult {
  members: Member[];
  added: string[];
  updated: string[];
}

/**
 * Merges imported members into a roster: a name that matches exactly one existing member updates it
 * (keeping its id, and keeping fields the import leaves empty); anything else is added with a fresh id.
 */
export function mergeMembers(existing: readonly Member[], imported: readonly Member[]): MergeResult {
  const members = existing.map((m) => ({ ...m }));
  const used = new Set(members.map((m) => m.id));
  const matchedOnce = new Set<string>();
  const added: string[] = [];
  const updated: string[] = [];
  let n = members.length;
  const freshId = () => {
    let id: string;
    do id = `m${++n}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
  for (const imp of imported) {
    // Only members that were in the roster before this import can be updated: two rows with the
    // same name in one file are two people until a clerk says otherwise.
    const same = members.slice(0, existing.length).filter((m) => m.name === imp.name);
    const target = same.length === 1 && !matchedOnce.has(same[0].id) ? same[0] : undefined;
    if (target) {
      matchedOnce.add(target.id);
      for (const [k, v] of Object.entries(imp) as [keyof Member, unknown][]) {
        if (k === 'id') continue;
        if (v === '' || v === undefined) continue;
        (target as Record<string, unknown>)[k] = v;
      }
      updated.push(target.id);
    } else {
      const id = used.has(imp.id) ? freshId() : (used.add(imp.id), imp.id);
      members.push({ ...imp, id });
      added.push(id);
    }
  }
  return { members, added, updated };
}

// ── export ────────────────────────────────────────────────────────────────────────────────────

/** Writes a roster as .xlsx (序号, then one column per field), header bold and frozen. */
export async function exportRosterXlsx(members: readonly Member[], opts: { sheetName?: string } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '汇编 Huibian';
  const ws = wb.addWorksheet(opts.sheetName ?? '委员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<RosterField, number> = { name: 12, gender: 6, ethnicity: 8, sector: 16, party: 12, title: 36, unit: 30, standing: 6, rank: 10 };
  ws.columns = [{ header: '序号', key: 'no', width: 6 }, ...ROSTER_FIELDS.map((f) => ({ header: ROSTER_FIELD_NAMES[f], key: f, width: widths[f] }))];
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

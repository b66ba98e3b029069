// Roster (委员名单) column mapping, pure: the member fields with their Chinese names, the header
// variants seen in secretariat spreadsheets, proposing a mapping from a table's headers, applying
// a mapping (one member per named row, problems by row, duplicate names flagged and kept) and
// merging into a roster. Shared by the app's roster port and the fallback reader; only decoding
// files (xlsx, GBK) lives in core/node/roster-io.ts. It never reads or writes files.
import { MemberSchema, type Member } from '../model/session';
import { err, ok, type Result } from '../result';
import { ROSTER_FIELD_KEYS } from '../contract/roster-schemas';
import type { RosterTableData } from './ports';

export const ROSTER_FIELDS = ROSTER_FIELD_KEYS;
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
  const unmapped = headers.filter(
    (h, i) => !used.has(i) && h.trim() !== '' && !/^(序号|编号|no\.?|#)$/i.test(normHeader(h)),
  );
  return { mapping, unmapped };
}

const baseName = (f: string) => f.split(/[\\/]/).pop() || f;

/**
 * Same-name members (重名) are imported, never dropped: each is reported once, on its second row,
 * and the problems end up sorted by row. Returns the duplicates with all their rows.
 */
export function flagDuplicateNames(
  members: readonly Member[],
  memberRows: readonly number[],
  problems: { row: number; message: string }[],
): { name: string; rows: number[] }[] {
  const byName = new Map<string, number[]>();
  members.forEach((m, i) => byName.set(m.name, [...(byName.get(m.name) ?? []), memberRows[i]]));
  const duplicates = [...byName].filter(([, rows]) => rows.length > 1).map(([name, rows]) => ({ name, rows }));
  for (const d of duplicates)
    problems.push({
      row: d.rows[1],
      message: `重名：“${d.name}”出现在第 ${d.rows.join('、')} 行，均已导入，请核对是否为同一人`,
    });
  problems.sort((a, b) => a.row - b.row);
  return duplicates;
}

const TRUTHY = /^(是|√|✓|✔|y|yes|true|1|常委|常务委员|○|●|★)$/iu;
const FALSY = /^(否|不是|×|✗|n|no|false|0|委员|—|-)$/iu;
const NOT_A_NAME = /^(注|备注|说明|合计|共计|总计|制表|填表|审核)/u;

export interface ApplyOptions {
  /** Creates an id for a new member (default m-<row>). */
  newId?: (row: number) => string;
}

/** Applies a mapping: one member per row with a name; problems by row; duplicate names flagged, all kept. */
export function applyMapping(
  table: RosterTable,
  mapping: ColumnMapping,
  opts: ApplyOptions = {},
): Result<RosterImport> {
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
      if (filled.length === 1 && NOT_A_NAME.test(filled[0]))
        problems.push({
          row,
          message: `第 ${row} 行：“${filled[0].slice(0, 20)}”不是人名（像是备注或合计），该行未导入`,
        });
      else if (filled.length) problems.push({ row, message: `第 ${row} 行：姓名为空，该行未导入` });
      continue;
    }
    if (NOT_A_NAME.test(name)) {
      problems.push({ row, message: `第 ${row} 行：“${name.slice(0, 20)}”不是人名（像是备注或合计），该行未导入` });
      continue;
    }
    if ([...name].length > 12 || /[0-9０-９]/u.test(name))
      problems.push({ row, message: `第 ${row} 行：姓名“${name}”看起来不像人名，请核对` });
    const m: Record<string, unknown> = { id: newId(row), name };
    let g = cell(cells, 'gender');
    for (const note of notes) {
      if (/^(男|女)$/.test(note)) {
        if (!g) g = note;
        else if (!g.startsWith(note))
          problems.push({ row, message: `第 ${row} 行：性别列为“${g}”，姓名后却注“（${note}）”，请核对` });
      } else if (/^.{1,8}族$/u.test(note)) {
        const e = cell(cells, 'ethnicity');
        if (!e) m.ethnicity = note;
        else if (e !== note)
          problems.push({ row, message: `第 ${row} 行：民族列为“${e}”，姓名后却注“（${note}）”，请核对` });
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
      problems.push({
        row,
        message: `第 ${row} 行：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}，该行未导入`,
      });
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

// Fallback roster reader for ports without the real roster files port (core/node/roster-io.ts):
// UTF-8 CSV/TSV/TXT only, exact Chinese header names, no .xlsx. It implements the same RosterFiles
// interface so the service has one code path; it never guesses an encoding (a GBK file is refused
// with a message, never imported as mojibake).
import { MemberSchema, type Member } from '../model/session';
import { err, ok } from '../result';
import { parseDelimitedText } from '../read/delimited';
import type { RosterFieldKey, RosterFiles, RosterMapping, RosterTableData } from './ports';

const HEADERS: Record<string, RosterFieldKey> = {
  姓名: 'name', 名字: 'name', 性别: 'gender', 民族: 'ethnicity', 界别: 'sector', 党派: 'party', 政治面貌: 'party',
  职务: 'title', 职称: 'title', 单位: 'unit', 工作单位: 'unit', 职级: 'rank', 级别: 'rank', 政协职务: 'rank', 常委: 'standing',
};

/** Chinese labels of the member fields (mapping dialog, previews). */
export const ROSTER_FIELD_LABELS: Record<RosterFieldKey, string> = {
  name: '姓名', gender: '性别', ethnicity: '民族', sector: '界别', party: '党派', title: '职务', unit: '单位', standing: '常委', rank: '政协职务',
};

/** CSV/TSV rows of a decoded text (BOM dropped). */
export const parseDelimited = (text: string): string[][] => parseDelimitedText(text.replace(/^\uFEFF/, ''));

/**
 * Same-name members (重名) are imported, never dropped: each is reported once, on its second row,
 * and the problems end up sorted by row. Returns the duplicates with all their rows.
 */
export function flagDuplicateNames(members: readonly Member[], memberRows: readonly number[], problems: { row: number; message: string }[]): { name: string; rows: number[] }[] {
  const byName = new Map<string, number[]>();
  members.forEach((m, i) => byName.set(m.name, [...(byName.get(m.name) ?? []), memberRows[i]]));
  const duplicates = [...byName].filter(([, rows]) => rows.length > 1).map(([name, rows]) => ({ name, rows }));
  for (const d of duplicates) problems.push({ row: d.rows[1], message: `重名：“${d.name}”出现在第 ${d.rows.join('、')} 行，均已导入，请核对是否为同一人` });
  problems.sort((a, b) => a.row - b.row);
  return duplicates;
}

const base = (f: string) => f.split(/[\\/]/).pop() || f;

export const basicRosterFiles: RosterFiles = {
  async read(bytes, fileName) {
    if (/\.xlsx?$/i.test(fileName)) return err('roster.unsupported', `无法读取 Excel 名单：${base(fileName)}，请另存为“CSV UTF-8”`, { file: fileName });
    if (!/\.(csv|tsv|txt)$/i.test(fileName)) return err('roster.unsupported', `不支持的名单格式：${base(fileName)}（请使用 .xlsx 或 .csv）`, { file: fileName });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return err('roster.encoding', `名单 ${base(fileName)} 不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”`, { file: fileName });
    }
    const all = parseDelimited(text).map((cells, i) => ({ row: i + 1, cells }));
    const rows = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (!rows.length) return err('roster.empty', `名单 ${base(fileName)} 是空的`, { file: fileName });
    const table: RosterTableData = { file: fileName, format: 'csv', encoding: 'utf-8', headerRow: rows[0].row, headers: rows[0].cells.map((h) => h.trim()), rows: rows.slice(1) };
    return ok(table);
  },
  propose(headers) {
    const mapping: RosterMapping = {};
    const unmapped: string[] = [];
    headers.forEach((h, i) => {
      const f = HEADERS[h.replace(/\s+/g, '')];
      if (f && mapping[f] === undefined) mapping[f] = i;
      else if (h.trim()) unmapped.push(h);
    });
    return { mapping, unmapped };
  },
  apply(table, mapping) {
    if (mapping.name === undefined) return err('roster.no-name-column', `名单 ${base(table.file)} 没有“姓名”列（找到：${table.headers.join('、')}）`, { file: table.file });
    const cell = (cells: string[], f: RosterFieldKey) => {
      const i = mapping[f];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const members: Member[] = [];
    const memberRows: number[] = [];
    const problems: { row: number; message: string }[] = [];
    for (const { row, cells } of table.rows) {
      const name = cell(cells, 'name').replace(/\s+/g, '');
      if (!name) {
        problems.push({ row, message: `第 ${row} 行没有姓名，该行未导入` });
        continue;
      }
      const m: Record<string, unknown> = { id: `m-${row}`, name, sector: cell(cells, 'sector'), title: cell(cells, 'title'), unit: cell(cells, 'unit') };
      const g = cell(cells, 'gender');
      if (g === '男' || g === '女') m.gender = g;
      for (const f of ['ethnicity', 'party', 'rank'] as const) if (cell(cells, f)) m[f] = cell(cells, f);
      if (mapping.standing !== undefined) m.standing = !/^(否|不是|no|false|0)$/i.test(cell(cells, 'standing'));
      const p = MemberSchema.safeParse(m);
      if (!p.success) {
        problems.push({ row, message: `第 ${row} 行数据无效，该行未导入` });
        continue;
      }
      members.push(p.data);
      memberRows.push(row);
    }
    const duplicates = flagDuplicateNames(members, memberRows, problems);
    return ok({ members, memberRows, problems, duplicates });
  },
};

// Roster import: rows (from CSV/TSV/TXT parsed here, or xlsx via the spreadsheet port) → members,
// by Chinese header names. Pure; one bad row is reported and skipped, never fatal.
import type { Member } from '../model/session';

const HEADERS: Record<string, keyof Omit<Member, 'id'>> = {
  姓名: 'name', 名字: 'name', 性别: 'gender', 民族: 'ethnicity', 界别: 'sector', 党派: 'party', 政治面貌: 'party',
  职务: 'title', 职称: 'title', 单位: 'unit', 工作单位: 'unit', 职级: 'rank', 级别: 'rank', 常委: 'standing',
};

/** RFC 4180-ish CSV (quotes, doubled quotes, CRLF), or TSV when the first line has tabs. */
export function parseDelimited(text: string): string[][] {
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') ? '\t' : firstLine.includes(',') || !firstLine.includes('，') ? ',' : '，';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export interface RosterRows {
  members: { row: number; member: Omit<Member, 'id'> }[];
  skipped: { row: number; message: string }[];
  error?: string;
}

export function rowsToMembers(rows: string[][]): RosterRows {
  if (!rows.length) return { members: [], skipped: [], error: '名单是空的' };
  const header = rows[0].map((h) => h.trim().replace(/\s+/g, ''));
  const cols = header.map((h) => HEADERS[h]);
  if (!cols.includes('name')) return { members: [], skipped: [], error: `名单第一行缺少“姓名”列（找到：${header.join('、')}）` };
  const members: RosterRows['members'] = [];
  const skipped: RosterRows['skipped'] = [];
  rows.slice(1).forEach((r, i) => {
    const rowNo = i + 2;
    const m: Record<string, unknown> = { sector: '', title: '', unit: '', standing: true };
    cols.forEach((key, c) => {
      if (!key) return;
      const v = (r[c] ?? '').trim();
      if (key === 'standing') m.standing = !/^(否|不是|no|false|0)$/i.test(v);
      else if (key === 'gender') {
        if (v === '男' || v === '女') m.gender = v;
      } else if (v) m[key] = v;
    });
    const name = typeof m.name === 'string' ? m.name.replace(/\s+/g, '') : '';
    if (!name) {
      skipped.push({ row: rowNo, message: `第 ${rowNo} 行没有姓名，已跳过` });
      return;
    }
    m.name = name;
    members.push({ row: rowNo, member: m as Omit<Member, 'id'> });
  });
  return { members, skipped };
}

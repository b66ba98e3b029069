// Reading a roster table in the browser for the column-mapping step: decode (UTF-8, else GB18030,
// as Excel on Chinese Windows saves CSV), split CSV/TSV, and write it back with standard headers.
// It must never guess silently: the clerk confirms the mapping before anything is imported.

export function decodeTable(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function parseTable(text: string): string[][] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = first.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
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

export const ROSTER_FIELDS = ['姓名', '性别', '民族', '界别', '党派', '职务', '单位', '职级'] as const;

const GUESS: Record<string, (typeof ROSTER_FIELDS)[number]> = {
  姓名: '姓名', 名字: '姓名', 委员: '姓名', 性别: '性别', 民族: '民族', 界别: '界别', 党派: '党派', 政治面貌: '党派',
  职务: '职务', 职称: '职务', 现任职务: '职务', 单位: '单位', 工作单位: '单位', 职级: '职级', 级别: '职级',
};

export function guessField(header: string): string {
  const h = header.trim().replace(/\s+/g, '');
  if (GUESS[h]) return GUESS[h];
  const hit = Object.keys(GUESS).find((k) => h.includes(k));
  return hit ? GUESS[hit] : '';
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rebuilds the table with the mapped standard headers, dropping unmapped columns. */
export function remapTable(rows: string[][], mapping: string[]): string {
  const keep = mapping.map((m, i) => (m ? i : -1)).filter((i) => i >= 0);
  const out = [keep.map((i) => mapping[i]), ...rows.slice(1).map((r) => keep.map((i) => (r[i] ?? '').trim()))];
  return '\uFEFF' + out.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Roster import/export: .xlsx written here with exceljs (title row, header variants, notes, a
// duplicate), CSV in UTF-8 with BOM, GBK and UTF-16; the CLI writing session.json; export round-trip.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemberSchema, SessionSchema } from '../../core/model/session';
import {
  applyMapping,
  exportRosterXlsx,
  mergeMembers,
  proposeMapping,
  readRosterTable,
  xlsxSpreadsheetReader,
} from '../../core/node/roster-io';
import { run as rosterCli } from '../../cli/commands/roster';

let dir: string;
let xlsx: Uint8Array;

async function makeXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1'); // an empty first sheet, as clerks leave it
  const ws = wb.addWorksheet('常委名单');
  ws.addRow(['政协××市第十三届委员会常务委员名单']);
  ws.mergeCells('A1:I1');
  ws.addRow(['序号', '姓 名', '性别', '民族', '所属界别', '政治面貌', '现任职务', '工作单位', '是否常委']);
  ws.addRow([1, '于  洋', '男', '汉族', '中共', '中共党员', '市政协副主席', '市政协', '是']);
  ws.addRow([2, '田富', '女', '回族', '民盟', '民盟盟员', '市政协秘书长', '市政协', '是']);
  ws.addRow([3, '', '男', '', '经济界', '', '', '', '是']); // no name
  ws.addRow([4, '王勇', '未知', '汉族', '民盟', '民盟盟员', '民盟市委主委', '民盟市委', '']);
  ws.addRow([
    5,
    { richText: [{ text: '单' }, { text: '田芳', font: { bold: true } }] },
    '男',
    '汉族',
    '文化艺术界',
    '九三学社社员',
    '市曲艺家协会主席',
    '市文联',
    '否',
  ]);
  ws.addRow([6, '王勇', '男', '汉族', '教育界', '群众', '市一中校长', '市一中', '是']); // duplicate name
  ws.addRow(['注：按姓氏笔画为序']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const csvText =
  '姓名,性别,界别,党派,职务,单位,常委\r\n"曾庆红",男,经济界,中共,"市政协常委、某公司董事长",某公司,√\r\n田大利,男,教育界,民进,市政协主席,市政协,\r\n';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'huibian-roster-'));
  xlsx = await makeXlsx();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading rosters', () => {
  it('reads an .xlsx with a title row and header variants, mapping every column', async () => {
    const t = await readRosterTable(xlsx, '常委名单.xlsx');
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.sheet).toBe('常委名单');
    expect(t.value.headerRow).toBe(2);
    const { mapping, unmapped } = proposeMapping(t.value.headers);
    expect(mapping).toEqual({ name: 1, gender: 2, ethnicity: 3, sector: 4, party: 5, title: 6, unit: 7, standing: 8 });
    expect(unmapped).toEqual([]);
    const r = applyMapping(t.value, mapping);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.members.map((m) => m.name)).toEqual(['于洋', '田富', '王勇', '单田芳', '王勇']);
    expect(r.value.members[0]).toMatchObject({
      gender: '男',
      ethnicity: '汉族',
      sector: '中共',
      title: '市政协副主席',
      standing: true,
    });
    expect(r.value.members[3].standing).toBe(false);
    expect(r.value.members[2].standing).toBe(false); // empty in a column that uses 是: not a standing member
    expect(r.value.members[2].gender).toBeUndefined();
    expect(r.value.duplicates).toEqual([{ name: '王勇', rows: [6, 8] }]);
    const msgs = r.value.problems.map((p) => `${p.row}:${p.message}`);
    expect(msgs.some((m) => m.startsWith('5:') && m.includes('姓名为空'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('6:') && m.includes('性别“未知”'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('8:') && m.includes('重名'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('9:') && m.includes('不是人名'))).toBe(true);
  });

  it('reads CSV in UTF-8 with BOM, GBK and UTF-16LE the same way', async () => {
    const variants: [string, Uint8Array][] = [
      ['utf-8', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csvText)])],
      ['gb18030', new Uint8Array(iconv.encode(csvText, 'gbk'))],
      ['utf-16le', new Uint8Array([0xff, 0xfe, ...iconv.encode(csvText, 'utf-16le')])],
    ];
    for (const [enc, bytes] of variants) {
      const t = await readRosterTable(bytes, 'roster.csv');
      if (!t.ok) throw new Error(t.error.message);
      expect(t.value.encoding).toBe(enc);
      const r = applyMapping(t.value, proposeMapping(t.value.headers).mapping);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.members.map((m) => [m.name, m.title, m.standing])).toEqual([
        ['曾庆红', '市政协常委、某公司董事长', true],
        ['田大利', '市政协主席', false],
      ]);
    }
  });

  it('takes notes after names (王丽（女）, 马云（回族）) as gender / ethnicity and keeps the bare name', async () => {
    const text = '姓名,界别\n王丽（女）,经济界\n马云(回族),宗教界\n张三（特邀）,教育界\n';
    const t = await readRosterTable(new TextEncoder().encode(text), 'notes.csv');
    if (!t.ok) throw new Error(t.error.message);
    const r = applyMapping(t.value, proposeMapping(t.value.headers).mapping);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.members.map((m) => [m.name, m.gender, m.ethnicity])).toEqual([
      ['王丽', '女', undefined],
      ['马云', undefined, '回族'],
      ['张三', undefined, undefined],
    ]);
    expect(r.value.problems).toEqual([{ row: 4, message: expect.stringContaining('（特邀）') }]);
  });

  it('rejects .xls, files without a 姓名 column and unknown formats with stable codes', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const a = await readRosterTable(ole, '名单.xls');
    expect(!a.ok && a.error.code).toBe('roster.xls');
    expect(!a.ok && a.error.message).toContain('名单.xls');
    const b = await readRosterTable(new TextEncoder().encode('甲,乙\n1,2\n'), 'x.csv');
    expect(!b.ok && b.error.code).toBe('roster.no-name-column');
    const c = await readRosterTable(new Uint8Array([1, 2, 3]), 'x.pdf');
    expect(!c.ok && c.error.code).toBe('roster.unsupported');
    const d = await readRosterTable(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), 'broken.xlsx');
    expect(!d.ok && d.error.code).toBe('roster.xlsx-unreadable');
  });

  it('refuses oversized files, zip bombs and endless sheets before parsing them', async () => {
    const limits = { maxBytes: 1_000_000, maxUnzipped: 50_000, maxRows: 3 };
    const big = await readRosterTable(new Uint8Array(1_000_001), 'huge.csv', limits);
    expect(!big.ok && big.error.code).toBe('roster.too-large');
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60_000) }); // compresses to a few hundred bytes
    expect(bomb.length).toBeLessThan(1000);
    const b = await readRosterTable(bomb, 'bomb.xlsx', limits);
    expect(!b.ok && b.error.code).toBe('roster.too-large');
    const rows = await readRosterTable(xlsx, 'a.xlsx', limits);
    expect(!rows.ok && rows.error.code).toBe('roster.too-large');
    expect(!rows.ok && rows.error.message).toContain('a.xlsx');
  });

  it('serves the service spreadsheet port', async () => {
    const r = await xlsxSpreadsheetReader.rows(xlsx, 'a.xlsx');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0][1]).toBe('姓 名'); // the merged title row above the header is left out
    expect(r.value[1][1]).toBe('于  洋');
  });
});

describe('merging and exporting', () => {
  it('updates same-name members in place, adds the rest, never drops a duplicate', () => {
    const existing = [MemberSchema.parse({ id: 'm1', name: '王勇', title: '旧职务', unit: '旧单位' })];
    const imported = [
      MemberSchema.parse({ id: 'm-3', name: '王勇', title: '新职务' }),
      MemberSchema.parse({ id: 'm-4', name: '王勇', title: '另一人' }),
      MemberSchema.parse({ id: 'm1', name: '于洋' }),
    ];
    const r = mergeMembers(existing, imported);
    expect(r.members.map((m) => [m.id, m.name, m.title, m.unit])).toEqual([
      ['m1', '王勇', '新职务', '旧单位'],
      ['m-4', '王勇', '另一人', ''],
      ['m2', '于洋', '', ''], // its id collided with m1: a fresh one
    ]);
    expect(r.updated).toEqual(['m1']);
    expect(r.added).toEqual(['m-4', 'm2']);
  });

  it('exports to .xlsx and reads back the same members', async () => {
    const t = await readRosterTable(xlsx, 'a.xlsx');
    if (!t.ok) throw new Error(t.error.message);
    const a = applyMapping(t.value, proposeMapping(t.value.headers).mapping);
    if (!a.ok) throw new Error(a.error.message);
    const out = await exportRosterXlsx(a.value.members);
    const back = await readRosterTable(out, 'export.xlsx');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.headers.slice(0, 3)).toEqual(['序号', '姓名', '性别']);
    const b = applyMapping(back.value, proposeMapping(back.value.headers).mapping);
    if (!b.ok) throw new Error(b.error.message);
    const strip = (ms: typeof a.value.members) => ms.map(({ id: _id, ...rest }) => rest);
    expect(strip(b.value.members)).toEqual(strip(a.value.members));
  });
});

describe('huibian roster import', () => {
  it('adds and updates members in session.json and prints a report', async () => {
    const sdir = path.join(dir, 'session');
    await import('node:fs/promises').then((f) => f.mkdir(sdir, { recursive: true }));
    const session = SessionSchema.parse({
      schemaVersion: 1,
      id: 's',
      name: '政协××市第十三届委员会常务委员会第九次会议',
      date: '2023-09-20',
      members: [{ id: 'm1', name: '田富', title: '旧职务', sector: '民盟' }],
    });
    await writeFile(
      path.join(sdir, 'session.json'),
      JSON.stringify({ ...session, $store: { revision: 7, app: 'huibian' } }),
    );
    const file = path.join(dir, '常委名单.xlsx');
    await writeFile(file, xlsx);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await rosterCli(['import', sdir, file]);
    const out = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    expect(code).toBe(0);
    expect(out).toContain('新增 4 人，更新 1 人');
    expect(out).toContain('重名 1 处');
    const saved = SessionSchema.parse(JSON.parse(await readFile(path.join(sdir, 'session.json'), 'utf8')));
    expect(saved.members.map((m) => m.name)).toEqual(['田富', '于洋', '王勇', '单田芳', '王勇']);
    expect(saved.members[0]).toMatchObject({ id: 'm1', title: '市政协秘书长', gender: '女' });
    expect(new Set(saved.members.map((m) => m.id)).size).toBe(5);
    const raw = JSON.parse(await readFile(path.join(sdir, 'session.json'), 'utf8'));
    // Saved by the store's one durable writer: its bookkeeping moves on from the revision it read.
    expect(raw.$store).toMatchObject({ revision: 8, app: 'huibian' });
    await expect(readFile(path.join(sdir, 'owner.lock'))).rejects.toThrow(); // lock released
  });

  it('refuses to write while the app holds the session open', async () => {
    const sdir = path.join(dir, 'session');
    const before = await readFile(path.join(sdir, 'session.json'), 'utf8');
    // A live process on this host (the test runner's parent) holds the lock.
    await writeFile(
      path.join(sdir, 'owner.lock'),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'app', at: new Date().toISOString() }),
    );
    const errSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await rosterCli(['import', sdir, path.join(dir, '常委名单.xlsx')]);
    const msg = errSpy.mock.calls.map((c) => String(c[0])).join('\n');
    errSpy.mockRestore();
    await rm(path.join(sdir, 'owner.lock'));
    expect(code).toBe(75);
    expect(msg).toContain('正由另一个汇编窗口或程序打开');
    expect(await readFile(path.join(sdir, 'session.json'), 'utf8')).toBe(before);
  });

  it('leaves session.json untouched when the roster cannot be read', async () => {
    const sdir = path.join(dir, 'session');
    const before = await readFile(path.join(sdir, 'session.json'), 'utf8');
    const bad = path.join(dir, 'bad.xls');
    await writeFile(bad, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    const errSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await rosterCli(['import', sdir, bad]);
    const msg = errSpy.mock.calls.map((c) => String(c[0])).join('\n');
    errSpy.mockRestore();
    expect(code).not.toBe(0);
    expect(msg).toContain('bad.xls');
    expect(await readFile(path.join(sdir, 'session.json'), 'utf8')).toBe(before);
  });
});

// The renderer's non-visual logic, run in node: the HTTP transport against the real server (token,
// refusal, errors as values, output download, file input), the roster mapping (service preview of a
// GBK CSV through the transport, the column ↔ field editing), the intake board's
// slots and the office word count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../core/node/http-server';
import { createHttpTransport } from '../../renderer/transport/http-transport';
import { toBase64 } from '../../renderer/transport/transport';
import iconv from 'iconv-lite';
import { fieldOfColumn, setColumnField } from '../../renderer/screens/roster';
import { errorWording, formatSize, parseNames, PRODUCTS } from '../../renderer/components/print-products';
import { memberSlots } from '../../renderer/screens/intake';
import { docWords } from '../../renderer/state/item-facts';
import { MemberSchema, SubmissionSchema } from '../../core/model/session';
import { SourceDocSchema } from '../../core/model/document';

let server: RunningServer & { dataDirForTests?: string };
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huibian-transport-'));
  server = Object.assign(await startServer({ dataDir }), { dataDirForTests: dataDir });
});
afterAll(async () => {
  await server?.close();
});

describe('HTTP transport', () => {
  it('calls the contract with the bearer token and returns Result values', async () => {
    const t = createHttpTransport(server.token, server.url);
    const created = await t.call('sessions.create', { name: '第九次会议', date: '2026-11-28' });
    expect(created.ok).toBe(true);
    const list = await t.call('sessions.list', {});
    expect(list.ok && list.value.map((s) => s.name)).toEqual(['第九次会议']);
    const bad = await t.call('sessions.open', { sessionId: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('contract.bad-input');
  });

  it('turns a wrong token into a clear Chinese message, and a dead server into transport.failed', async () => {
    const wrong = await createHttpTransport('not-the-token', server.url).call('sessions.list', {});
    expect(wrong).toMatchObject({ ok: false, error: { code: 'http.unauthorized' } });
    if (!wrong.ok) expect(wrong.error.message).toMatch(/口令|地址/);
    const dead = await createHttpTransport(server.token, 'http://127.0.0.1:9').call('sessions.list', {});
    expect(dead).toMatchObject({ ok: false, error: { code: 'transport.failed' } });
    if (!dead.ok) expect(dead.error.message).toContain('无法连接');
  });

  it('fetches produced files with the token and reports a missing one', async () => {
    const t = createHttpTransport(server.token, server.url);
    const missing = await t.fetchOutput({ name: 'x.pdf', url: '/files/nope/x.pdf', size: 0 });
    expect(missing.ok).toBe(false);
    const bytes = new Uint8Array([0xe6, 0xb1, 0x87, 0, 255]);
    // Files are streamed to /upload and named by their id (issue 13); the bytes arrive unchanged.
    const input = await t.fileInput(new File([bytes], '发言.docx'));
    expect(input).toEqual({ name: '发言.docx', upload: expect.stringMatching(/^u-[0-9a-f]{24}$/) });
    const stored = readFileSync(join(server.dataDirForTests ?? '', 'uploads', (input as { upload: string }).upload));
    expect(Buffer.compare(stored, Buffer.from(bytes))).toBe(0);
    // Without /upload (a dead server) a small file still goes inline as base64.
    const inline = await createHttpTransport(server.token, 'http://127.0.0.1:9').fileInput(
      new File([bytes], '发言.docx'),
    );
    expect(inline).toEqual({ name: '发言.docx', data: Buffer.from(bytes).toString('base64') });
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});

describe('roster mapping', () => {
  it('previews a GBK CSV through the transport with a proposed mapping, and imports with the chosen one', async () => {
    const t = createHttpTransport(server.token, server.url);
    const created = await t.call('sessions.create', { name: '名单会议' });
    if (!created.ok) throw new Error(created.error.message);
    const sessionId = created.value.session.id;
    const csv = iconv.encode(
      '序号,委员姓名,工作单位,备注\r\n1,张三,"市政协, 办公室",说明\r\n2,李四,市教育局,\r\n',
      'gbk',
    );
    const file = { name: '名单.csv', data: toBase64(new Uint8Array(csv)) };
    const p = await t.call('roster.preview', { sessionId, file });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.encoding).toMatch(/gb/i);
    expect(p.value.headers).toEqual(['序号', '委员姓名', '工作单位', '备注']);
    expect(p.value.headers.map((_, i) => fieldOfColumn(p.value.mapping, i))).toEqual(['', 'name', 'unit', '']);
    // The clerk maps 备注 to 职务 instead of leaving it out.
    const mapping = setColumnField(p.value.mapping, 3, 'title');
    const imp = await t.call('roster.import', { sessionId, revision: created.value.revision, file, mapping });
    if (!imp.ok) throw new Error(imp.error.message);
    expect(imp.value.session.members.map((m) => [m.name, m.unit, m.title])).toEqual([
      ['张三', '市政协, 办公室', '说明'],
      ['李四', '市教育局', ''],
    ]);
  });

  it('keeps one field on one column when the clerk remaps', () => {
    const m = { name: 1, unit: 2 };
    expect(setColumnField(m, 2, 'name')).toEqual({ name: 2 });
    expect(setColumnField(m, 1, '')).toEqual({ unit: 2 });
    expect(setColumnField(m, 0, 'sector')).toEqual({ name: 1, unit: 2, sector: 0 });
    expect(fieldOfColumn(m, 3)).toBe('');
  });
});

describe('intake board and word counts', () => {
  it('gives one slot per standing member: received, needs review, missing', () => {
    const m = (id: string, name: string, standing = true) => MemberSchema.parse({ id, name, standing });
    const sub = (id: string, memberIds: string[], status: 'ok' | 'review' = 'ok') =>
      SubmissionSchema.parse({ id, title: id, memberIds, status, source: { file: `${id}.md`, format: 'md' } });
    const slots = memberSlots(
      [m('a', '甲'), m('b', '乙'), m('c', '丙'), m('d', '丁', false)],
      [sub('s1', ['a']), sub('s2', ['b'], 'review'), sub('s3', ['a', 'd'])],
    );
    expect(slots.map((s) => [s.member.name, s.state, s.items.length])).toEqual([
      ['甲', 'received', 2],
      ['乙', 'review', 1],
      ['丙', 'missing', 0],
    ]);
  });

  it('counts words as offices do, and PDF items by their text layer', () => {
    const doc = SourceDocSchema.parse({
      blocks: [
        { type: 'heading', level: 1, inlines: [{ type: 'text', text: '一、总体情况' }] },
        { type: 'paragraph', inlines: [{ type: 'text', text: '2023年GDP增长5.2%。' }] },
      ],
    });
    expect(docWords(doc)).toBe(5 + 1 + 1 + 1 + 2 + 1); // 一总体情况 · 2023 · 年 · GDP · 增长 · 5.2
    expect(docWords(SourceDocSchema.parse({ blocks: [], pdf: { pageCount: 1, data: '', text: '会议纪要' } }))).toBe(4);
  });
});

describe('print dialog wording', () => {
  it('reads pasted recipients one a line or separated by 、，; dropping list numbers', () => {
    expect(parseNames('1. 张明华\r\n2、李秀英\n（3）王建国\n\n赵六、钱七，孙八;周九\t吴十')).toEqual([
      '张明华',
      '李秀英',
      '王建国',
      '赵六',
      '钱七',
      '孙八',
      '周九',
      '吴十',
    ]);
    expect(parseNames('  \n ')).toEqual([]);
  });
  it('offers every print product of the contract with a Chinese explanation', async () => {
    const { PRINT_KINDS } = await import('../../core/contract/schemas');
    expect(PRODUCTS.map((p) => p.kind).sort()).toEqual([...PRINT_KINDS].sort());
    for (const p of PRODUCTS) expect(p.explain.match(/[\u4e00-\u9fff]/g)!.length).toBeGreaterThan(20);
  });
  it('words sizes and errors for a clerk', () => {
    expect(formatSize(900)).toBe('900 字节');
    expect(formatSize(1_009_862)).toBe('986 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(errorWording({ code: 'export.busy', message: 'x' })).toContain('取消');
    expect(errorWording({ code: 'print.handout.empty', message: '所选范围没有材料' })).toBe('所选范围没有材料');
  });
});

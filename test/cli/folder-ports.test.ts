// The session-folder ports (core/node/folder-ports.ts) the CLI runs on: a source path that leaves
// the folder is refused, the app holding a store folder makes the CLI read-only (one owner lock),
// saves are durable and leave no temp or lock behind, Markdown images resolve inside the folder
// only, an unreadable item prints as the same notice in the PDF and the DOCX (with a warning naming
// the file and the cause), and `huibian import` gives an item the kind and section the app does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { compileFolder } from '../../cli/commands/compile';
import { run as importCli } from '../../cli/commands/import';
import { withFolderClient } from '../../cli/local-client';
import { createDispatcher, createLocalClient } from '../../core/contract';
import { createFolderPorts } from '../../core/node/folder-ports';
import { createNodePorts } from '../../core/node/ports';
import { SessionSchema } from '../../core/model/session';
import { createService } from '../../core/service/service';
import { barChartPng } from '../../scripts/generate-sample';
import { hasPoppler } from '../compile/poppler';
import { writeSessionFolder, type FixtureItem } from './session-fixture';
import { tempDirs } from '../helpers/temp-dirs';

const tmp = tempDirs('hb-folder-ports-');

const BODY = '近年来，我市数字乡村建设取得积极进展，但基础设施仍然薄弱，需要统筹推进、久久为功。';

const folder = (submissions: FixtureItem[], extra = {}): string => writeSessionFolder(tmp(), submissions, extra);

describe('folder ports', () => {
  it('refuses a source path that leaves the folder (session.bad-path) and reads one inside it', async () => {
    const dir = folder([{ id: 'a', title: '甲', file: 'a.md', format: 'md' }]);
    writeFileSync(path.join(dir, 'a.md'), `# 甲\n\n${BODY}\n`);
    writeFileSync(path.join(path.dirname(dir), 'outside.md'), '秘密');
    const fp = await createFolderPorts(dir);
    if (!fp.ok) throw new Error(fp.error.message);
    const { files, sessionId, ports } = fp.value;
    try {
      for (const bad of ['../outside.md', path.join(path.dirname(dir), 'outside.md'), 'sub/../../outside.md']) {
        const r = await files.get(sessionId, bad);
        expect(r.ok ? '' : r.error.code).toBe('session.bad-path');
      }
      const good = await files.get(sessionId, 'a.md');
      expect(good.ok && new TextDecoder().decode(good.value)).toContain('甲');
      expect(files.imageResolver(sessionId, '../outside.md')).toBeUndefined();
    } finally {
      await ports.dispose?.();
    }
  });

  it('opens a store folder another program holds read-only: the CLI refuses to write, and writes once it lets go', async () => {
    const data = tmp();
    const app = createService(createNodePorts({ dataDir: data, readPool: false }));
    const appClient = createLocalClient(createDispatcher(app), { transport: 'ipc', allowPaths: true });
    const created = await appClient.call('sessions.create', { name: '常委会议' });
    if (!created.ok) throw new Error(created.error.message);
    await app.dispose();
    const id = created.value.session.id;
    const dir = path.join(data, 'sessions', id);
    // The app in another process (a live one on this host: the test runner's parent) holds it.
    const lock = path.join(dir, 'owner.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.ppid, host: hostname(), token: 'app', at: new Date().toISOString() }),
    );
    const before = readFileSync(path.join(dir, 'session.json'), 'utf8');
    const tryRename = () =>
      withFolderClient(dir, {}, async (client, sessionId) => {
        const st = await client.call('sessions.state', { sessionId });
        if (!st.ok) throw new Error(st.error.message);
        return client.call('sessions.rename', { sessionId, revision: st.value.revision, name: '命令行改名' });
      });
    const held = await tryRename();
    expect(held.ok && !held.value.ok && held.value.error.code).toBe('store.read-only');
    expect(readFileSync(path.join(dir, 'session.json'), 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe('app'); // never taken over or removed
    rmSync(lock);
    const free = await tryRename();
    expect(free.ok && free.value.ok).toBe(true);
    const saved = JSON.parse(readFileSync(path.join(dir, 'session.json'), 'utf8'));
    expect(saved.name).toBe('命令行改名');
    expect(saved.$store.revision).toBeGreaterThan(0);
    // Durable and tidy: no temp file, no lock left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f === 'owner.lock')).toEqual([]);
  });

  it('leaves a session.json with an error where it is and names the problem', async () => {
    const dir = folder([]);
    writeFileSync(path.join(dir, 'session.json'), JSON.stringify({ schemaVersion: 1, id: 'x', name: 5 }));
    const r = await compileFolder(dir, { pdfPath: path.join(dir, 'x.pdf') });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('session.json');
    expect(readdirSync(dir).sort()).toEqual(['session.json']);
  });

  it('resolves a Markdown image beside the source, never one outside the folder', async () => {
    const dir = folder([{ id: 'a', title: '图表', file: 'sources/a.md', format: 'md' }]);
    mkdirSync(path.join(dir, 'sources', 'img'), { recursive: true });
    const png = barChartPng([3, 5, 2], [2021, 2022, 2023]);
    writeFileSync(path.join(dir, 'sources', 'img', 'chart.png'), png);
    writeFileSync(path.join(path.dirname(dir), 'secret.png'), png);
    writeFileSync(
      path.join(dir, 'sources', 'a.md'),
      `# 图表\n\n${BODY}\n\n![游客数](img/chart.png)\n\n![越界](../../secret.png)\n`,
    );
    const r = await withFolderClient(dir, {}, (client, sessionId) =>
      client.call('submissions.preview', { sessionId, submissionId: 'a' }),
    );
    if (!r.ok || !r.value.ok) throw new Error('preview failed');
    const doc = r.value.value;
    expect(doc.blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    expect(Object.values(doc.images).map((i) => i.mime)).toEqual(['image/png']);
    expect(JSON.stringify(doc.blocks)).toContain('越界');
  });
});

describe('an unreadable submission', () => {
  it('prints as the same notice in the PDF and the DOCX, with a warning naming the file and the cause', async () => {
    const dir = folder([
      { id: 'a', title: '关于数字乡村的建议', file: 'a.md', format: 'md' },
      { id: 'b', title: '丢失的发言', file: 'gone.docx', format: 'docx' },
      { id: 'c', title: '损坏的发言', file: 'bad.docx', format: 'docx' },
    ]);
    writeFileSync(path.join(dir, 'a.md'), `# 关于数字乡村的建议\n\n${BODY}\n`);
    writeFileSync(path.join(dir, 'bad.docx'), new TextEncoder().encode('这不是 Word 文件'));
    const pdf = path.join(dir, 'x.pdf');
    const docx = path.join(dir, 'x.docx');
    const r = await compileFolder(dir, { pdfPath: pdf, docxPath: docx });
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value.job.result!;
    expect(res.summary!.items).toBe(3);
    const unreadable = res.warnings.filter((w) => w.code === 'compile.source-unreadable');
    expect(unreadable.map((w) => w.message)).toEqual([
      expect.stringMatching(/丢失的发言.*gone\.docx.*找不到/),
      expect.stringMatching(/损坏的发言.*bad\.docx/),
    ]);
    const docXml = strFromU8(unzipSync(new Uint8Array(readFileSync(docx)))['word/document.xml']);
    for (const f of ['gone.docx', 'bad.docx']) expect(docXml).toContain(`文件无法读取，请检查原件：${f}`);
    if (hasPoppler) {
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const f of ['gone.docx', 'bad.docx']) expect(text).toContain(`文件无法读取，请检查原件：${f}`);
    }
  }, 120_000);
});

describe('huibian import', () => {
  it('gives an item the kind and the section the app gives it', async () => {
    const inbox = path.join(tmp(), '调研报告');
    mkdirSync(inbox);
    const file = path.join(inbox, '乡村振兴.txt');
    writeFileSync(file, `关于乡村振兴的调研报告\n\n市政协委员 王明\n\n${BODY}\n`);
    const sessionJson = {
      sections: [
        { id: 'sec-1', title: '大会发言', items: [] },
        { id: 'sec-2', title: '书面发言', items: [] },
        { id: 'sec-3', title: '调研报告', items: [] },
      ],
      members: [{ id: 'm1', name: '王明' }],
    };
    // The app: a session in the data folder, the file imported by path.
    const data = tmp();
    const app = createService(createNodePorts({ dataDir: data, readPool: false }));
    const c = createLocalClient(createDispatcher(app), { transport: 'ipc', allowPaths: true });
    const created = await c.call('sessions.create', { name: '测试会议' });
    if (!created.ok) throw new Error(created.error.message);
    const sid = created.value.session.id;
    const appDir = path.join(data, 'sessions', sid);
    const base = SessionSchema.parse(JSON.parse(readFileSync(path.join(appDir, 'session.json'), 'utf8')));
    await c.call('sessions.close', { sessionId: sid });
    writeFileSync(path.join(appDir, 'session.json'), JSON.stringify({ ...base, ...sessionJson }));
    const st = await c.call('sessions.state', { sessionId: sid });
    if (!st.ok) throw new Error(st.error.message);
    const viaApp = await c.call('submissions.import', {
      sessionId: sid,
      revision: st.value.revision,
      files: [{ path: file }],
    });
    await app.dispose();
    if (!viaApp.ok) throw new Error(viaApp.error.message);
    // The CLI: a session folder with the same sections and roster.
    const dir = folder([], sessionJson);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await importCli([dir, file]);
    log.mockRestore();
    expect(code).toBe(0);
    const saved = SessionSchema.parse(JSON.parse(readFileSync(path.join(dir, 'session.json'), 'utf8')));
    const [a] = viaApp.value.session.submissions;
    const [b] = saved.submissions;
    expect(b.kind).toBe('report');
    expect([b.kind, b.title, b.authorLine, b.memberIds, b.status]).toEqual([
      a.kind,
      a.title,
      a.authorLine,
      a.memberIds,
      a.status,
    ]);
    const sectionOf = (s: typeof saved, id: string) => s.sections.find((x) => x.items.includes(id))?.title;
    expect(sectionOf(saved, b.id)).toBe('调研报告');
    expect(sectionOf(saved, b.id)).toBe(sectionOf(viaApp.value.session, a.id));
  }, 60_000);

  it('--dry-run reports what would happen and writes nothing to the folder', async () => {
    const dir = folder([]);
    const file = path.join(tmp(), '发言.txt');
    writeFileSync(file, `关于数字乡村的建议\n\n市政协委员 王明\n\n${BODY}\n`);
    const before = readFileSync(path.join(dir, 'session.json'), 'utf8');
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m) => void lines.push(String(m)));
    const code = await importCli([dir, file, '--dry-run']);
    log.mockRestore();
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/共 1 个文件：.*失败 0（试运行，未写入）/);
    expect(readFileSync(path.join(dir, 'session.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['session.json']);
  });
});

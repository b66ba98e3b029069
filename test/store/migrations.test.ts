// S3: migrations back the file up first, are safe to run twice; a file from a newer version opens
// read-only with a message and is never written.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../core/node/store/migrations';
import { DiskSessionStore } from '../../core/node/store/session-store';
import { nodeFs } from '../../core/node/store/fs-port';
import { diskService, must, useTempDir } from './helpers';

describe('S3 schema versions', () => {
  const t = useTempDir();

  async function writeSession(dataDir: string, id: string, json: unknown) {
    const dir = path.join(dataDir, 'sessions', id);
    await mkdir(dir, { recursive: true });
    const text = JSON.stringify(json);
    await writeFile(path.join(dir, 'session.json'), text);
    return { dir, file: path.join(dir, 'session.json'), text };
  }

  it('migrates a v0 file (no schemaVersion) after backing it up; a second open does nothing more', async () => {
    const dataDir = path.join(t.dir, 'v0');
    const v0 = { id: 'old', name: '旧会议', date: '2022-05-01', sections: [{ id: 'a', title: '大会发言' }] };
    const { dir, file, text } = await writeSession(dataDir, 'old', v0);
    const { client, service } = diskService(dataDir);
    const o = must(await client.call('sessions.open', { sessionId: 'old' }));
    if (o.status !== 'open') throw new Error('expected open');
    expect(o.view.session.schemaVersion).toBe(1);
    expect(o.view.session.sections[0]).toMatchObject({ title: '大会发言', items: [], sortRule: 'manual' });
    expect(o.view.notices?.some((n) => n.code === 'store.migrated')).toBe(true);
    const backups = (await readdir(dir)).filter((n) => n.startsWith('session.v0-backup-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(dir, backups[0]), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(1);
    await service.dispose();
    const again = diskService(dataDir);
    const o2 = must(await again.client.call('sessions.open', { sessionId: 'old' }));
    expect(o2.status === 'open' && o2.view.notices).toBeFalsy();
    expect((await readdir(dir)).filter((n) => n.startsWith('session.v0-backup-'))).toHaveLength(1);
    await again.service.dispose();
  });

  it('every migration step is idempotent', () => {
    const v0 = { id: 'x', name: 'x', date: '2022-01-01', sections: [{ id: 's', title: 't' }] };
    const once = migrate(v0).json;
    expect(migrate(once).json).toEqual(once);
    for (const m of MIGRATIONS) expect(m.up(m.up(v0))).toEqual(m.up(v0));
  });

  it('chains steps to a newer schema and backs up before writing (injected v2)', async () => {
    const dataDir = path.join(t.dir, 'chain');
    const { dir, file, text } = await writeSession(dataDir, 's1', {
      schemaVersion: 1,
      id: 's1',
      name: '会议',
      date: '2023-01-01',
    });
    const steps: Migration[] = [
      ...MIGRATIONS,
      { from: 1, description: '测试升级', up: (j) => ({ ...j, theme: j.theme ?? '迁移加的主题', schemaVersion: 2 }) },
    ];
    const store = new DiskSessionStore({ dataDir, fs: nodeFs, migrations: steps, schemaVersion: 2 });
    const r = must(await store.open('s1'));
    expect(r.status === 'ok' && r.session.theme).toBe('迁移加的主题');
    const backups = (await readdir(dir)).filter((n) => n.startsWith('session.v1-backup-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(dir, backups[0]), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(2);
    await store.close('s1');
  });

  it('a file from a newer version opens read-only, refuses edits and is never written', async () => {
    const dataDir = path.join(t.dir, 'newer');
    const { file, text } = await writeSession(dataDir, 'new', {
      schemaVersion: 99,
      id: 'new',
      name: '新版本的会议',
      date: '2027-01-01',
      futureField: { x: 1 },
    });
    const { client, service } = diskService(dataDir);
    const o = must(await client.call('sessions.open', { sessionId: 'new' }));
    if (o.status !== 'open') throw new Error('expected open');
    expect(o.view.readOnly?.code).toBe('store.session-newer');
    expect(o.view.readOnly?.message).toContain('99');
    const e = await client.call('sessions.rename', { sessionId: 'new', revision: o.view.revision, name: 'x' });
    expect(!e.ok && e.error.code).toBe('store.read-only');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(must(await client.call('sessions.list', {})).find((s) => s.id === 'new')?.readOnly).toBe(true);
    await service.dispose();
  });

  it('a newer file this version cannot even read is reported, not moved aside', async () => {
    const dataDir = path.join(t.dir, 'newer-unreadable');
    const { file, text } = await writeSession(dataDir, 'nx', { schemaVersion: 7, id: 'nx', title: '结构全变了' });
    const { client, service } = diskService(dataDir);
    const o = await client.call('sessions.open', { sessionId: 'nx' });
    expect(!o.ok && o.error.code).toBe('store.session-newer');
    expect(await readFile(file, 'utf8')).toBe(text);
    await service.dispose();
  });
});

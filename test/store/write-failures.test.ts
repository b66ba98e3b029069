// S4/S5: a save that fails (disk full, read-only folder, rename refused as on Windows) is reported
// as failed, leaves the old file byte-for-byte untouched and no temp file behind, keeps the change
// in memory with state 'unsaved', and is retried until it lands. Faults are injected through the
// fs port: tests run as root, where chmod does not stop writes.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { durableWrite } from '../../core/node/store/durable-write';
import { faultyFs, nodeFs } from '../../core/node/store/fs-port';
import { diskService, must, tempDir } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('durableWrite', () => {
  for (const [op, code, expected] of [
    ['write', 'ENOSPC', 'store.disk-full'],
    ['open', 'EACCES', 'store.read-only'],
    ['open', 'EROFS', 'store.read-only'],
    ['rename', 'EPERM', 'store.file-locked'],
    ['sync', 'EIO', 'store.save-failed'],
  ] as const) {
    it(`${code} during ${op}: reported as ${expected}, old file untouched, no temp left`, async () => {
      const t = await tempDir();
      cleanups.push(t.cleanup);
      const file = path.join(t.dir, 'session.json');
      expect((await durableWrite(nodeFs, file, '{"v":1}')).ok).toBe(true);
      const fs = faultyFs(nodeFs, [{ op, code }]);
      const r = await durableWrite(fs, file, '{"v":2,"long":"' + 'x'.repeat(1000) + '"}');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(expected);
        expect(r.error.message).toContain(file);
      }
      expect(await readFile(file, 'utf8')).toBe('{"v":1}');
      expect(await readdir(t.dir)).toEqual(['session.json']);
    });
  }
});

describe('rename refused for a moment (virus scanner)', () => {
  it('a transient EPERM on rename is retried and the save lands', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'session.json');
    let refusals = 2;
    const fs = {
      ...nodeFs,
      rename: async (a: string, b: string) => {
        if (refusals-- > 0) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
        return nodeFs.rename(a, b);
      },
    };
    expect((await durableWrite(fs, file, '{"v":3}')).ok).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{"v":3}');
  });
});

/** A disk-backed service in a fresh temp dir whose fs port takes injected faults; both cleaned up after the test. */
async function serviceOnFaultyDisk(saveRetryMs: number) {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  const fs = faultyFs(nodeFs, []);
  const { client, service } = diskService(t.dir, { fs, overrides: { saveRetryMs } });
  cleanups.push(() => service.dispose());
  return { t, fs, client };
}

describe('service over a failing disk', () => {
  const cases: [string, { op: 'write' | 'open' | 'rename'; code: string; match?: RegExp }, string][] = [
    ['disk full', { op: 'write', code: 'ENOSPC' }, 'store.disk-full'],
    ['read-only folder (EACCES)', { op: 'open', code: 'EACCES', match: /\.tmp$/ }, 'store.read-only'],
    ['rename refused (EPERM)', { op: 'rename', code: 'EPERM' }, 'store.file-locked'],
  ];
  for (const [label, fault, code] of cases) {
    it(`${label}: edit kept in memory as 'unsaved', old file untouched, retried once the disk is back`, async () => {
      const { t, fs, client } = await serviceOnFaultyDisk(40);
      const v0 = must(await client.call('sessions.create', { name: '原名' }));
      const file = path.join(t.dir, 'sessions', v0.session.id, 'session.json');
      const before = await readFile(file);
      fs.faults.push(fault);
      const v1 = must(
        await client.call('sessions.rename', { sessionId: v0.session.id, revision: v0.revision, name: '新名' }),
      );
      expect(v1.save.state).toBe('unsaved');
      expect(v1.save.error?.code).toBe(code);
      expect(v1.save.savedRevision).toBe(v0.revision);
      expect(v1.session.name).toBe('新名');
      expect(Buffer.compare(await readFile(file), before)).toBe(0);
      expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      // Edits go on while unsaved; each one is kept.
      const v2 = must(
        await client.call('sessions.rename', { sessionId: v0.session.id, revision: v1.revision, name: '再改' }),
      );
      expect(v2.save.state).toBe('unsaved');
      const manual = must(await client.call('sessions.save', { sessionId: v0.session.id }));
      expect(manual.state).toBe('unsaved');
      fs.faults.length = 0;
      // The automatic retry lands it.
      let st = must(await client.call('sessions.state', { sessionId: v0.session.id }));
      for (let i = 0; i < 50 && st.save.state !== 'saved'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        st = must(await client.call('sessions.state', { sessionId: v0.session.id }));
      }
      expect(st.save.state).toBe('saved');
      expect(st.save.savedRevision).toBe(v2.revision);
      const onDisk = JSON.parse(await readFile(file, 'utf8'));
      expect(onDisk.name).toBe('再改');
      expect(onDisk.$store.revision).toBe(v2.revision);
    });
  }

  it('a session cannot be closed (deleted) while a change is unsaved', async () => {
    const { fs, client } = await serviceOnFaultyDisk(60_000);
    const v0 = must(await client.call('sessions.create', { name: '会议' }));
    fs.faults.push({ op: 'write', code: 'ENOSPC' });
    must(await client.call('sessions.rename', { sessionId: v0.session.id, revision: v0.revision, name: '未保存' }));
    const del = await client.call('sessions.delete', { sessionId: v0.session.id });
    expect(!del.ok && del.error.code).toBe('store.save-failed');
    expect(must(await client.call('sessions.state', { sessionId: v0.session.id })).session.name).toBe('未保存');
  });
});

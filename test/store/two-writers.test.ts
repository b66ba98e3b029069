// S8: every change goes through one owner with a revision number. Two windows on one service:
// of ten edits sent with the same revision exactly one wins, the rest are refused with a message
// and nothing is silently lost. Two processes on one folder: the second opens read-only.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diskService, must, useTempDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('S8 two writers', () => {
  const t = useTempDir();

  it('concurrent edits with one revision: exactly one applied, the others refused as stale', async () => {
    const { client, service } = diskService(path.join(t.dir, 'a'));
    try {
      const v0 = must(await client.call('sessions.create', { name: '会议' }));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.call('sessions.rename', { sessionId: v0.session.id, revision: v0.revision, name: `窗口 ${i}` }),
        ),
      );
      const wins = results.filter((r) => r.ok);
      const stale = results.filter((r) => !r.ok && r.error.code === 'store.stale-revision');
      expect(wins).toHaveLength(1);
      expect(stale).toHaveLength(9);
      const winner = wins[0].ok ? wins[0].value : undefined;
      const st = must(await client.call('sessions.state', { sessionId: v0.session.id }));
      expect(st.session.name).toBe(winner!.session.name);
      expect(st.revision).toBe(v0.revision + 1);
      const disk = JSON.parse(await readFile(path.join(t.dir, 'a', 'sessions', v0.session.id, 'session.json'), 'utf8'));
      expect(disk.name).toBe(winner!.session.name);
    } finally {
      await service.dispose();
    }
  });

  it('a second process opens a held session read-only; after the owner is gone it can edit', async () => {
    const dataDir = path.join(t.dir, 'b');
    const first = diskService(dataDir);
    const v0 = must(await first.client.call('sessions.create', { name: '共享会议' }));
    await first.service.dispose(); // releases ownership
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'fixtures', 'hold-session.ts'), dataDir, v0.session.id],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const line = await new Promise<string>((resolve) =>
        child.stdout.once('data', (d) => resolve(d.toString().trim())),
      );
      expect(line).toBe('held');
      const second = diskService(dataDir);
      const o = must(await second.client.call('sessions.open', { sessionId: v0.session.id }));
      if (o.status !== 'open') throw new Error('expected open');
      expect(o.view.readOnly?.code).toBe('store.owned-elsewhere');
      expect(o.view.readOnly?.message).toContain('只读');
      const e = await second.client.call('sessions.rename', {
        sessionId: v0.session.id,
        revision: o.view.revision,
        name: '抢写',
      });
      expect(!e.ok && e.error.code).toBe('store.read-only');
      await second.service.dispose();
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const third = diskService(dataDir);
    const o = must(await third.client.call('sessions.open', { sessionId: v0.session.id }));
    if (o.status !== 'open') throw new Error('expected open');
    expect(o.view.readOnly).toBeUndefined();
    expect(
      must(
        await third.client.call('sessions.rename', {
          sessionId: v0.session.id,
          revision: o.view.revision,
          name: '接手',
        }),
      ).save.state,
    ).toBe('saved');
    await third.service.dispose();
  }, 30_000);
});

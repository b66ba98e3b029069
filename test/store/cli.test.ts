// The shells: `huibian serve` prints exactly one line (the URL with the token in the fragment),
// answers on it, and stops cleanly on SIGTERM; `huibian session` lists, snapshots, restores,
// exports and imports through the same service.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskService, must, tempDir } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('huibian serve / session', () => {
  let t: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(() => t.cleanup());

  it('serve prints one line with the URL and token, answers, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), 'serve', '--data', path.join(t.dir, 'serve')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    for (let i = 0; i < 200 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{40,})\n$/.exec(out);
    expect(m, out).toBeTruthy();
    const res = await fetch(`http://127.0.0.1:${m![1]}/rpc/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${m![2]}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.value.transport).toBe('http');
    expect(
      (
        await fetch(`http://127.0.0.1:${m![1]}/rpc/app.info`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('session list / snapshots / restore / export / import', async () => {
    const dataDir = path.join(t.dir, 'cli');
    const { client, service } = diskService(dataDir, { overrides: { snapshotEveryMs: 0 } });
    const v0 = must(await client.call('sessions.create', { name: '命令行会议' }));
    must(await client.call('sessions.rename', { sessionId: v0.session.id, revision: v0.revision, name: '改过的名字' }));
    await service.dispose();
    const id = v0.session.id;
    const list = cli(['session', 'list', '--data', dataDir]);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`${id}\t`);
    expect(list.stdout).toContain('改过的名字');
    const snaps = cli(['session', 'snapshots', id, '--data', dataDir]);
    expect(snaps.status).toBe(0);
    const snapId = snaps.stdout.split('\n')[0].split('\t')[0];
    expect(snaps.stdout).toContain('命令行会议');
    const restore = cli(['session', 'restore', id, snapId, '--data', dataDir]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('已恢复：命令行会议');
    const zip = path.join(t.dir, '会议包.zip');
    const exp = cli(['session', 'export', id, zip, '--data', dataDir]);
    expect(exp.status, exp.stderr).toBe(0);
    const imp = cli(['session', 'import', zip, '--data', path.join(t.dir, 'other-pc')]);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('已导入为新会议');
    const bad = cli(['session', 'restore', id, 'no-such-snapshot', '--data', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('store.snapshot-not-found');
    expect(cli(['session', 'frobnicate', '--data', dataDir]).status).toBe(2);
  }, 120_000);
});

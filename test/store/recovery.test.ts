// S2: every kind of damaged session.json is moved aside untouched (never overwritten with
// defaults), the newest good snapshot is offered with a clear message, and restoring it works end
// to end — through a fresh service, as after a crash and restart.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskService, must, useTempDir } from './helpers';

const enc = new TextEncoder();

async function prepared(dataDir: string) {
  const { client, service } = diskService(dataDir, { overrides: { snapshotEveryMs: 0 } });
  const v0 = must(await client.call('sessions.create', { name: '第九次会议' }));
  const v1 = must(
    await client.call('sessions.rename', { sessionId: v0.session.id, revision: v0.revision, name: '第九次会议（改）' }),
  );
  const v2 = must(
    await client.call('sections.create', { sessionId: v0.session.id, revision: v1.revision, title: '调研报告' }),
  );
  await service.dispose();
  return { id: v0.session.id, last: v2 };
}

const damages: [string, (good: Uint8Array) => Uint8Array, string][] = [
  ['empty', () => new Uint8Array(0), 'store.session-empty'],
  ['all NUL bytes', (g) => new Uint8Array(g.length), 'store.session-nul'],
  ['truncated', (g) => g.subarray(0, Math.floor(g.length / 2)), 'store.session-truncated'],
  ['not JSON', () => enc.encode('这不是 JSON'), 'store.session-not-json'],
  ['BOM + damaged', (g) => new Uint8Array([0xef, 0xbb, 0xbf, ...g.subarray(0, 40)]), 'store.session-truncated'],
  [
    'valid JSON failing the schema',
    () => enc.encode(JSON.stringify({ schemaVersion: 1, id: 'x', name: '', date: 'yesterday' })),
    'store.session-invalid',
  ],
];

describe('S2 damaged session files', () => {
  const t = useTempDir();

  for (const [label, damage, code] of damages) {
    it(`${label}: moved aside, snapshot offered, restore works`, async () => {
      const dataDir = path.join(t.dir, label.replace(/\W+/g, '-'));
      const { id, last } = await prepared(dataDir);
      const dir = path.join(dataDir, 'sessions', id);
      const file = path.join(dir, 'session.json');
      const bad = damage(new Uint8Array(await readFile(file)));
      await writeFile(file, bad);

      const { client, service } = diskService(dataDir);
      try {
        const list = must(await client.call('sessions.list', {}));
        expect(list.find((s) => s.id === id)?.damaged).toBe(true);
        const o = must(await client.call('sessions.open', { sessionId: id }));
        expect(o.status).toBe('recovery');
        if (o.status !== 'recovery') return;
        expect(o.code).toBe(code);
        expect(o.message).toContain('已损坏');
        expect(o.message).toContain('快照');
        // The damaged bytes are kept exactly, under the new name; nothing was written in their place.
        expect(Buffer.compare(await readFile(path.join(dir, o.movedTo!)), Buffer.from(bad))).toBe(0);
        expect((await readdir(dir)).includes('session.json')).toBe(false);
        expect(o.snapshots.length).toBeGreaterThan(0);
        const newest = o.snapshots[0];
        expect(newest.name).toBe('第九次会议（改）');
        // Edits are refused until a snapshot is restored.
        const edit = await client.call('sessions.rename', { sessionId: id, revision: 0, name: 'x' });
        expect(!edit.ok && edit.error.code).toBe('store.session-damaged');
        const v = must(await client.call('snapshots.restore', { sessionId: id, snapshotId: newest.id }));
        expect(v.session.name).toBe('第九次会议（改）');
        expect(v.save.state).toBe('saved');
        expect(v.revision).toBeGreaterThan(newest.revision);
        const onDisk = JSON.parse(await readFile(file, 'utf8'));
        expect(onDisk.name).toBe('第九次会议（改）');
        expect(onDisk.$store.revision).toBe(v.revision);
        expect(last.revision).toBeGreaterThan(newest.revision);
      } finally {
        await service.dispose();
      }
    });
  }

  it('a BOM in front of a valid file: opens, backs the original up, notices the clerk', async () => {
    const dataDir = path.join(t.dir, 'bom-ok');
    const { id, last } = await prepared(dataDir);
    const dir = path.join(dataDir, 'sessions', id);
    const file = path.join(dir, 'session.json');
    const good = await readFile(file);
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]));
    const { client, service } = diskService(dataDir);
    try {
      const o = must(await client.call('sessions.open', { sessionId: id }));
      if (o.status !== 'open') throw new Error('expected open');
      expect(o.view.session.sections.map((s) => s.title)).toEqual(last.session.sections.map((s) => s.title));
      expect(o.view.notices?.[0].code).toBe('store.bom-removed');
      expect((await readdir(dir)).some((n) => n.startsWith('session.bom-'))).toBe(true);
      must(await client.call('sessions.rename', { sessionId: id, revision: o.view.revision, name: '去掉 BOM' }));
      expect((await readFile(file))[0]).toBe(0x7b);
    } finally {
      await service.dispose();
    }
  });

  it('a damaged file that cannot be moved aside is copied aside, or never written over', async () => {
    const { faultyFs, nodeFs } = await import('../../core/node/store/fs-port');
    for (const copyFails of [false, true]) {
      const dataDir = path.join(t.dir, `unmovable-${copyFails}`);
      const { id } = await prepared(dataDir);
      const file = path.join(dataDir, 'sessions', id, 'session.json');
      await writeFile(file, '{"truncated": ');
      // The move of session.json itself is refused; when copyFails, writing the copy is refused too.
      const base = faultyFs(nodeFs, copyFails ? [{ op: 'open', code: 'EACCES', match: /corrupt/ }] : []);
      const fs = {
        ...base,
        rename: async (a: string, b: string) => {
          if (a === file) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
          return base.rename(a, b);
        },
      };
      const { client, service } = diskService(dataDir, { fs });
      try {
        const o = must(await client.call('sessions.open', { sessionId: id }));
        if (o.status !== 'recovery') throw new Error('expected recovery');
        expect(o.movedTo === undefined).toBe(copyFails);
        const v = must(await client.call('snapshots.restore', { sessionId: id, snapshotId: o.snapshots[0].id }));
        if (copyFails) {
          expect(v.save.state).toBe('unsaved');
          expect(await readFile(file, 'utf8')).toBe('{"truncated": ');
        } else {
          expect(v.save.state).toBe('saved');
          expect(await readFile(path.join(dataDir, 'sessions', id, o.movedTo!), 'utf8')).toBe('{"truncated": ');
        }
      } finally {
        await service.dispose();
      }
    }
  });

  it('a stray temp file beside session.json is ignored', async () => {
    const dataDir = path.join(t.dir, 'stray');
    const { id, last } = await prepared(dataDir);
    await writeFile(path.join(dataDir, 'sessions', id, '.session.json.999.1.tmp'), '{"half":');
    const { client, service } = diskService(dataDir);
    try {
      const o = must(await client.call('sessions.open', { sessionId: id }));
      expect(o.status === 'open' && o.view.revision).toBe(last.revision);
    } finally {
      await service.dispose();
    }
  });
});

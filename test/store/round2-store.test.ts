// Issue 13, points 2 and 7 (store): stale temps are removed from every session subfolder on open;
// a session.json cut inside a multi-byte character reads "truncated", not "not UTF-8"; and
// sessions.list marks a wrong-shape (old-version) session.json damaged, as opening it does.
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifySessionBytes } from '../../core/node/store/classify';
import { diskService, must, useTempDir } from './helpers';

describe('issue 13 · store', () => {
  const t = useTempDir();

  it('removes stale temps in every session subfolder on open, and nothing else', async () => {
    const dataDir = path.join(t.dir, 'temps');
    const a = diskService(dataDir);
    const v = must(await a.client.call('sessions.create', { name: '第九次会议' }));
    await a.service.dispose();
    const dir = path.join(dataDir, 'sessions', v.session.id);
    const planted: string[] = [];
    const keep: string[] = [];
    for (const sub of ['', 'snapshots', 'files', 'bodies', 'outputs']) {
      await mkdir(path.join(dir, sub), { recursive: true });
      for (const n of [`.x.json.999999.${sub.length + 1}.tmp`, `.汇编.pdf.424242.a1b2c3d4.tmp`]) {
        const p = path.join(dir, sub, n);
        await writeFile(p, 'partial');
        planted.push(p);
      }
      // A temp of this very process, fresh: may be a write in flight, left alone.
      const own = path.join(dir, sub, `.y.json.${process.pid}.7.tmp`);
      await writeFile(own, 'in flight');
      keep.push(own);
      // Ordinary files that only look a bit like temps stay.
      const other = path.join(dir, sub, 'notes.tmp.txt');
      await writeFile(other, 'keep');
      keep.push(other);
    }
    // An old temp of this process is debris too.
    const oldOwn = path.join(dir, 'bodies', `.z.json.${process.pid}.9.tmp`);
    await writeFile(oldOwn, 'old');
    await utimes(oldOwn, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    planted.push(oldOwn);

    const b = diskService(dataDir);
    try {
      const o = must(await b.client.call('sessions.open', { sessionId: v.session.id }));
      expect(o.status).toBe('open');
      for (const p of planted) await expect(readFile(p), p).rejects.toThrow();
      for (const p of keep) expect((await readFile(p)).length, p).toBeGreaterThan(0);
      expect(await readdir(path.join(dir, 'snapshots'))).not.toContain('.x.json.999999.10.tmp');
    } finally {
      await b.service.dispose();
    }
  });

  it('a session.json cut inside a Chinese character is "truncated", not "not UTF-8"', () => {
    const text = JSON.stringify({ schemaVersion: 1, id: 's', name: '第九次会议汇编材料' });
    const bytes = new TextEncoder().encode(text);
    const cut = bytes.indexOf(0xe4, 20); // the first byte of a three-byte character
    for (const n of [cut + 1, cut + 2]) {
      const c = classifySessionBytes(bytes.subarray(0, n));
      expect(c.ok).toBe(false);
      if (!c.ok) {
        expect(c.code).toBe('store.session-truncated');
        expect(c.why).toContain('截断');
      }
    }
    // Real non-UTF-8 (GBK) is still named as such.
    const gbk = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xb5, 0xda, 0xbe, 0xc5, 0x22, 0x7d]);
    const g = classifySessionBytes(gbk);
    expect(!g.ok && g.code).toBe('store.session-not-utf8');
  });

  it('sessions.list marks a wrong-shape older session.json damaged, as opening it does', async () => {
    const dataDir = path.join(t.dir, 'shape');
    const a = diskService(dataDir);
    const v = must(await a.client.call('sessions.create', { name: '第九次会议' }));
    await a.service.dispose();
    const file = path.join(dataDir, 'sessions', v.session.id, 'session.json');
    // No schemaVersion (so "version 0", migrated on open) and members of the wrong shape.
    await writeFile(
      file,
      JSON.stringify({ id: v.session.id, name: '旧会议', date: '2026-12-01', members: [{ nope: true }] }),
    );
    const b = diskService(dataDir);
    try {
      const list = must(await b.client.call('sessions.list', {}));
      expect(list.find((s) => s.id === v.session.id)?.damaged).toBe(true);
      const o = must(await b.client.call('sessions.open', { sessionId: v.session.id }));
      expect(o.status).toBe('recovery');
    } finally {
      await b.service.dispose();
    }
  });
});

// S6: the snapshot ring stays bounded — the newest 20 plus the newest of each of the last 7
// days — and ids from the wire can't point outside the snapshots folder.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_RECENT } from '../../core/node/store/snapshots';
import { DiskSessionStore } from '../../core/node/store/session-store';
import { nodeFs } from '../../core/node/store/fs-port';
import { sessionDoc, must, useTempDir } from './helpers';

describe('S6 snapshot ring', () => {
  const t = useTempDir();

  it('keeps the newest 20 and one a day for a week', async () => {
    let now = Date.parse('2026-11-18T09:00:00Z');
    const store = new DiskSessionStore({ dataDir: t.dir, fs: nodeFs, now: () => new Date(now) });
    must(await store.create('ring', sessionDoc('ring', '会议')));
    // Ten days, six snapshots a day, two hours apart.
    for (let day = 0; day < 10; day++) {
      for (let k = 0; k < 6; k++) {
        must(await store.snapshot('ring', sessionDoc('ring', `第${day}天-${k}`), day * 10 + k, 'auto'));
        now += 2 * 3600_000;
      }
      now += 12 * 3600_000;
    }
    const list = must(await store.snapshots('ring'));
    const files = await readdir(path.join(t.dir, 'sessions', 'ring', 'snapshots'));
    expect(files).toHaveLength(list.length);
    // Newest 20 cover the last ~3.3 days; the days back to exactly 7 days ago keep their newest.
    expect(list.slice(0, KEEP_RECENT).map((s) => s.name)[0]).toBe('第9天-5');
    const older = list.slice(KEEP_RECENT).map((s) => s.name);
    expect(older).toEqual(['第5天-5', '第4天-5', '第3天-5', '第2天-5']);
    expect(list.length).toBe(24);
    // Restore reads what was written.
    const r = must(await store.readSnapshot('ring', list[KEEP_RECENT].id));
    expect(r.session.name).toBe('第5天-5');
    expect(r.revision).toBe(55);
  });

  it('refuses snapshot ids that are not snapshot names', async () => {
    const store = new DiskSessionStore({ dataDir: t.dir, fs: nodeFs });
    for (const id of ['../session', '../../recent', '20261118T090000000-r00000001-auto-abc/../../x']) {
      const r = await store.readSnapshot('ring', id);
      expect(!r.ok && r.error.code).toBe('store.snapshot-not-found');
    }
    const bad = await store.open('../ring');
    expect(!bad.ok && bad.error.code).toBe('store.session-not-found');
  });
});

// Contract suite cases (sessions), run by contractSuite in suite.ts over every transport.
// Sessions as a whole: create and refuse, snapshots, bundles, the trash, duplicate and close.
import { expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { file, md, must, enc, type SuiteContext } from './suite-kit';

export function sessionCases(s: SuiteContext): void {
  it('creates a blank session with the usual sections and lists it', async () => {
    const v = await s.newSession('政协××市第十三届委员会常务委员会第九次会议');
    expect(v.session.sections.map((s) => s.title)).toEqual(['大会发言', '书面发言', '调研报告']);
    expect(v.save.state).toBe('saved');
    expect(v.history.canUndo).toBe(false);
    const list = must(await s.c.call('sessions.list', {}));
    expect(list.some((s) => s.id === v.session.id && s.name === v.session.name)).toBe(true);
    const opened = must(await s.c.call('sessions.open', { sessionId: v.session.id }));
    expect(opened.status).toBe('open');
  });

  it('refuses bad input and unknown sessions with stable codes', async () => {
    const bad = await s.c.call('sessions.create', { name: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('contract.bad-input');
    const missing = await s.c.call('sessions.state', { sessionId: 'no-such-session' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('store.session-not-found');
    const unknown = await (s.c.call as (n: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
      'nope.nothing',
      {},
    );
    expect(unknown.ok).toBe(false);
    expect(unknown.error?.code).toBe('contract.unknown-call');
  });

  it('lists and restores snapshots', async () => {
    const v0 = await s.newSession('快照会议');
    const id = v0.session.id;
    const v1 = must(await s.c.call('sessions.rename', { sessionId: id, revision: v0.revision, name: '改名之后' }));
    const snaps = must(await s.c.call('snapshots.list', { sessionId: id }));
    expect(snaps.length).toBeGreaterThanOrEqual(1);
    const before = snaps.find((s) => s.name === '快照会议');
    expect(before).toBeTruthy();
    const restored = must(
      await s.c.call('snapshots.restore', { sessionId: id, snapshotId: before!.id, revision: v1.revision }),
    );
    expect(restored.session.name).toBe('快照会议');
    expect(restored.revision).toBe(v1.revision + 1);
    const manual = must(await s.c.call('snapshots.create', { sessionId: id }));
    expect(manual.reason).toBe('manual');
    expect(manual.revision).toBe(restored.revision);
    expect(must(await s.c.call('snapshots.list', { sessionId: id }))[0].id).toBe(manual.id);
    const missing = await s.c.call('snapshots.restore', {
      sessionId: id,
      snapshotId: 'nope',
      revision: restored.revision,
    });
    expect(!missing.ok && missing.error.code).toBe('store.snapshot-not-found');
  });

  it('exports a bundle and imports it as a new session', async () => {
    const v0 = await s.newSession('打包会议');
    const id = v0.session.id;
    const imp = await s.importInto(v0, [file('x.md', md('打包材料', '市政协常委 甲'))]);
    const out = must(await s.c.call('bundle.export', { sessionId: id }));
    expect(out.name).toMatch(/\.zip$/);
    const bytes = await s.h.fetchOutput(out);
    expect(bytes.length).toBe(out.size);
    const names = Object.keys(unzipSync(bytes));
    expect(names).toContain('session.json');
    expect(names).toContain(imp.session.submissions[0].source.file);
    const back = must(await s.c.call('bundle.import', { file: file(out.name, bytes) }));
    expect(back.id).not.toBe(id);
    expect(back.submissionCount).toBe(1);
    const opened = must(await s.c.call('sessions.open', { sessionId: back.id }));
    if (opened.status !== 'open') throw new Error('expected open');
    const doc = must(
      await s.c.call('submissions.preview', {
        sessionId: back.id,
        submissionId: opened.view.session.submissions[0].id,
      }),
    );
    expect(JSON.stringify(doc)).toContain('正文第一段');
    const hostile = await s.c.call('bundle.import', { file: file('x.zip', enc.encode('PK\u0003\u0004 not really')) });
    expect(!hostile.ok && hostile.error.code).toBe('bundle.invalid');
  });

  it('deletes to the trash, restores and empties it', async () => {
    const v0 = await s.newSession('要删除的会议');
    const id = v0.session.id;
    const t = must(await s.c.call('sessions.delete', { sessionId: id }));
    expect(must(await s.c.call('sessions.list', {})).some((s) => s.id === id)).toBe(false);
    expect(must(await s.c.call('sessions.trash.list', {})).some((x) => x.trashId === t.trashId)).toBe(true);
    const back = must(await s.c.call('sessions.trash.restore', { trashId: t.trashId }));
    expect(back.name).toBe('要删除的会议');
    const t2 = must(await s.c.call('sessions.delete', { sessionId: back.id }));
    const emptied = must(await s.c.call('sessions.trash.empty', { trashIds: [t2.trashId] }));
    expect(emptied.removed).toBe(1);
    expect(must(await s.c.call('sessions.trash.list', {})).some((x) => x.trashId === t2.trashId)).toBe(false);
  });

  it('duplicates a session with its sources, and closes one', async () => {
    const v0 = await s.newSession('原会议');
    const id = v0.session.id;
    await s.importInto(v0, [file('d.md', md('复制材料', '市政协常委 乙'))]);
    const dup = must(await s.c.call('sessions.duplicate', { sessionId: id }));
    expect(dup.name).toBe('原会议（副本）');
    expect(dup.submissionCount).toBe(1);
    const o = must(await s.c.call('sessions.open', { sessionId: dup.id }));
    if (o.status !== 'open') throw new Error('expected open');
    const doc = must(
      await s.c.call('submissions.preview', { sessionId: dup.id, submissionId: o.view.session.submissions[0].id }),
    );
    expect(JSON.stringify(doc)).toContain('正文第一段');
    expect(must(await s.c.call('sessions.close', { sessionId: dup.id })).closed).toBe(true);
    // Opening again after a close reads it back from the store.
    const again = must(await s.c.call('sessions.open', { sessionId: dup.id }));
    expect(again.status === 'open' && again.view.session.submissions).toHaveLength(1);
  });
}

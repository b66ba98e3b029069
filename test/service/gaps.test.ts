// Service gaps the UI needs, through the contract on the in-memory service: snapshots every 20 edits
// and before destructive edits (ring kept bounded), words and current pages in submissions.list,
// stats counting a member as received like the intake board does, and submissions.source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, CompileJob, SessionView } from '../../core/contract';
import { createDispatcher, createLocalClient } from '../../core/contract';
import { createService } from '../../core/service/service';
import { ManualClock, memoryPorts } from '../../core/service/memory-ports';
import { SNAPSHOT_EVERY_EDITS } from '../../core/service/session-owner';
import { countWords, documentText } from '../../core/model/document';
import { testCompiler } from '../contract/test-compiler';
import { file, md } from '../contract/suite';
import { diskService } from '../store/helpers';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { must } from '../helpers/result';

const clock = new ManualClock();
const ports = memoryPorts({ clock });
ports.compiler = testCompiler(ports.outputs);
const service = createService(ports);
const c: Client = createLocalClient(createDispatcher(service));

async function session(name: string, files: [string, string, string][] = [], placed = true): Promise<SessionView> {
  const v = must(await c.call('sessions.create', { name, date: '2026-12-01' }));
  if (!files.length) return v;
  return must(
    await c.call('submissions.import', {
      sessionId: v.session.id,
      revision: v.revision,
      ...(placed ? { sectionId: v.session.sections[0].id } : {}),
      files: files.map(([n, title, author], i) =>
        file(n, md(title, author, `第${i + 1}篇的正文，共有若干文字。`.repeat(i + 2))),
      ),
    }),
  );
}
/** Sorts the view's first section by date received: a destructive edit, so it snapshots first. */
const sortFirstSection = async (client: Client, v: SessionView): Promise<SessionView> =>
  must(
    await client.call('sections.sort', {
      sessionId: v.session.id,
      revision: v.revision,
      sectionId: v.session.sections[0].id,
      rule: 'received',
    }),
  );
const reasons = async (id: string) => must(await c.call('snapshots.list', { sessionId: id })).map((s) => s.reason);

describe('service gaps for the UI', () => {
  afterAll(() => service.dispose());

  describe('snapshots', () => {
    let v: SessionView;
    let id = '';
    beforeAll(async () => {
      v = await session('快照会议', [
        ['a.md', '甲文', '市政协常委 甲'],
        ['b.md', '乙文', '市政协常委 乙'],
        ['c.md', '丙文', '市政协常委 丙'],
      ]);
      id = v.session.id;
    });

    it('takes one after every 20 saved edits even within the 5-minute interval', async () => {
      const start = (await reasons(id)).length;
      // The clock stands still: only the edit count can trigger a snapshot.
      for (let i = 0; i < SNAPSHOT_EVERY_EDITS * 2 + 1; i++)
        v = must(await c.call('sessions.rename', { sessionId: id, revision: v.revision, name: `快照会议 ${i}` }));
      const now = await reasons(id);
      expect(now.length - start).toBe(2);
      expect(now.slice(0, 2)).toEqual(['edits', 'edits']);
      // Each holds the state before the edit that triggered it.
      const snaps = must(await c.call('snapshots.list', { sessionId: id }));
      expect(snaps[0].name).toMatch(/^快照会议 \d+$/);
    });

    it('takes one before removing an item, a section, sorting, and imports — with the state before', async () => {
      const before = must(await c.call('snapshots.list', { sessionId: id })).length;
      const victim = v.session.submissions[0].id;
      v = must(await c.call('submissions.remove', { sessionId: id, revision: v.revision, submissionIds: [victim] }));
      let snaps = must(await c.call('snapshots.list', { sessionId: id }));
      expect(snaps[0].reason).toBe('before-change');
      expect(snaps[0].submissionCount).toBe(3);
      const restoredView = must(
        await c.call('snapshots.restore', { sessionId: id, snapshotId: snaps[0].id, revision: v.revision }),
      );
      expect(restoredView.session.submissions.map((s) => s.id)).toContain(victim);
      v = restoredView;
      v = await sortFirstSection(c, v);
      expect((await reasons(id))[0]).toBe('before-change');
      v = must(
        await c.call('sections.remove', { sessionId: id, revision: v.revision, sectionId: v.session.sections[1].id }),
      );
      expect((await reasons(id))[0]).toBe('before-change');
      v = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v.revision,
          files: [file('d.md', md('丁文', '市政协常委 丁'))],
        }),
      );
      expect((await reasons(id))[0]).toBe('before-import');
      snaps = must(await c.call('snapshots.list', { sessionId: id }));
      expect(snaps.length).toBeGreaterThan(Math.min(before, 19));
    });

    it('keeps the ring bounded however many destructive edits there are', async () => {
      for (let i = 0; i < 25; i++) v = await sortFirstSection(c, v);
      expect(must(await c.call('snapshots.list', { sessionId: id })).length).toBeLessThanOrEqual(20);
    });

    it('keeps the ring bounded on disk too (last 20 + one a day), destructive snapshots included', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'huibian-snap-'));
      const d = diskService(dataDir);
      try {
        let dv = must(await d.client.call('sessions.create', { name: '磁盘快照', date: '2026-12-01' }));
        const sid = dv.session.id;
        dv = must(
          await d.client.call('submissions.import', {
            sessionId: sid,
            revision: dv.revision,
            sectionId: dv.session.sections[0].id,
            files: [file('a.md', md('甲', '市政协常委 甲')), file('b.md', md('乙', '市政协常委 乙'))],
          }),
        );
        for (let i = 0; i < 24; i++) dv = await sortFirstSection(d.client, dv);
        const snaps = must(await d.client.call('snapshots.list', { sessionId: sid }));
        expect(snaps.length).toBe(20);
        expect(snaps[0].reason).toBe('before-change');
        const files = readdirSync(join(dataDir, 'sessions', sid), { recursive: true })
          .map(String)
          .filter((f) => /snapshot/i.test(f) && f.endsWith('.json'));
        expect(files.length).toBe(20);
      } finally {
        await d.service.dispose();
      }
    });

    it('still takes the periodic one when the interval has passed', async () => {
      v = must(await c.call('sessions.rename', { sessionId: id, revision: v.revision, name: '快照会议·间隔前' }));
      clock.advance(5 * 60_000 + 1);
      v = must(await c.call('sessions.rename', { sessionId: id, revision: v.revision, name: '快照会议·间隔后' }));
      const snaps = must(await c.call('snapshots.list', { sessionId: id }));
      expect(snaps[0].reason).toBe('auto');
      expect(snaps[0].name).toBe('快照会议·间隔前');
    });
  });

  it('lists words per item, and pages only from a compile of the current revision', async () => {
    const v = await session('字数会议', [
      ['a.md', '甲文', '市政协常委 甲'],
      ['b.md', '乙文', '市政协常委 乙'],
    ]);
    const id = v.session.id;
    let list = must(await c.call('submissions.list', { sessionId: id }));
    for (const s of list) {
      const doc = must(await c.call('submissions.preview', { sessionId: id, submissionId: s.id }));
      expect(s.words).toBe(countWords(documentText(doc)));
      expect(s.words).toBeGreaterThan(10);
      expect(s.pages).toBeUndefined();
    }
    expect(list[0].words).not.toBe(list[1].words);
    const job = must(await c.call('compile.start', { sessionId: id, formats: ['pdf'] }));
    let status: CompileJob | null = job;
    for (let i = 0; i < 400 && status && (status.state === 'running' || status.state === 'queued'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = must(await c.call('compile.status', { jobId: job.jobId }));
    }
    expect(status?.state).toBe('done');
    list = must(await c.call('submissions.list', { sessionId: id }));
    for (const s of list) expect(s.pages).toBe(status!.result!.items.find((x) => x.submissionId === s.id)!.pageCount);
    // An edit makes those pages stale: they are left out rather than shown as current.
    must(
      await c.call('sessions.rename', {
        sessionId: id,
        revision: (await c.call('sessions.state', { sessionId: id }).then(must)).revision,
        name: '字数会议（改）',
      }),
    );
    list = must(await c.call('submissions.list', { sessionId: id }));
    expect(list.every((s) => s.pages === undefined && typeof s.words === 'number')).toBe(true);
  });

  it('counts a member as received when any submission exists, placed or not, and lists the unplaced', async () => {
    let v = await session('统计会议');
    const id = v.session.id;
    for (const name of ['张三', '李四', '王五'])
      v = must(
        await c.call('roster.add', {
          sessionId: id,
          revision: v.revision,
          member: { name, sector: '经济界', title: '', unit: '', standing: true },
        }),
      );
    const [m1, m2] = v.session.members;
    v = must(
      await c.call('submissions.import', {
        sessionId: id,
        revision: v.revision,
        sectionId: v.session.sections[0].id,
        files: [file('p.md', md('已编入', '张三'))],
      }),
    );
    // Imports are placed by kind now (issue 10); a 提案 has no section in a blank session, so it stays unplaced.
    v = must(
      await c.call('submissions.import', {
        sessionId: id,
        revision: v.revision,
        files: [file('提案/u.md', md('未编入', '李四'))],
      }),
    );
    const [placed, unplaced] = v.session.submissions;
    for (const [sub, member] of [
      [placed, m1],
      [unplaced, m2],
    ] as const)
      v = must(
        await c.call('submissions.update', {
          sessionId: id,
          revision: v.revision,
          submissionId: sub.id,
          patch: { memberIds: [member.id] },
        }),
      );
    const st = must(await c.call('stats.get', { sessionId: id }));
    expect(st.members.expected).toBe(3);
    expect(st.members.received).toBe(2);
    expect(st.members.missing.map((m) => m.name)).toEqual(['王五']);
    expect(st.members.receivedUnplaced.map((m) => m.name)).toEqual(['李四']);
    expect(st.totals.items).toBe(1);
    expect(st.totals.unplaced).toBe(1);
    expect(st.unplacedItems.map((x) => x.title)).toEqual(['未编入']);
  });

  it('serves the stored source file of an item, and names a missing one', async () => {
    const v = await session('原件会议', [['发言稿.md', '原件材料', '市政协常委 甲']]);
    const id = v.session.id;
    const sub = v.session.submissions[0];
    const src = must(await c.call('submissions.source', { sessionId: id, submissionId: sub.id }));
    expect(src.url).toMatch(new RegExp(`^/files/${id}/`));
    expect(src.name.endsWith('.md')).toBe(true);
    expect(src.originalName).toBe('发言稿.md');
    const served = must(await ports.outputs.read(id, src.name));
    const stored = must(await ports.files.get(id, sub.source.file));
    expect(served).toEqual(stored);
    expect(new TextDecoder().decode(served)).toContain('原件材料');
    const nope = await c.call('submissions.source', { sessionId: id, submissionId: 'no-such-item' });
    expect(!nope.ok && nope.error.code).toBe('not-found');
    // A stored file that vanished: a clear message naming the item, not a crash.
    ports.mem.files.delete(`${id}/${sub.source.file}`);
    const gone = await c.call('submissions.source', { sessionId: id, submissionId: sub.id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) {
      expect(gone.error.code).toBe('file.not-found');
      expect(gone.error.message).toContain('原件材料');
    }
  });

  it('keeps a cancelled print run as stopping until its producer has really ended (no race on one file)', async () => {
    const p2 = memoryPorts({ clock: new ManualClock() });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    // A producer that, like the real one, notices the signal only after a step it cannot interrupt.
    p2.printer = {
      async produce(sessionId) {
        started();
        await released;
        const f = must(await p2.outputs.write(sessionId, '汇编-小册子.pdf', new Uint8Array([37, 80, 68, 70])));
        return { ok: true, value: { files: [f], pages: 4, warnings: [], ms: 1 } };
      },
    };
    const s2 = createService(p2);
    const c2: Client = createLocalClient(createDispatcher(s2));
    try {
      let v = must(await c2.call('sessions.create', { name: '取消收尾' }));
      v = must(
        await c2.call('submissions.import', {
          sessionId: v.session.id,
          revision: v.revision,
          sectionId: v.session.sections[0].id,
          files: [file('a.md', md('甲', '市政协常委 甲'))],
        }),
      );
      const id = v.session.id;
      const pending = c2.call('export.print', { sessionId: id, as: 'booklet', exportId: 'slow-1' });
      await running;
      expect(must(await c2.call('export.cancel', { exportId: 'slow-1' })).cancelled).toBe(1);
      const during = await c2.call('export.print', { sessionId: id, as: 'booklet' });
      expect(during.ok).toBe(false);
      if (!during.ok) {
        expect(during.error.code).toBe('export.busy');
        expect(during.error.message).toContain('正在停止');
      }
      // A second cancel finds nothing left to cancel.
      expect(must(await c2.call('export.cancel', { sessionId: id })).cancelled).toBe(0);
      release();
      const r = await pending;
      expect(!r.ok && r.error.code).toBe('export.cancelled');
      expect((await c2.call('export.print', { sessionId: id, as: 'booklet' })).ok).toBe(true);
    } finally {
      await s2.dispose();
    }
  });
});

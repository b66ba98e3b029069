// Contract cases for the clerk's bulk actions and the kept import report, run in memory and over
// HTTP (real disk store) like suite.ts: move several items, change their kind, delete to the trash
// and restore, each as ONE undo step; the last import report survives reopening the session.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createLocalClient,
  type Client,
  type OutputFile,
  type SessionView,
} from '../../core/contract';
import { toBase64 } from '../../core/bytes/base64';
import { startServer } from '../../core/node/http-server';
import { nodeSorter } from '../../core/node/ports';
import { memoryPorts } from '../../core/service/memory-ports';
import { createService } from '../../core/service/service';
import { fetchServed, httpClient } from './http-client';
import { file, md } from './suite';
import { must } from '../helpers/result';

interface H {
  client: Client;
  fetchOutput(file: OutputFile): Promise<Uint8Array>;
  reopen(sessionId: string): Promise<void>;
  cleanup(): Promise<void>;
}

function bulkSuite(name: string, make: () => Promise<H>) {
  describe(`bulk actions over ${name}`, () => {
    let h: H;
    let c: Client;
    beforeAll(async () => {
      h = await make();
      c = h.client;
    });
    afterAll(async () => h?.cleanup());

    /** A session with three items in 大会发言 and one unplaced. */
    async function setup(): Promise<{ v: SessionView; ids: string[]; secs: string[] }> {
      const v0 = must(await c.call('sessions.create', { name: '批量操作', date: '2026-12-01' }));
      const sid = v0.session.id;
      const secs = v0.session.sections.map((s) => s.id);
      const a = must(
        await c.call('submissions.import', {
          sessionId: sid,
          revision: v0.revision,
          sectionId: secs[0],
          files: [
            file('甲.md', md('甲篇', '市政协常委 丁建国')),
            file('乙.md', md('乙篇', '市政协常委 王五')),
            file('丙.md', md('丙篇', '市政协常委 李四')),
          ],
        }),
      );
      const b0 = must(
        await c.call('submissions.import', {
          sessionId: sid,
          revision: a.revision,
          files: [file('丁.md', md('丁篇', '市政协常委 孙喆'))],
        }),
      );
      // The importer files a speech under 大会发言 by itself: take the fourth one out again.
      const dId = b0.session.submissions[3].id;
      const b = must(
        await c.call('sections.moveItem', {
          sessionId: sid,
          revision: b0.revision,
          submissionId: dId,
          toSectionId: null,
        }),
      );
      return { v: b, ids: b.session.submissions.map((s) => s.id), secs };
    }

    it('moves several items to a section in one undoable step; a sorted section stays sorted', async () => {
      const { v, ids, secs } = await setup();
      const sid = v.session.id;
      const [a, b, cc, d] = ids;
      const moved = must(
        await c.call('submissions.moveMany', {
          sessionId: sid,
          revision: v.revision,
          submissionIds: [cc, d, a],
          toSectionId: secs[1],
        }),
      );
      expect(moved.revision).toBe(v.revision + 1);
      expect(moved.session.sections[0].items).toEqual([b]);
      expect(moved.session.sections[1].items).toEqual([cc, d, a]);
      expect(moved.history.undoLabel).toBe('移动 3 份材料');
      const undone = must(await c.call('history.undo', { sessionId: sid, revision: moved.revision }));
      expect(undone.session.sections[0].items).toEqual([a, b, cc]);
      expect(undone.session.sections[1].items).toEqual([]);
      // Into a section sorted by stroke: it stays in stroke order (丁 2, 王 4, 李 7, 孙 6 strokes).
      const sorted = must(
        await c.call('sections.sort', {
          sessionId: sid,
          revision: undone.revision,
          sectionId: secs[0],
          rule: 'stroke',
        }),
      );
      const all = must(
        await c.call('submissions.moveMany', {
          sessionId: sid,
          revision: sorted.revision,
          submissionIds: [d],
          toSectionId: secs[0],
        }),
      );
      const titles = all.session.sections[0].items.map(
        (id) => all.session.submissions.find((s) => s.id === id)!.authorLine,
      );
      expect(titles).toEqual(['市政协常委 丁建国', '市政协常委 王五', '市政协常委 孙喆', '市政协常委 李四']);
      expect(all.session.sections[0].sortRule).toBe('stroke');
      // Out of every section, and an unknown id refuses the whole call.
      const out = must(
        await c.call('submissions.moveMany', {
          sessionId: sid,
          revision: all.revision,
          submissionIds: [a, b],
          toSectionId: null,
        }),
      );
      expect(out.session.sections[0].items).toEqual([d, cc]);
      const bad = await c.call('submissions.moveMany', {
        sessionId: sid,
        revision: out.revision,
        submissionIds: [a, 'no-such'],
        toSectionId: secs[1],
      });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toContain('no-such');
      const empty = await c.call('submissions.moveMany', {
        sessionId: sid,
        revision: out.revision,
        submissionIds: [],
        toSectionId: secs[1],
      });
      expect(!empty.ok && empty.error.code).toBe('contract.bad-input');
    });

    it('changes the kind (and marks reviewed) of several items in one step', async () => {
      const { v, ids } = await setup();
      const sid = v.session.id;
      const r = must(
        await c.call('submissions.updateMany', {
          sessionId: sid,
          revision: v.revision,
          submissionIds: [ids[0], ids[3]],
          patch: { kind: 'report' },
        }),
      );
      expect(r.session.submissions.map((s) => s.kind)).toEqual(['report', 'speech', 'speech', 'report']);
      const reviewed = must(
        await c.call('submissions.updateMany', {
          sessionId: sid,
          revision: r.revision,
          submissionIds: ids,
          patch: { status: 'ok', reviewReasons: [] },
        }),
      );
      expect(reviewed.session.submissions.every((s) => s.status === 'ok' && s.reviewReasons?.length === 0)).toBe(true);
      const undone = must(await c.call('history.undo', { sessionId: sid, revision: reviewed.revision }));
      expect(undone.session.submissions.map((s) => s.kind)).toEqual(['report', 'speech', 'speech', 'report']);
      const nothing = await c.call('submissions.updateMany', {
        sessionId: sid,
        revision: undone.revision,
        submissionIds: ids,
        patch: {},
      });
      expect(!nothing.ok && nothing.error.code).toBe('contract.bad-input');
    });

    it('deletes to the trash and restores items to their places; each is one undo step', async () => {
      const { v, ids, secs } = await setup();
      const sid = v.session.id;
      const [a, b, cc, d] = ids;
      const t = must(
        await c.call('submissions.trash', { sessionId: sid, revision: v.revision, submissionIds: [a, cc, d] }),
      );
      expect(t.session.submissions.map((s) => s.id)).toEqual([b]);
      expect(t.session.sections[0].items).toEqual([b]);
      const list = must(await c.call('submissions.trash.list', { sessionId: sid }));
      expect(list.map((x) => [x.title, x.sectionTitle ?? null])).toEqual([
        ['甲篇', '大会发言'],
        ['丙篇', '大会发言'],
        ['丁篇', null],
      ]);
      // One undo brings all three back, one redo deletes them again.
      const u = must(await c.call('history.undo', { sessionId: sid, revision: t.revision }));
      expect(u.session.sections[0].items).toEqual([a, b, cc]);
      expect(u.session.trash ?? []).toEqual([]);
      const r = must(await c.call('history.redo', { sessionId: sid, revision: u.revision }));
      expect(r.session.submissions).toHaveLength(1);
      // Restore two of them: back at their old places, in order; the third stays in the trash.
      const back = must(
        await c.call('submissions.trash.restore', { sessionId: sid, revision: r.revision, submissionIds: [cc, a] }),
      );
      expect(back.session.sections[0].items).toEqual([a, b, cc]);
      expect(back.session.trash?.map((x) => x.submission.id)).toEqual([d]);
      expect(back.session.submissions.find((s) => s.id === a)!.title).toBe('甲篇');
      // A section deleted meanwhile: the item comes back unplaced, with a notice that says so.
      const t2 = must(
        await c.call('submissions.trash', { sessionId: sid, revision: back.revision, submissionIds: [b] }),
      );
      const gone = must(await c.call('sections.remove', { sessionId: sid, revision: t2.revision, sectionId: secs[0] }));
      const back2 = must(
        await c.call('submissions.trash.restore', { sessionId: sid, revision: gone.revision, submissionIds: [b] }),
      );
      expect(back2.session.sections.some((s) => s.items.includes(b))).toBe(false);
      expect(back2.notices?.map((x) => x.message).join('')).toContain('乙篇');
      const again = await c.call('submissions.trash.restore', {
        sessionId: sid,
        revision: back2.revision,
        submissionIds: [b],
      });
      expect(!again.ok && again.error.code).toBe('not-found');
      // The trash is part of the saved session: still there after reopening, and restorable.
      const t3 = must(
        await c.call('submissions.trash', { sessionId: sid, revision: back2.revision, submissionIds: [a] }),
      );
      await h.reopen(sid);
      expect(must(await c.call('submissions.trash.list', { sessionId: sid })).map((x) => x.submissionId)).toEqual([
        a,
        d,
      ]);
      const back3 = must(
        await c.call('submissions.trash.restore', { sessionId: sid, revision: t3.revision, submissionIds: [a] }),
      );
      expect(back3.session.submissions.some((s) => s.id === a)).toBe(true);
      expect(
        must(await c.call('submissions.preview', { sessionId: sid, submissionId: a })).blocks.length,
      ).toBeGreaterThan(0);
      // A bundle carries the live items; the trash (whose sources it does not carry) stays behind.
      const out = must(await c.call('bundle.export', { sessionId: sid }));
      const bundle = await h.fetchOutput(out);
      const imported = must(await c.call('bundle.import', { file: { name: out.name, data: toBase64(bundle) } }));
      const opened = must(await c.call('sessions.open', { sessionId: imported.id }));
      if (opened.status !== 'open') throw new Error('expected open');
      expect(opened.view.session.submissions.map((s) => s.id)).toEqual(back3.session.submissions.map((s) => s.id));
      expect(opened.view.session.trash).toBeUndefined();
    });

    it('keeps the last import report of a session across reopening it', async () => {
      const v0 = must(await c.call('sessions.create', { name: '导入报告', date: '2026-12-01' }));
      const sid = v0.session.id;
      expect(must(await c.call('imports.last', { sessionId: sid }))).toBeNull();
      const imp = must(
        await c.call('submissions.import', {
          sessionId: sid,
          revision: v0.revision,
          files: [file('甲.md', md('甲篇', '市政协常委 丁建国')), file('坏.xyz', new TextEncoder().encode('?'))],
        }),
      );
      await h.reopen(sid);
      const rec = must(await c.call('imports.last', { sessionId: sid }));
      expect(rec?.entries).toEqual(imp.report);
      expect(rec?.entries.map((e) => [e.name, e.ok])).toEqual([
        ['甲.md', true],
        ['坏.xyz', false],
      ]);
      expect(Date.parse(rec!.at)).not.toBeNaN();
      const missing = await c.call('imports.last', { sessionId: 'no-such-session' });
      expect(!missing.ok && missing.error.code).toBe('store.session-not-found');
    });
  });
}

bulkSuite('the in-memory service', async () => {
  const ports = memoryPorts();
  ports.sorter = nodeSorter();
  const service = createService(ports);
  const client = createLocalClient(createDispatcher(service));
  return {
    client,
    async fetchOutput(f) {
      const r = await ports.outputs.read(
        decodeURIComponent(f.url.split('/')[2]),
        decodeURIComponent(f.url.split('/').pop()!),
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    async reopen(id) {
      must(await client.call('sessions.close', { sessionId: id }));
      must(await client.call('sessions.open', { sessionId: id }));
    },
    cleanup: () => service.dispose(),
  };
});

bulkSuite('HTTP', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-bulk-'));
  let server = await startServer({ dataDir, overrides: { snapshotEveryMs: 0 } });
  const box = { client: httpClient(server.url, server.token) };
  // The client object handed to the cases forwards to the current server (a reopen restarts it).
  const client: Client = { call: (n, i) => box.client.call(n, i), on: (e, cb) => box.client.on(e, cb) };
  return {
    client,
    fetchOutput: (f) => fetchServed(server, f),
    async reopen() {
      box.client.close();
      await server.close();
      server = await startServer({ dataDir, overrides: { snapshotEveryMs: 0 } });
      box.client = httpClient(server.url, server.token);
    },
    async cleanup() {
      box.client.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

// The one contract test suite, run against the in-memory service and over HTTP (same cases).
// Each case drives the service only through Client.call / Client.on, as the UI does.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { Client, OutputFile, SessionView, CompileJob } from '../../core/contract';
import { toBase64 } from '../../core/bytes/base64';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ExportProgress } from '../../core/contract';

export interface Harness {
  client: Client;
  /** The bytes of a produced file (download over HTTP / output store in memory). */
  fetchOutput(file: OutputFile): Promise<Uint8Array>;
  cleanup(): Promise<void>;
}

const enc = new TextEncoder();
export const md = (title: string, author: string, body = '正文第一段。') =>
  enc.encode(`# ${title}\n\n${author}\n\n${body}\n`);
export const file = (name: string, bytes: Uint8Array) => ({ name, data: toBase64(bytes) });

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function contractSuite(name: string, make: () => Promise<Harness>) {
  describe(`contract over ${name}`, () => {
    let h: Harness;
    let c: Client;
    beforeAll(async () => {
      h = await make();
      c = h.client;
    });
    afterAll(async () => {
      await h?.cleanup();
    });

    async function newSession(n = '测试会议'): Promise<SessionView> {
      return must(await c.call('sessions.create', { name: n, date: '2026-12-01' }));
    }

    it('creates a blank session with the usual sections and lists it', async () => {
      const v = await newSession('政协××市第十三届委员会常务委员会第九次会议');
      expect(v.session.sections.map((s) => s.title)).toEqual(['大会发言', '书面发言', '调研报告']);
      expect(v.save.state).toBe('saved');
      expect(v.history.canUndo).toBe(false);
      const list = must(await c.call('sessions.list', {}));
      expect(list.some((s) => s.id === v.session.id && s.name === v.session.name)).toBe(true);
      const opened = must(await c.call('sessions.open', { sessionId: v.session.id }));
      expect(opened.status).toBe('open');
    });

    it('refuses bad input and unknown sessions with stable codes', async () => {
      const bad = await c.call('sessions.create', { name: '' });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.code).toBe('contract.bad-input');
      const missing = await c.call('sessions.state', { sessionId: 'no-such-session' });
      expect(missing.ok).toBe(false);
      if (!missing.ok) expect(missing.error.code).toBe('store.session-not-found');
      const unknown = await (c.call as (n: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
        'nope.nothing',
        {},
      );
      expect(unknown.ok).toBe(false);
      expect(unknown.error?.code).toBe('contract.unknown-call');
    });

    it('imports a batch with a per-file report; a bad file never stops the rest', async () => {
      const v = await newSession();
      const sec = v.session.sections[0].id;
      const r = must(
        await c.call('submissions.import', {
          sessionId: v.session.id,
          revision: v.revision,
          sectionId: sec,
          files: [
            file('甲.md', md('关于齐文化传承的几点建议', '市政协常委 韩喜')),
            file('坏.xyz', enc.encode('???')),
            file('空.md', new Uint8Array(0)),
            file('乙.md', md('推动文旅融合', '民盟××市委会')),
          ],
        }),
      );
      expect(r.report.map((x) => x.ok)).toEqual([true, false, false, true]);
      expect(r.report[1].error?.code).toBe('import.unsupported');
      expect(r.report[2].error?.code).toBe('import.empty');
      expect(r.revision).toBe(v.revision + 1);
      expect(r.session.sections[0].items).toHaveLength(2);
      const first = r.session.submissions[0];
      expect(first.title).toBe('关于齐文化传承的几点建议');
      expect(first.authorLine).toBe('市政协常委 韩喜');
      expect(first.source.file).toMatch(/^files\/[0-9a-f]{64}\.md$/);
      const doc = must(await c.call('submissions.preview', { sessionId: v.session.id, submissionId: first.id }));
      expect(doc.blocks.some((b) => b.type === 'paragraph')).toBe(true);
      // The same bytes again are a duplicate, not a second item.
      const again = must(
        await c.call('submissions.import', {
          sessionId: v.session.id,
          revision: r.revision,
          files: [file('甲副本.md', md('关于齐文化传承的几点建议', '市政协常委 韩喜'))],
        }),
      );
      expect(again.report[0].error?.code).toBe('import.duplicate');
      expect(again.session.submissions).toHaveLength(2);
    });

    it('edits sections and items, refusing a stale revision (S8)', async () => {
      const blank = await newSession();
      const id = blank.session.id;
      // A blank session has three sections now (issue 10); this test builds its own third one.
      const v0 = must(
        await c.call('sections.remove', {
          sessionId: id,
          revision: blank.revision,
          sectionId: blank.session.sections[2].id,
        }),
      );
      const imp = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('a.md', md('一号', '市政协常委 甲')), file('b.md', md('二号', '市政协常委 乙'))],
        }),
      );
      const [a, b] = imp.session.submissions.map((s) => s.id);
      const created = must(
        await c.call('sections.create', { sessionId: id, revision: imp.revision, title: '调研报告' }),
      );
      const newSec = created.created![0];
      expect(created.session.sections.map((s) => s.title)).toEqual(['大会发言', '书面发言', '调研报告']);
      const moved = must(
        await c.call('sections.moveItem', {
          sessionId: id,
          revision: created.revision,
          submissionId: a,
          toSectionId: newSec,
          index: 0,
        }),
      );
      expect(moved.session.sections[0].items).toEqual([b]);
      expect(moved.session.sections[2].items).toEqual([a]);
      // Another window still holds created.revision: refused, nothing lost.
      const stale = await c.call('sections.rename', {
        sessionId: id,
        revision: created.revision,
        sectionId: newSec,
        title: '专题调研',
      });
      expect(stale.ok).toBe(false);
      if (!stale.ok) {
        expect(stale.error.code).toBe('store.stale-revision');
        expect(stale.error.message).toMatch(/刷新/);
      }
      const st = must(await c.call('sessions.state', { sessionId: id }));
      expect(st.revision).toBe(moved.revision);
      expect(st.session.sections[2].title).toBe('调研报告');
      const re = must(
        await c.call('sections.reorder', {
          sessionId: id,
          revision: moved.revision,
          sectionIds: [newSec, moved.session.sections[0].id, moved.session.sections[1].id],
        }),
      );
      expect(re.session.sections[0].id).toBe(newSec);
      const badOrder = await c.call('sections.reorder', { sessionId: id, revision: re.revision, sectionIds: [newSec] });
      expect(badOrder.ok).toBe(false);
      const upd = must(
        await c.call('submissions.update', {
          sessionId: id,
          revision: re.revision,
          submissionId: b,
          patch: { title: '二号（修改）', kind: 'written', options: { pinned: true } },
        }),
      );
      const sb = upd.session.submissions.find((s) => s.id === b)!;
      expect(sb.title).toBe('二号（修改）');
      expect(sb.kind).toBe('written');
      expect(sb.options).toEqual({ pinned: true, inToc: true });
      const sorted = must(
        await c.call('sections.sort', {
          sessionId: id,
          revision: upd.revision,
          sectionId: upd.session.sections[1].id,
          rule: 'received',
        }),
      );
      expect(sorted.session.sections[1].sortRule).toBe('received');
      const rm = must(
        await c.call('sections.remove', {
          sessionId: id,
          revision: sorted.revision,
          sectionId: newSec,
          moveItemsTo: sorted.session.sections[1].id,
        }),
      );
      expect(rm.session.sections).toHaveLength(2);
      expect(rm.session.sections[0].items).toEqual([b, a]);
      const gone = must(
        await c.call('submissions.remove', { sessionId: id, revision: rm.revision, submissionIds: [a] }),
      );
      expect(gone.session.submissions.map((s) => s.id)).toEqual([b]);
      expect(gone.session.sections[0].items).toEqual([b]);
    });

    it("an import overlapping another window's edit lands on the current state, nothing lost", async () => {
      const v0 = await newSession('并发导入');
      const id = v0.session.id;
      const files = Array.from({ length: 6 }, (_, i) =>
        file(`p${i}.md`, md(`并发材料${i}`, '市政协常委 丙', `内容${i}`)),
      );
      const [imp, ren] = await Promise.all([
        c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[1].id,
          files,
        }),
        c.call('sessions.rename', { sessionId: id, revision: v0.revision, name: '并发导入（改名）' }),
      ]);
      expect(imp.ok && ren.ok).toBe(true);
      const st = must(await c.call('sessions.state', { sessionId: id }));
      expect(st.session.name).toBe('并发导入（改名）');
      expect(st.session.sections[1].items).toHaveLength(6);
      expect(st.revision).toBe(v0.revision + 2);
    });

    it('undoes and redoes at least 100 steps', async () => {
      const v0 = await newSession();
      const id = v0.session.id;
      let v = v0;
      for (let i = 1; i <= 105; i++)
        v = must(await c.call('sessions.rename', { sessionId: id, revision: v.revision, name: `会议 ${i}` }));
      expect(v.history.undoDepth).toBeGreaterThanOrEqual(100);
      for (let i = 104; i >= 5; i--) {
        v = must(await c.call('history.undo', { sessionId: id, revision: v.revision }));
        expect(v.session.name).toBe(`会议 ${i}`);
      }
      expect(v.history.canRedo).toBe(true);
      for (let i = 6; i <= 10; i++) {
        v = must(await c.call('history.redo', { sessionId: id, revision: v.revision }));
        expect(v.session.name).toBe(`会议 ${i}`);
      }
      const state = must(await c.call('history.state', { sessionId: id }));
      expect(state.canUndo && state.canRedo).toBe(true);
      // A new edit clears the redo branch.
      v = must(await c.call('sessions.rename', { sessionId: id, revision: v.revision, name: '新分支' }));
      expect(v.history.canRedo).toBe(false);
      const none = await c.call('history.redo', { sessionId: id, revision: v.revision });
      expect(!none.ok && none.error.code).toBe('history.nothing-to-redo');
    });

    it('manages the roster, imports a CSV roster and counts expected vs received', async () => {
      const v0 = await newSession();
      const id = v0.session.id;
      const csv =
        '\uFEFF姓名,性别,界别,职务,单位\n韩喜,男,文化艺术界,市政协常委,市文旅局\n"李 梅",女,教育界,"市政协常委,教授",市大学\n,男,无名,,\n王强,男,经济界,市政协常委,市商会\n';
      const imp = must(
        await c.call('roster.import', {
          sessionId: id,
          revision: v0.revision,
          file: file('名单.csv', enc.encode(csv)),
        }),
      );
      expect(imp.report.added).toBe(3);
      expect(imp.report.skipped).toHaveLength(1);
      expect(imp.session.members.map((m) => m.name)).toEqual(['韩喜', '李梅', '王强']);
      expect(imp.session.members[1].title).toBe('市政协常委,教授');
      const add = must(
        await c.call('roster.add', {
          sessionId: id,
          revision: imp.revision,
          member: { name: '赵敏', sector: '医卫界' },
        }),
      );
      const zhao = add.created![0];
      const upd = must(
        await c.call('roster.update', {
          sessionId: id,
          revision: add.revision,
          memberId: zhao,
          patch: { unit: '市医院' },
        }),
      );
      expect(upd.session.members.find((m) => m.id === zhao)?.unit).toBe('市医院');
      const sub = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: upd.revision,
          sectionId: upd.session.sections[0].id,
          files: [file('h.md', md('齐文化', '市政协常委 韩喜', '齐文化源远流长，我们要传承。'))],
        }),
      );
      expect(sub.session.submissions[0].memberIds).toEqual([upd.session.members[0].id]);
      const stats = must(await c.call('stats.get', { sessionId: id }));
      expect(stats.members.expected).toBe(4);
      expect(stats.members.received).toBe(1);
      expect(stats.members.missing.map((m) => m.name)).toEqual(['李梅', '王强', '赵敏']);
      expect(stats.sections[0].items).toBe(1);
      expect(stats.sections[0].words).toBeGreaterThan(5);
      const rm = must(
        await c.call('roster.remove', {
          sessionId: id,
          revision: sub.revision,
          memberIds: [upd.session.members[0].id],
        }),
      );
      expect(rm.session.submissions[0].memberIds).toEqual([]);
    });

    it('updates settings and rejects invalid ones', async () => {
      const v0 = await newSession();
      const id = v0.session.id;
      const v = must(
        await c.call('settings.update', {
          sessionId: id,
          revision: v0.revision,
          layout: { linePitchPt: 29, itemStart: 'oddPage' },
          meta: { theme: '齐文化传承与创新', marks: { internal: true } },
        }),
      );
      expect(v.session.layout.linePitchPt).toBe(29);
      expect(v.session.layout.bodySize).toBe(16);
      expect(v.session.marks).toEqual({ internal: true, secrecy: '', watermark: '', confidentialityLine: '' });
      const g = must(await c.call('settings.get', { sessionId: id }));
      expect(g.meta.theme).toBe('齐文化传承与创新');
      const bad = await c.call('settings.update', { sessionId: id, revision: v.revision, layout: { bodySize: -3 } });
      expect(!bad.ok && bad.error.code).toBe('contract.bad-input');
    });

    it('lists fonts for the settings screen', async () => {
      const f = must(await c.call('fonts.list', {}));
      expect(f.builtin.map((b) => ('builtin' in b.ref ? b.ref.builtin : ''))).toContain('FandolFang');
      expect(Array.isArray(f.installed)).toBe(true);
    });

    it('lists and restores snapshots', async () => {
      const v0 = await newSession('快照会议');
      const id = v0.session.id;
      const v1 = must(await c.call('sessions.rename', { sessionId: id, revision: v0.revision, name: '改名之后' }));
      const snaps = must(await c.call('snapshots.list', { sessionId: id }));
      expect(snaps.length).toBeGreaterThanOrEqual(1);
      const before = snaps.find((s) => s.name === '快照会议');
      expect(before).toBeTruthy();
      const restored = must(
        await c.call('snapshots.restore', { sessionId: id, snapshotId: before!.id, revision: v1.revision }),
      );
      expect(restored.session.name).toBe('快照会议');
      expect(restored.revision).toBe(v1.revision + 1);
      const manual = must(await c.call('snapshots.create', { sessionId: id }));
      expect(manual.reason).toBe('manual');
      expect(manual.revision).toBe(restored.revision);
      expect(must(await c.call('snapshots.list', { sessionId: id }))[0].id).toBe(manual.id);
      const missing = await c.call('snapshots.restore', {
        sessionId: id,
        snapshotId: 'nope',
        revision: restored.revision,
      });
      expect(!missing.ok && missing.error.code).toBe('store.snapshot-not-found');
    });

    it('exports a bundle and imports it as a new session', async () => {
      const v0 = await newSession('打包会议');
      const id = v0.session.id;
      const imp = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('x.md', md('打包材料', '市政协常委 甲'))],
        }),
      );
      const out = must(await c.call('bundle.export', { sessionId: id }));
      expect(out.name).toMatch(/\.zip$/);
      const bytes = await h.fetchOutput(out);
      expect(bytes.length).toBe(out.size);
      const names = Object.keys(unzipSync(bytes));
      expect(names).toContain('session.json');
      expect(names).toContain(imp.session.submissions[0].source.file);
      const back = must(await c.call('bundle.import', { file: file(out.name, bytes) }));
      expect(back.id).not.toBe(id);
      expect(back.submissionCount).toBe(1);
      const opened = must(await c.call('sessions.open', { sessionId: back.id }));
      if (opened.status !== 'open') throw new Error('expected open');
      const doc = must(
        await c.call('submissions.preview', {
          sessionId: back.id,
          submissionId: opened.view.session.submissions[0].id,
        }),
      );
      expect(JSON.stringify(doc)).toContain('正文第一段');
      const hostile = await c.call('bundle.import', { file: file('x.zip', enc.encode('PK\u0003\u0004 not really')) });
      expect(!hostile.ok && hostile.error.code).toBe('bundle.invalid');
    });

    it('deletes to the trash, restores and empties it', async () => {
      const v0 = await newSession('要删除的会议');
      const id = v0.session.id;
      const t = must(await c.call('sessions.delete', { sessionId: id }));
      expect(must(await c.call('sessions.list', {})).some((s) => s.id === id)).toBe(false);
      expect(must(await c.call('sessions.trash.list', {})).some((x) => x.trashId === t.trashId)).toBe(true);
      const back = must(await c.call('sessions.trash.restore', { trashId: t.trashId }));
      expect(back.name).toBe('要删除的会议');
      const t2 = must(await c.call('sessions.delete', { sessionId: back.id }));
      const emptied = must(await c.call('sessions.trash.empty', { trashIds: [t2.trashId] }));
      expect(emptied.removed).toBe(1);
      expect(must(await c.call('sessions.trash.list', {})).some((x) => x.trashId === t2.trashId)).toBe(false);
    });

    it('replaces a submission with a new version, keeping the old one', async () => {
      const v0 = await newSession();
      const id = v0.session.id;
      const imp = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('v1.md', md('初稿标题', '市政协常委 甲', '第一稿。'))],
        }),
      );
      const sub = imp.session.submissions[0];
      const rep = must(
        await c.call('submissions.replace', {
          sessionId: id,
          revision: imp.revision,
          submissionId: sub.id,
          file: file('v2.md', md('初稿标题', '市政协常委 甲', '第二稿，内容有修改。')),
        }),
      );
      const after = rep.session.submissions[0];
      expect(after.id).toBe(sub.id);
      expect(after.title).toBe(sub.title);
      expect(after.source.sha256).not.toBe(sub.source.sha256);
      expect(after.versions.map((x) => x.sha256)).toEqual([sub.source.sha256]);
      expect(rep.session.sections[0].items).toEqual([sub.id]);
      const doc = must(await c.call('submissions.preview', { sessionId: id, submissionId: sub.id }));
      expect(JSON.stringify(doc)).toContain('第二稿');
      const got = must(await c.call('submissions.get', { sessionId: id, submissionId: sub.id }));
      expect(got.sectionId).toBe(rep.session.sections[0].id);
      const undone = must(await c.call('history.undo', { sessionId: id, revision: rep.revision }));
      expect(undone.session.submissions[0].source.sha256).toBe(sub.source.sha256);
    });

    it('duplicates a session with its sources, and closes one', async () => {
      const v0 = await newSession('原会议');
      const id = v0.session.id;
      must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('d.md', md('复制材料', '市政协常委 乙'))],
        }),
      );
      const dup = must(await c.call('sessions.duplicate', { sessionId: id }));
      expect(dup.name).toBe('原会议（副本）');
      expect(dup.submissionCount).toBe(1);
      const o = must(await c.call('sessions.open', { sessionId: dup.id }));
      if (o.status !== 'open') throw new Error('expected open');
      const doc = must(
        await c.call('submissions.preview', { sessionId: dup.id, submissionId: o.view.session.submissions[0].id }),
      );
      expect(JSON.stringify(doc)).toContain('正文第一段');
      expect(must(await c.call('sessions.close', { sessionId: dup.id })).closed).toBe(true);
      // Opening again after a close reads it back from the store.
      const again = must(await c.call('sessions.open', { sessionId: dup.id }));
      expect(again.status === 'open' && again.view.session.submissions).toHaveLength(1);
    });

    it('cancels a running compile', async () => {
      const v0 = await newSession('取消编译');
      const id = v0.session.id;
      const files = Array.from({ length: 40 }, (_, i) => file(`f${i}.md`, md(`第${i}篇`, '市政协常委 甲', `内容${i}`)));
      must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files,
        }),
      );
      const job = must(await c.call('compile.start', { sessionId: id, formats: ['pdf'] }));
      const cancelled = must(await c.call('compile.cancel', { jobId: job.jobId }));
      expect(cancelled.state).toBe('cancelled');
      await new Promise((r) => setTimeout(r, 300));
      const st = must(await c.call('compile.status', { sessionId: id }));
      expect(st?.jobId).toBe(job.jobId);
      expect(st?.state).toBe('cancelled');
    });

    it('previews and imports a GBK CSV roster: encoding, proposed mapping, problems, duplicates', async () => {
      const v0 = await newSession('名单会议');
      const id = v0.session.id;
      const csv =
        '委员姓名,性别,所属界别,政治面貌,工作单位,是否常委\r\n韩喜,男,文化艺术界,中共,市文旅局,是\r\n李梅（女）,,教育界,民盟,市大学,否\r\n王强,男,经济界,民建,市商会,是\r\n王强,男,农业界,无党派人士,县农业局,是\r\n合计,,,,,\r\n';
      const gbk = new Uint8Array(iconv.encode(csv, 'gbk'));
      // Not valid UTF-8: the old UTF-8-only reader refused this file.
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
      const pv = must(
        await c.call('roster.preview', { sessionId: id, file: file('政协委员名单.csv', gbk), maxRows: 2 }),
      );
      expect(pv.format).toBe('csv');
      expect(pv.encoding).toMatch(/gb/i);
      expect(pv.headers).toEqual(['委员姓名', '性别', '所属界别', '政治面貌', '工作单位', '是否常委']);
      expect(pv.mapping).toEqual({ name: 0, gender: 1, sector: 2, party: 3, unit: 4, standing: 5 });
      expect(pv.fieldLabels.name).toBe('姓名');
      expect(pv.rowCount).toBe(5);
      expect(pv.rows).toHaveLength(2);
      expect(pv.rows[0]).toEqual({ row: 2, cells: ['韩喜', '男', '文化艺术界', '中共', '市文旅局', '是'] });
      expect(pv.memberCount).toBe(4);
      expect(pv.duplicates).toEqual([{ name: '王强', rows: [4, 5] }]);
      expect(pv.problems.some((p) => p.row === 6 && /合计/.test(p.message))).toBe(true);
      // Preview changes nothing.
      expect(must(await c.call('roster.list', { sessionId: id }))).toEqual([]);
      const imp = must(
        await c.call('roster.import', { sessionId: id, revision: v0.revision, file: file('政协委员名单.csv', gbk) }),
      );
      expect(imp.report.added).toBe(4);
      expect(imp.report.encoding).toMatch(/gb/i);
      expect(imp.report.skipped.map((p) => p.row)).toEqual([6]);
      expect(imp.report.duplicates).toEqual([{ name: '王强', rows: [4, 5] }]);
      expect(imp.session.members.map((m) => m.name)).toEqual(['韩喜', '李梅', '王强', '王强']);
      const li = imp.session.members[1];
      expect([li.gender, li.party, li.standing]).toEqual(['女', '民盟', false]);
      expect(imp.session.members[3].party).toBe('无党派人士');
    });

    it('imports an .xlsx roster with a title row, merges by name, and takes a mapping the clerk chose', async () => {
      const v0 = await newSession('Excel 名单');
      const id = v0.session.id;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('常委名单');
      ws.addRow(['××市政协常委名单']);
      ws.mergeCells('A1:D1');
      ws.addRow(['姓名', '性别', '界别', '单位']);
      ws.addRow(['韩喜', '男', '文化艺术界', '市文旅局']);
      ws.addRow(['赵敏', '女', '医卫界', '市医院']);
      const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      const v1 = must(
        await c.call('roster.add', {
          sessionId: id,
          revision: v0.revision,
          member: { name: '韩喜', sector: '文化艺术界', party: '中共' },
        }),
      );
      const hanId = v1.created![0];
      const pv = must(await c.call('roster.preview', { sessionId: id, file: file('常委名单.xlsx', xlsx) }));
      expect(pv.format).toBe('xlsx');
      expect(pv.headerRow).toBe(2);
      expect(pv.sheet).toBe('常委名单');
      expect(pv.mapping.name).toBe(0);
      const imp = must(
        await c.call('roster.import', { sessionId: id, revision: v1.revision, file: file('常委名单.xlsx', xlsx) }),
      );
      expect([imp.report.added, imp.report.updated]).toEqual([1, 1]);
      const han = imp.session.members.find((m) => m.name === '韩喜')!;
      expect(han.id).toBe(hanId);
      expect([han.unit, han.party]).toEqual(['市文旅局', '中共']);
      // Headers nobody could guess: the preview says so; the clerk's mapping imports it.
      const odd = new ExcelJS.Workbook();
      const os = odd.addWorksheet('Sheet1');
      os.addRow(['编号', '人员', '所在组']);
      os.addRow(['1', '孙立', '科技界']);
      os.addRow(['2', '周文', '社科界']);
      const oddBytes = new Uint8Array((await odd.xlsx.writeBuffer()) as ArrayBuffer);
      const pv2 = must(await c.call('roster.preview', { sessionId: id, file: file('名单2.xlsx', oddBytes) }));
      expect(pv2.mapping.name).toBeUndefined();
      expect(pv2.problems[0].message).toMatch(/姓名/);
      const noName = await c.call('roster.import', {
        sessionId: id,
        revision: imp.revision,
        file: file('名单2.xlsx', oddBytes),
      });
      expect(!noName.ok && noName.error.code).toBe('roster.no-name-column');
      const pv3 = must(
        await c.call('roster.preview', {
          sessionId: id,
          file: file('名单2.xlsx', oddBytes),
          mapping: { name: 1, sector: 2 },
        }),
      );
      expect(pv3.memberCount).toBe(2);
      expect(pv3.unmapped).toEqual(['编号']);
      const imp2 = must(
        await c.call('roster.import', {
          sessionId: id,
          revision: imp.revision,
          file: file('名单2.xlsx', oddBytes),
          mapping: { name: 1, sector: 2 },
        }),
      );
      expect(imp2.session.members.slice(-2).map((m) => [m.name, m.sector])).toEqual([
        ['孙立', '科技界'],
        ['周文', '社科界'],
      ]);
      const bad = await c.call('roster.preview', { sessionId: id, file: file('名单.doc', enc.encode('not a roster')) });
      expect(bad.ok).toBe(false);
    });

    it('sorts by strokes and reports characters without stroke data (sections, roster, roster export)', async () => {
      const v0 = await newSession('笔画排序');
      const id = v0.session.id;
      let v = v0;
      for (const name of ['𠀾明', '王㐀强', '丁一'])
        v = must(await c.call('roster.add', { sessionId: id, revision: v.revision, member: { name, sector: '' } }));
      const imp = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v.revision,
          sectionId: v.session.sections[0].id,
          files: [
            file('a.md', md('甲文', '市政协常委 𠀾明')),
            file('b.md', md('乙文', '市政协常委 王㐀强')),
            file('c.md', md('丙文', '市政协常委 丁一')),
          ],
        }),
      );
      const sec = imp.session.sections[0].id;
      const sorted = must(
        await c.call('sections.sort', { sessionId: id, revision: imp.revision, sectionId: sec, rule: 'stroke' }),
      );
      const title = (sid: string) => sorted.session.submissions.find((x) => x.id === sid)!.title;
      expect(sorted.session.sections[0].items.map(title)).toEqual(['丙文', '乙文', '甲文']);
      expect([...sorted.unknownChars].sort()).toEqual(['㐀', '𠀾'].sort());
      expect(
        sorted.notices?.some((n) =>
          n.message.startsWith('以下字符没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：'),
        ),
      ).toBe(true);
      // Per call: a sort without such characters reports none.
      const plain = must(
        await c.call('sections.sort', {
          sessionId: id,
          revision: sorted.revision,
          sectionId: sorted.session.sections[1].id,
          rule: 'stroke',
        }),
      );
      expect(plain.unknownChars).toEqual([]);
      const rs = must(await c.call('roster.sort', { sessionId: id, revision: plain.revision, rule: 'stroke' }));
      expect(rs.session.members.map((m) => m.name)).toEqual(['丁一', '王㐀强', '𠀾明']);
      expect(rs.unknownChars.length).toBe(2);
      const undone = must(await c.call('history.undo', { sessionId: id, revision: rs.revision }));
      expect(undone.session.members.map((m) => m.name)).toEqual(['𠀾明', '王㐀强', '丁一']);
      const out = must(await c.call('roster.export', { sessionId: id, rule: 'stroke' }));
      expect(out.name).toMatch(/委员名单\.xlsx$/);
      expect(out.unknownChars.length).toBe(2);
      const bytes = await h.fetchOutput(out);
      expect(bytes.length).toBe(out.size);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const names = wb.worksheets[0].getColumn(2).values.slice(2);
      expect(names).toEqual(['丁一', '王㐀强', '𠀾明']);
      // The export never reorders the session itself.
      expect(must(await c.call('roster.list', { sessionId: id })).map((m) => m.name)).toEqual([
        '𠀾明',
        '王㐀强',
        '丁一',
      ]);
    });

    it('produces print products through export.print: progress events, served files, register, handout zip, errors', async () => {
      const v0 = await newSession('印制会议');
      const id = v0.session.id;
      let v = must(
        await c.call('roster.add', { sessionId: id, revision: v0.revision, member: { name: '韩喜', sector: '' } }),
      );
      v = must(
        await c.call('roster.add', { sessionId: id, revision: v.revision, member: { name: '李梅', sector: '' } }),
      );
      const [s1, s2] = v.session.sections.map((s) => s.id);
      v = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v.revision,
          sectionId: s1,
          files: [file('p1.md', md('发言一', '市政协常委 韩喜')), file('p2.md', md('发言二', '市政协常委 李梅'))],
        }),
      );
      v = must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v.revision,
          sectionId: s2,
          files: [file('p3.md', md('书面一', '市政协常委 韩喜'))],
        }),
      );
      const items = must(await c.call('export.items', { sessionId: id }));
      expect(items.map((x) => [x.title, x.sectionId, x.order])).toEqual([
        ['发言一', s1, 1],
        ['发言二', s1, 2],
        ['书面一', s2, 1],
      ]);
      const before = must(await c.call('stats.get', { sessionId: id }));
      expect(before.pagesStatus).toBe('none');
      expect(before.pagesNote).toBe('未生成');

      const seen: ExportProgress[] = [];
      const off = c.on('export.progress', (p) => {
        if (p.sessionId === id) seen.push(p);
      });
      const copies = must(
        await c.call('export.print', {
          sessionId: id,
          as: 'copies',
          recipients: 'roster',
          withRegister: true,
          exportId: 'exp-copies-1',
        }),
      );
      expect(copies.exportId).toBe('exp-copies-1');
      expect(copies.report.copies).toBe(2);
      expect(copies.files.map((f) => f.name)).toEqual(['汇编-编号本.pdf', '汇编-编号本-分发清退登记表.pdf']);
      for (const f of copies.files) {
        expect(f.url).toBe(`/files/${encodeURIComponent(id)}/${encodeURIComponent(f.name)}`);
        const bytes = await h.fetchOutput(f);
        expect(bytes.length).toBe(f.size);
        expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
      }
      expect(copies.files[0].pages! % 2).toBe(0);

      const batch = must(
        await c.call('export.print', { sessionId: id, as: 'handouts', batch: true, selection: { sectionId: s1 } }),
      );
      expect(batch.files.map((f) => f.name)).toEqual(['分发材料.zip']);
      const entries = Object.keys(unzipSync(await h.fetchOutput(batch.files[0])));
      expect(entries).toHaveLength(2);
      expect(entries.every((n) => n.endsWith('.pdf'))).toBe(true);
      expect(entries.some((n) => n.includes('发言一')) && entries.some((n) => n.includes('发言二'))).toBe(true);
      const one = must(
        await c.call('export.print', { sessionId: id, as: 'handouts', selection: { memberId: '李梅' } }),
      );
      expect(one.files[0].pages).toBe(1);

      await new Promise((r) => setTimeout(r, 100));
      off();
      const mine = seen.filter((p) => p.exportId === 'exp-copies-1');
      expect(mine.some((p) => p.state === 'running')).toBe(true);
      expect(mine.at(-1)?.state).toBe('done');

      const unknown = await c.call('export.print', {
        sessionId: id,
        as: 'handouts',
        selection: { items: ['no-such-item'] },
      });
      expect(!unknown.ok && unknown.error.code).toBe('print.handout.unknown-item');
      const refused = await c.call('export.print', { sessionId: id, as: 'print', targetPath: '/tmp/x.pdf' });
      expect(!refused.ok && refused.error.code).toBe('file.path-refused');
      const badKind = await (c.call as (n: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
        'export.print',
        { sessionId: id, as: 'poster' },
      );
      expect(badKind.error?.code).toBe('contract.bad-input');
    });

    it('cancels a running print export', async () => {
      const v0 = await newSession('取消印制');
      const id = v0.session.id;
      must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('q.md', md('材料', '市政协常委 甲'))],
        }),
      );
      const events: ExportProgress[] = [];
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const off = c.on('export.progress', (p) => {
        if (p.exportId !== 'exp-cancel-1') return;
        events.push(p);
        if (p.state === 'running') started();
      });
      const pending = c.call('export.print', { sessionId: id, as: 'booklet', exportId: 'exp-cancel-1' });
      await running;
      const twice = await c.call('export.print', { sessionId: id, as: 'booklet' });
      expect(!twice.ok && twice.error.code).toBe('export.busy');
      const cancelled = must(await c.call('export.cancel', { exportId: 'exp-cancel-1' }));
      expect(cancelled.cancelled).toBe(1);
      // Until the cancelled run has really stopped, a new one of the same product would race it on the same file.
      const during = await c.call('export.print', { sessionId: id, as: 'booklet' });
      if (!during.ok) expect(during.error.message).toMatch(/正在停止/);
      const r = await pending;
      expect(!r.ok && r.error.code).toBe('export.cancelled');
      await new Promise((res) => setTimeout(res, 100));
      off();
      expect(events.at(-1)?.state).toBe('cancelled');
      expect(events.some((e) => e.state === 'done')).toBe(false);
      expect(must(await c.call('export.cancel', { sessionId: id })).cancelled).toBe(0);
      // Once stopped, the same product can be made again.
      expect((await c.call('export.print', { sessionId: id, as: 'booklet' })).ok).toBe(true);
    });

    it('compiles with progress events and serves the PDF', async () => {
      const v0 = await newSession('编译会议');
      const id = v0.session.id;
      must(
        await c.call('submissions.import', {
          sessionId: id,
          revision: v0.revision,
          sectionId: v0.session.sections[0].id,
          files: [file('c.md', md('编译材料', '市政协常委 甲', '这是正文。'.repeat(50)))],
        }),
      );
      const seen: CompileJob[] = [];
      const off = c.on('compile.progress', (j) => {
        if (j.sessionId === id) seen.push(j);
      });
      const job = must(await c.call('compile.start', { sessionId: id, formats: ['pdf'] }));
      let status: CompileJob | null = job;
      for (let i = 0; i < 600 && status && status.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = must(await c.call('compile.status', { jobId: job.jobId }));
      }
      expect(status?.state).toBe('done');
      expect(status?.result?.pageCount).toBeGreaterThan(0);
      const pdf = await h.fetchOutput(status!.result!.pdf!);
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
      await new Promise((r) => setTimeout(r, 100));
      off();
      expect(seen.some((j) => j.state === 'done')).toBe(true);
      const stats = must(await c.call('stats.get', { sessionId: id }));
      expect(stats.totals.pages).toBe(status!.result!.pageCount);
      expect(stats.sections[0].pages).toBe(status!.result!.pageCount);
      expect(stats.pagesStatus).toBe('current');
      const exp = must(await c.call('export.pdf', { sessionId: id }));
      expect(exp.size).toBeGreaterThan(0);
      // After an edit the old pages are not shown as current.
      const renamed = must(
        await c.call('sessions.rename', { sessionId: id, revision: v0.revision + 1, name: '编译会议（改）' }),
      );
      const stale = must(await c.call('stats.get', { sessionId: id }));
      expect(renamed.revision).toBe(v0.revision + 2);
      expect(stale.pagesStatus).toBe('stale');
      expect(stale.totals.pages).toBeUndefined();
      expect(stale.pagesNote).toMatch(/重新生成/);
    });

    it("serves an item's stored source file for download (submissions.source)", async () => {
      const v = await newSession('原件下载');
      const bytes = md('原件标题', '市政协常委 甲', '原件正文。');
      const imp = must(
        await c.call('submissions.import', {
          sessionId: v.session.id,
          revision: v.revision,
          files: [file('会议发言（定稿）.md', bytes)],
        }),
      );
      const sub = imp.session.submissions[0];
      const src = must(await c.call('submissions.source', { sessionId: v.session.id, submissionId: sub.id }));
      expect(src.originalName).toBe('会议发言（定稿）.md');
      expect(src.size).toBe(bytes.length);
      expect(await h.fetchOutput(src)).toEqual(bytes);
      const bad = await c.call('submissions.source', { sessionId: v.session.id, submissionId: 'nope' });
      expect(bad.ok).toBe(false);
    });
  });
}

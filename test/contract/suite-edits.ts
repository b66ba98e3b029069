// Contract suite cases (edits), run by contractSuite in suite.ts over every transport.
// Editing a session: batch import with its report, sections and items under revisions (S8), imports
// racing another window, undo/redo, replacing a submission with a new version.
import { expect, it } from 'vitest';
import { file, md, must, enc, type SuiteContext } from './suite-kit';

export function editCases(s: SuiteContext): void {
  it('imports a batch with a per-file report; a bad file never stops the rest', async () => {
    const v = await s.newSession();
    const sec = v.session.sections[0].id;
    const r = must(
      await s.c.call('submissions.import', {
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
    const doc = must(await s.c.call('submissions.preview', { sessionId: v.session.id, submissionId: first.id }));
    expect(doc.blocks.some((b) => b.type === 'paragraph')).toBe(true);
    // The same bytes again are a duplicate, not a second item.
    const again = must(
      await s.c.call('submissions.import', {
        sessionId: v.session.id,
        revision: r.revision,
        files: [file('甲副本.md', md('关于齐文化传承的几点建议', '市政协常委 韩喜'))],
      }),
    );
    expect(again.report[0].error?.code).toBe('import.duplicate');
    expect(again.session.submissions).toHaveLength(2);
  });

  it('edits sections and items, refusing a stale revision (S8)', async () => {
    const blank = await s.newSession();
    const id = blank.session.id;
    // A blank session has three sections now (issue 10); this test builds its own third one.
    const v0 = must(
      await s.c.call('sections.remove', {
        sessionId: id,
        revision: blank.revision,
        sectionId: blank.session.sections[2].id,
      }),
    );
    const imp = await s.importInto(v0, [
      file('a.md', md('一号', '市政协常委 甲')),
      file('b.md', md('二号', '市政协常委 乙')),
    ]);
    const [a, b] = imp.session.submissions.map((s) => s.id);
    const created = must(
      await s.c.call('sections.create', { sessionId: id, revision: imp.revision, title: '调研报告' }),
    );
    const newSec = created.created![0];
    expect(created.session.sections.map((s) => s.title)).toEqual(['大会发言', '书面发言', '调研报告']);
    const moved = must(
      await s.c.call('sections.moveItem', {
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
    const stale = await s.c.call('sections.rename', {
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
    const st = must(await s.c.call('sessions.state', { sessionId: id }));
    expect(st.revision).toBe(moved.revision);
    expect(st.session.sections[2].title).toBe('调研报告');
    const re = must(
      await s.c.call('sections.reorder', {
        sessionId: id,
        revision: moved.revision,
        sectionIds: [newSec, moved.session.sections[0].id, moved.session.sections[1].id],
      }),
    );
    expect(re.session.sections[0].id).toBe(newSec);
    const badOrder = await s.c.call('sections.reorder', { sessionId: id, revision: re.revision, sectionIds: [newSec] });
    expect(badOrder.ok).toBe(false);
    const upd = must(
      await s.c.call('submissions.update', {
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
      await s.c.call('sections.sort', {
        sessionId: id,
        revision: upd.revision,
        sectionId: upd.session.sections[1].id,
        rule: 'received',
      }),
    );
    expect(sorted.session.sections[1].sortRule).toBe('received');
    const rm = must(
      await s.c.call('sections.remove', {
        sessionId: id,
        revision: sorted.revision,
        sectionId: newSec,
        moveItemsTo: sorted.session.sections[1].id,
      }),
    );
    expect(rm.session.sections).toHaveLength(2);
    expect(rm.session.sections[0].items).toEqual([b, a]);
    const gone = must(
      await s.c.call('submissions.remove', { sessionId: id, revision: rm.revision, submissionIds: [a] }),
    );
    expect(gone.session.submissions.map((s) => s.id)).toEqual([b]);
    expect(gone.session.sections[0].items).toEqual([b]);
  });

  it("an import overlapping another window's edit lands on the current state, nothing lost", async () => {
    const v0 = await s.newSession('并发导入');
    const id = v0.session.id;
    const files = Array.from({ length: 6 }, (_, i) =>
      file(`p${i}.md`, md(`并发材料${i}`, '市政协常委 丙', `内容${i}`)),
    );
    const [imp, ren] = await Promise.all([
      s.c.call('submissions.import', {
        sessionId: id,
        revision: v0.revision,
        sectionId: v0.session.sections[1].id,
        files,
      }),
      s.c.call('sessions.rename', { sessionId: id, revision: v0.revision, name: '并发导入（改名）' }),
    ]);
    expect(imp.ok && ren.ok).toBe(true);
    const st = must(await s.c.call('sessions.state', { sessionId: id }));
    expect(st.session.name).toBe('并发导入（改名）');
    expect(st.session.sections[1].items).toHaveLength(6);
    expect(st.revision).toBe(v0.revision + 2);
  });

  it('undoes and redoes at least 100 steps', async () => {
    const v0 = await s.newSession();
    const id = v0.session.id;
    let v = v0;
    for (let i = 1; i <= 105; i++)
      v = must(await s.c.call('sessions.rename', { sessionId: id, revision: v.revision, name: `会议 ${i}` }));
    expect(v.history.undoDepth).toBeGreaterThanOrEqual(100);
    for (let i = 104; i >= 5; i--) {
      v = must(await s.c.call('history.undo', { sessionId: id, revision: v.revision }));
      expect(v.session.name).toBe(`会议 ${i}`);
    }
    expect(v.history.canRedo).toBe(true);
    for (let i = 6; i <= 10; i++) {
      v = must(await s.c.call('history.redo', { sessionId: id, revision: v.revision }));
      expect(v.session.name).toBe(`会议 ${i}`);
    }
    const state = must(await s.c.call('history.state', { sessionId: id }));
    expect(state.canUndo && state.canRedo).toBe(true);
    // A new edit clears the redo branch.
    v = must(await s.c.call('sessions.rename', { sessionId: id, revision: v.revision, name: '新分支' }));
    expect(v.history.canRedo).toBe(false);
    const none = await s.c.call('history.redo', { sessionId: id, revision: v.revision });
    expect(!none.ok && none.error.code).toBe('history.nothing-to-redo');
  });

  it('replaces a submission with a new version, keeping the old one', async () => {
    const v0 = await s.newSession();
    const id = v0.session.id;
    const imp = await s.importInto(v0, [file('v1.md', md('初稿标题', '市政协常委 甲', '第一稿。'))]);
    const sub = imp.session.submissions[0];
    const rep = must(
      await s.c.call('submissions.replace', {
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
    const doc = must(await s.c.call('submissions.preview', { sessionId: id, submissionId: sub.id }));
    expect(JSON.stringify(doc)).toContain('第二稿');
    const got = must(await s.c.call('submissions.get', { sessionId: id, submissionId: sub.id }));
    expect(got.sectionId).toBe(rep.session.sections[0].id);
    const undone = must(await s.c.call('history.undo', { sessionId: id, revision: rep.revision }));
    expect(undone.session.submissions[0].source.sha256).toBe(sub.source.sha256);
  });
}

// Contract suite cases (outputs), run by contractSuite in suite.ts over every transport.
// Settings and outputs: settings and fonts, compile (progress, cancel, the served PDF), print
// products through export.print, and an item's stored source file.
import { expect, it } from 'vitest';
import type { CompileJob, ExportProgress } from '../../core/contract';
import { unzipSync } from 'fflate';
import { file, md, must, type SuiteContext } from './suite-kit';

export function outputCases(s: SuiteContext): void {
  it('updates settings and rejects invalid ones', async () => {
    const v0 = await s.newSession();
    const id = v0.session.id;
    const v = must(
      await s.c.call('settings.update', {
        sessionId: id,
        revision: v0.revision,
        layout: { linePitchPt: 29, itemStart: 'oddPage' },
        meta: { theme: '齐文化传承与创新', marks: { internal: true } },
      }),
    );
    expect(v.session.layout.linePitchPt).toBe(29);
    expect(v.session.layout.bodySize).toBe(16);
    expect(v.session.marks).toEqual({ internal: true, secrecy: '', watermark: '', confidentialityLine: '' });
    const g = must(await s.c.call('settings.get', { sessionId: id }));
    expect(g.meta.theme).toBe('齐文化传承与创新');
    const bad = await s.c.call('settings.update', { sessionId: id, revision: v.revision, layout: { bodySize: -3 } });
    expect(!bad.ok && bad.error.code).toBe('contract.bad-input');
  });

  it('lists fonts for the settings screen', async () => {
    const f = must(await s.c.call('fonts.list', {}));
    expect(f.builtin.map((b) => ('builtin' in b.ref ? b.ref.builtin : ''))).toContain('FandolFang');
    expect(Array.isArray(f.installed)).toBe(true);
  });

  it('cancels a running compile', async () => {
    const v0 = await s.newSession('取消编译');
    const id = v0.session.id;
    const files = Array.from({ length: 40 }, (_, i) => file(`f${i}.md`, md(`第${i}篇`, '市政协常委 甲', `内容${i}`)));
    await s.importInto(v0, files);
    const job = must(await s.c.call('compile.start', { sessionId: id, formats: ['pdf'] }));
    const cancelled = must(await s.c.call('compile.cancel', { jobId: job.jobId }));
    expect(cancelled.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const st = must(await s.c.call('compile.status', { sessionId: id }));
    expect(st?.jobId).toBe(job.jobId);
    expect(st?.state).toBe('cancelled');
  });

  it('produces print products through export.print: progress events, served files, register, handout zip, errors', async () => {
    const v0 = await s.newSession('印制会议');
    const id = v0.session.id;
    let v = must(
      await s.c.call('roster.add', { sessionId: id, revision: v0.revision, member: { name: '韩喜', sector: '' } }),
    );
    v = must(
      await s.c.call('roster.add', { sessionId: id, revision: v.revision, member: { name: '李梅', sector: '' } }),
    );
    const [s1, s2] = v.session.sections.map((s) => s.id);
    v = must(
      await s.c.call('submissions.import', {
        sessionId: id,
        revision: v.revision,
        sectionId: s1,
        files: [file('p1.md', md('发言一', '市政协常委 韩喜')), file('p2.md', md('发言二', '市政协常委 李梅'))],
      }),
    );
    v = must(
      await s.c.call('submissions.import', {
        sessionId: id,
        revision: v.revision,
        sectionId: s2,
        files: [file('p3.md', md('书面一', '市政协常委 韩喜'))],
      }),
    );
    const items = must(await s.c.call('export.items', { sessionId: id }));
    expect(items.map((x) => [x.title, x.sectionId, x.order])).toEqual([
      ['发言一', s1, 1],
      ['发言二', s1, 2],
      ['书面一', s2, 1],
    ]);
    const before = must(await s.c.call('stats.get', { sessionId: id }));
    expect(before.pagesStatus).toBe('none');
    expect(before.pagesNote).toBe('未生成');

    const seen: ExportProgress[] = [];
    const off = s.c.on('export.progress', (p) => {
      if (p.sessionId === id) seen.push(p);
    });
    const copies = must(
      await s.c.call('export.print', {
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
      const bytes = await s.h.fetchOutput(f);
      expect(bytes.length).toBe(f.size);
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    }
    expect(copies.files[0].pages! % 2).toBe(0);

    const batch = must(
      await s.c.call('export.print', { sessionId: id, as: 'handouts', batch: true, selection: { sectionId: s1 } }),
    );
    expect(batch.files.map((f) => f.name)).toEqual(['分发材料.zip']);
    const entries = Object.keys(unzipSync(await s.h.fetchOutput(batch.files[0])));
    expect(entries).toHaveLength(2);
    expect(entries.every((n) => n.endsWith('.pdf'))).toBe(true);
    expect(entries.some((n) => n.includes('发言一')) && entries.some((n) => n.includes('发言二'))).toBe(true);
    const one = must(
      await s.c.call('export.print', { sessionId: id, as: 'handouts', selection: { memberId: '李梅' } }),
    );
    expect(one.files[0].pages).toBe(1);

    await new Promise((r) => setTimeout(r, 100));
    off();
    const mine = seen.filter((p) => p.exportId === 'exp-copies-1');
    expect(mine.some((p) => p.state === 'running')).toBe(true);
    expect(mine.at(-1)?.state).toBe('done');

    const unknown = await s.c.call('export.print', {
      sessionId: id,
      as: 'handouts',
      selection: { items: ['no-such-item'] },
    });
    expect(!unknown.ok && unknown.error.code).toBe('print.handout.unknown-item');
    const refused = await s.c.call('export.print', { sessionId: id, as: 'print', targetPath: '/tmp/x.pdf' });
    expect(!refused.ok && refused.error.code).toBe('file.path-refused');
    const badKind = await (s.c.call as (n: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
      'export.print',
      { sessionId: id, as: 'poster' },
    );
    expect(badKind.error?.code).toBe('contract.bad-input');
  });

  it('cancels a running print export', async () => {
    const v0 = await s.newSession('取消印制');
    const id = v0.session.id;
    await s.importInto(v0, [file('q.md', md('材料', '市政协常委 甲'))]);
    const events: ExportProgress[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const off = s.c.on('export.progress', (p) => {
      if (p.exportId !== 'exp-cancel-1') return;
      events.push(p);
      if (p.state === 'running') started();
    });
    const pending = s.c.call('export.print', { sessionId: id, as: 'booklet', exportId: 'exp-cancel-1' });
    await running;
    const twice = await s.c.call('export.print', { sessionId: id, as: 'booklet' });
    expect(!twice.ok && twice.error.code).toBe('export.busy');
    const cancelled = must(await s.c.call('export.cancel', { exportId: 'exp-cancel-1' }));
    expect(cancelled.cancelled).toBe(1);
    // Until the cancelled run has really stopped, a new one of the same product would race it on the same file.
    const during = await s.c.call('export.print', { sessionId: id, as: 'booklet' });
    if (!during.ok) expect(during.error.message).toMatch(/正在停止/);
    const r = await pending;
    expect(!r.ok && r.error.code).toBe('export.cancelled');
    await new Promise((res) => setTimeout(res, 100));
    off();
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(events.some((e) => e.state === 'done')).toBe(false);
    expect(must(await s.c.call('export.cancel', { sessionId: id })).cancelled).toBe(0);
    // Once stopped, the same product can be made again.
    expect((await s.c.call('export.print', { sessionId: id, as: 'booklet' })).ok).toBe(true);
  });

  it('compiles with progress events and serves the PDF', async () => {
    const v0 = await s.newSession('编译会议');
    const id = v0.session.id;
    await s.importInto(v0, [file('c.md', md('编译材料', '市政协常委 甲', '这是正文。'.repeat(50)))]);
    const seen: CompileJob[] = [];
    const off = s.c.on('compile.progress', (j) => {
      if (j.sessionId === id) seen.push(j);
    });
    const job = must(await s.c.call('compile.start', { sessionId: id, formats: ['pdf'] }));
    let status: CompileJob | null = job;
    for (let i = 0; i < 600 && status && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = must(await s.c.call('compile.status', { jobId: job.jobId }));
    }
    expect(status?.state).toBe('done');
    expect(status?.result?.pageCount).toBeGreaterThan(0);
    const pdf = await s.h.fetchOutput(status!.result!.pdf!);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    await new Promise((r) => setTimeout(r, 100));
    off();
    expect(seen.some((j) => j.state === 'done')).toBe(true);
    const stats = must(await s.c.call('stats.get', { sessionId: id }));
    expect(stats.totals.pages).toBe(status!.result!.pageCount);
    expect(stats.sections[0].pages).toBe(status!.result!.pageCount);
    expect(stats.pagesStatus).toBe('current');
    const exp = must(await s.c.call('export.pdf', { sessionId: id }));
    expect(exp.size).toBeGreaterThan(0);
    // After an edit the old pages are not shown as current.
    const renamed = must(
      await s.c.call('sessions.rename', { sessionId: id, revision: v0.revision + 1, name: '编译会议（改）' }),
    );
    const stale = must(await s.c.call('stats.get', { sessionId: id }));
    expect(renamed.revision).toBe(v0.revision + 2);
    expect(stale.pagesStatus).toBe('stale');
    expect(stale.totals.pages).toBeUndefined();
    expect(stale.pagesNote).toMatch(/重新生成/);
  });

  it("serves an item's stored source file for download (submissions.source)", async () => {
    const v = await s.newSession('原件下载');
    const bytes = md('原件标题', '市政协常委 甲', '原件正文。');
    const imp = must(
      await s.c.call('submissions.import', {
        sessionId: v.session.id,
        revision: v.revision,
        files: [file('会议发言（定稿）.md', bytes)],
      }),
    );
    const sub = imp.session.submissions[0];
    const src = must(await s.c.call('submissions.source', { sessionId: v.session.id, submissionId: sub.id }));
    expect(src.originalName).toBe('会议发言（定稿）.md');
    expect(src.size).toBe(bytes.length);
    expect(await s.h.fetchOutput(src)).toEqual(bytes);
    const bad = await s.c.call('submissions.source', { sessionId: v.session.id, submissionId: 'nope' });
    expect(bad.ok).toBe(false);
  });
}

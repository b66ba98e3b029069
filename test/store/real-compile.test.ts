// The real ports end to end: sessions created from the bundled sample, imports through the batch
// importer, a compile through the real engine (core/node/compile-session), the PDF served from the
// output store and checked with pdftotext/pdfinfo.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import type { CompileJob } from '../../core/contract';
import { toBase64 } from '../../core/bytes/base64';
import { diskService, must, tempDir } from './helpers';
import { hasTool } from '../helpers/tools';

describe('real engine through the service', () => {
  let t: Awaited<ReturnType<typeof tempDir>>;
  let svc: ReturnType<typeof diskService>;
  beforeAll(async () => {
    t = await tempDir();
    svc = diskService(t.dir, { overrides: { saveRetryMs: 5000 } });
  });
  afterAll(async () => {
    await svc.service.dispose();
    await t.cleanup();
  });

  it('creates the sample session with its 55 sources stored content-addressed', async () => {
    const v = must(await svc.client.call('sessions.create', { name: '示例会议', template: 'sample' }));
    expect(v.session.submissions).toHaveLength(55);
    expect(v.notices ?? []).toEqual([]);
    expect(v.session.submissions.every((s) => /^files\/[0-9a-f]{64}\.md$/.test(s.source.file))).toBe(true);
    const stats = must(await svc.client.call('stats.get', { sessionId: v.session.id }));
    expect(stats.totals.items).toBe(55);
    expect(stats.totals.words).toBeGreaterThan(10_000);
    const sorted = must(
      await svc.client.call('sections.sort', {
        sessionId: v.session.id,
        revision: v.revision,
        sectionId: v.session.sections[1].id,
        rule: 'stroke',
      }),
    );
    expect(sorted.session.sections[1].sortRule).toBe('stroke');
    expect([...sorted.session.sections[1].items].sort()).toEqual([...v.session.sections[1].items].sort());
  });

  it('compiles a small session to a real PDF with progress', async () => {
    const v0 = must(await svc.client.call('sessions.create', { name: '政协××市常委会第一次会议', date: '2026-12-01' }));
    const files = [
      {
        name: '发言一.md',
        data: toBase64(strToU8('# 关于齐文化传承的建议\n\n市政协常委 韩喜\n\n齐文化是中华文化的重要组成部分。\n')),
      },
      {
        name: '发言二.md',
        data: toBase64(
          strToU8('# 推动文旅融合发展\n\n民盟××市委会\n\n一、基本情况\n\n近年来，我市文旅产业稳步发展。\n'),
        ),
      },
    ];
    const imp = must(
      await svc.client.call('submissions.import', {
        sessionId: v0.session.id,
        revision: v0.revision,
        sectionId: v0.session.sections[0].id,
        files,
      }),
    );
    expect(imp.report.every((r) => r.ok)).toBe(true);
    const progress: CompileJob[] = [];
    const off = svc.client.on('compile.progress', (j) => progress.push(j));
    const job = must(await svc.client.call('compile.start', { sessionId: v0.session.id, formats: ['pdf', 'docx'] }));
    let st: CompileJob | null = job;
    for (let i = 0; i < 1200 && st?.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      st = must(await svc.client.call('compile.status', { jobId: job.jobId }));
    }
    off();
    expect(st?.state, st?.error?.message).toBe('done');
    expect(progress.some((p) => p.progress.phase === 'layout')).toBe(true);
    expect(st!.result!.items.map((i) => i.submissionId)).toEqual(imp.session.sections[0].items);
    expect(st!.result!.docx?.size).toBeGreaterThan(0);
    const pdfPath = st!.result!.pdf!.path!;
    if (hasTool('pdftotext', 'PDF text checks')) {
      const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
      expect(text).toContain('关于齐文化传承的建议');
      expect(text).toContain('推动文旅融合发展');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath]).toString())![1]);
      expect(pages).toBe(st!.result!.pageCount);
    }
    const exported = path.join(t.dir, 'out.pdf');
    const e = must(await svc.client.call('export.pdf', { sessionId: v0.session.id, targetPath: exported }));
    expect(e.path).toBe(exported);
  }, 120_000);
});

// Compile jobs: one running job per session, progress pushed as 'compile.progress' events,
// cancellable through an AbortSignal. The compile itself is the injected Compiler port; this file
// only tracks jobs and never touches the session (compiling reads a frozen copy of one revision).
import type { SourceDoc } from '../model/document';
import type { Session } from '../model/session';
import { err, ok, type Result } from '../result';
import type { CompileJob } from '../contract/schemas';
import { ErrorCodes } from '../contract/errors';
import type { Emitter } from './emitter';
import type { CompileWarning, Ports } from './ports';
import { layoutWarnings } from '../model/settings-check';

interface Running {
  job: CompileJob;
  controller: AbortController;
  done: Promise<CompileJob>;
}

export class CompileJobs {
  private jobs = new Map<string, Running>();
  private latest = new Map<string, string>();

  constructor(
    private readonly ports: Ports,
    private readonly emitter: Emitter,
  ) {}

  get(jobId: string): CompileJob | undefined {
    return this.jobs.get(jobId)?.job;
  }

  /** The last job of a session that finished (its pages are the newest known). */
  lastDoneOf(sessionId: string): CompileJob | undefined {
    let best: CompileJob | undefined;
    for (const { job } of this.jobs.values())
      if (
        job.sessionId === sessionId &&
        job.state === 'done' &&
        (!best || (job.finishedAt ?? '') >= (best.finishedAt ?? ''))
      )
        best = job;
    return best;
  }

  latestOf(sessionId: string): CompileJob | undefined {
    const id = this.latest.get(sessionId);
    return id ? this.jobs.get(id)?.job : undefined;
  }

  wait(jobId: string): Promise<CompileJob> | undefined {
    return this.jobs.get(jobId)?.done;
  }

  start(
    sessionId: string,
    revision: number,
    session: Session,
    loadDocs: (
      progress?: (done: number, total: number, message: string) => void,
    ) => Promise<{ docs: Map<string, SourceDoc>; warnings: CompileWarning[] }>,
    formats: ('pdf' | 'docx')[],
  ): Result<CompileJob> {
    const compiler = this.ports.compiler;
    if (!compiler) return err('compile.unavailable', '排版引擎尚未就绪，暂时无法生成汇编');
    const prev = this.latestOf(sessionId);
    if (prev && (prev.state === 'running' || prev.state === 'queued')) {
      if (prev.revision === revision) return ok(prev);
      this.cancel(prev.jobId);
    }
    const jobId = this.ports.ids.next('job');
    const controller = new AbortController();
    const job: CompileJob = {
      jobId,
      sessionId,
      revision,
      state: 'running',
      progress: { phase: 'read', done: 0, total: session.submissions.length, message: '正在读取材料' },
      startedAt: this.ports.clock.now().toISOString(),
    };
    const t0 = this.ports.clock.now().getTime();
    const emit = () => this.emitter.emit('compile.progress', structuredClone(job));
    const finish = (patch: Partial<CompileJob>) => {
      if (job.state === 'cancelled') return;
      Object.assign(job, patch, { finishedAt: this.ports.clock.now().toISOString() });
      emit();
    };
    const done = (async (): Promise<CompileJob> => {
      emit();
      try {
        compiler.prefetch?.(session);
        // Reading sources is most of a new session's first compile: report it file by file.
        const docs = await loadDocs((d, t, message) => {
          if (job.state !== 'running' || controller.signal.aborted) return;
          job.progress = { phase: 'read', done: d, total: t, message };
          emit();
        });
        if (controller.signal.aborted) return job;
        const r = await compiler.compile(sessionId, session, docs.docs, {
          formats,
          signal: controller.signal,
          onProgress: (p) => {
            if (job.state !== 'running') return;
            job.progress = { phase: p.phase, done: p.done, total: p.total, message: p.message ?? '' };
            emit();
          },
        });
        if (!r.ok) {
          finish(
            controller.signal.aborted
              ? {}
              : { state: 'failed', error: { code: r.error.code, message: r.error.message } },
          );
          return job;
        }
        finish({
          state: 'done',
          progress: { phase: 'done', done: 1, total: 1, message: '汇编已生成' },
          result: {
            ...(r.value.pdf ? { pdf: r.value.pdf } : {}),
            ...(r.value.docx ? { docx: r.value.docx } : {}),
            ...(r.value.pageCount !== undefined ? { pageCount: r.value.pageCount } : {}),
            durationMs: this.ports.clock.now().getTime() - t0,
            items: r.value.items,
            // 印前检查 names layout problems first (sessions saved before settings were checked).
            warnings: [...layoutWarnings(session), ...docs.warnings, ...r.value.warnings],
            ...(r.value.summary ? { summary: r.value.summary } : {}),
          },
        });
      } catch (e) {
        finish({
          state: 'failed',
          error: {
            code: ErrorCodes.compileFailed,
            message: `生成汇编失败：${e instanceof Error ? e.message : String(e)}`,
          },
        });
      }
      return job;
    })();
    this.jobs.set(jobId, { job, controller, done });
    this.latest.set(sessionId, jobId);
    return ok(job);
  }

  cancel(jobId: string): Result<CompileJob> {
    const r = this.jobs.get(jobId);
    if (!r) return err(ErrorCodes.notFound, `找不到编译任务：${jobId}`);
    if (r.job.state === 'running' || r.job.state === 'queued') {
      r.controller.abort();
      r.job.state = 'cancelled';
      r.job.finishedAt = this.ports.clock.now().toISOString();
      r.job.progress = { ...r.job.progress, message: '已取消' };
      this.emitter.emit('compile.progress', structuredClone(r.job));
    }
    return ok(r.job);
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
  }
}

// Running print exports (export.print): one AbortController per export, progress pushed as
// 'export.progress' events, cancellation by export id or by session. It only tracks runs; the
// work itself is the PrintProducer port. It never keeps a finished run's controller around; a
// cancelled run stays listed (as stopping) until its work has really ended, because the producer
// only notices the signal between steps and would otherwise race a new run on the same file.
import type { ExportProgress } from '../contract/schemas';
import type { Emitter } from './emitter';

interface Run {
  sessionId: string;
  as: ExportProgress['as'];
  controller: AbortController;
}

export class PrintRuns {
  private runs = new Map<string, Run>();

  constructor(private readonly emitter: Emitter) {}

  has(exportId: string): boolean {
    return this.runs.has(exportId);
  }

  /** A run of the same product for the same session (it would write the same file); stopping = cancelled, not yet ended. */
  sameKind(sessionId: string, as: ExportProgress['as']): { id: string; stopping: boolean } | undefined {
    for (const [id, r] of this.runs)
      if (r.sessionId === sessionId && r.as === as) return { id, stopping: r.controller.signal.aborted };
    return undefined;
  }

  start(
    exportId: string,
    sessionId: string,
    as: ExportProgress['as'],
  ): { signal: AbortSignal; say: (message: string) => void } {
    const controller = new AbortController();
    this.runs.set(exportId, { sessionId, as, controller });
    const say = (message: string) => {
      if (!controller.signal.aborted) this.emit({ exportId, sessionId, as, state: 'running', message });
    };
    return { signal: controller.signal, say };
  }

  finish(exportId: string, state: 'done' | 'failed', message: string): void {
    const r = this.runs.get(exportId);
    if (!r) return;
    this.runs.delete(exportId);
    // A cancelled run already said so; its late end is not news.
    if (!r.controller.signal.aborted) this.emit({ exportId, sessionId: r.sessionId, as: r.as, state, message });
  }

  /** Cancels matching runs; returns how many were running. */
  cancel(match: { exportId?: string; sessionId?: string }): number {
    let n = 0;
    for (const [id, r] of [...this.runs]) {
      if ((match.exportId && id !== match.exportId) || (match.sessionId && r.sessionId !== match.sessionId)) continue;
      if (!match.exportId && !match.sessionId) continue;
      if (r.controller.signal.aborted) continue;
      r.controller.abort();
      this.emit({ exportId: id, sessionId: r.sessionId, as: r.as, state: 'cancelled', message: '已取消输出' });
      n++;
    }
    return n;
  }

  cancelAll(): void {
    for (const r of this.runs.values()) r.controller.abort();
    this.runs.clear();
  }

  private emit(p: ExportProgress): void {
    this.emitter.emit('export.progress', p);
  }
}

// Compile warm-up: a moment after a session opens, the Compiler port's optional warm() compiles
// part of it in memory, so the clerk's first 生成汇编 does not pay the process's cold costs (font
// files read and parsed, glyph tables, the engine's first JIT: ~780 ms cold vs ~190 ms warm for the
// 55-item sample). Once per session per process. It must never write an output, never open a
// session that was closed, and always yield to real work: any compile or print stops it.
import type { SourceDoc } from '../model/document';
import type { Session } from '../model/session';
import type { Ports } from './ports';

/** Wait after the open reply, so the first paint's follow-up calls are answered first. */
export const WARM_DELAY_MS = 300;
/** Items compiled: a whole ordinary session (12 items left the first compile at ~320 ms, all 55 at
 * ~220 ms); a huge one is capped so the background work stays under a second. The compile yields
 * between items, so calls arriving meanwhile are answered. */
export const WARM_ITEMS = 60;

/** The session with only its first `max` placed items (fewer bodies to read, a shorter block). */
export function warmSubset(s: Session, max = WARM_ITEMS): Session {
  let left = max;
  const sections = s.sections
    .map((sec) => {
      const items = sec.items.slice(0, Math.max(0, left));
      left -= items.length;
      return { ...sec, items };
    })
    .filter((sec) => sec.items.length > 0);
  return { ...s, sections };
}

export class CompileWarmup {
  private warmed = new Set<string>();
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private running?: AbortController;
  private disposed = false;

  constructor(
    private readonly ports: Ports,
    private readonly deps: {
      /** The session as it is now, or undefined when it is no longer open. */
      current(sessionId: string): Promise<Session | undefined>;
      loadDocs(sessionId: string, session: Session): Promise<{ docs: Map<string, SourceDoc> }>;
      /** True once a real compile of the session has started (then there is nothing to warm). */
      compiled(sessionId: string): boolean;
    },
  ) {}

  /** Schedules the warm-up of a just-opened session (no-op without Compiler.warm). */
  soon(sessionId: string): void {
    if (!this.ports.compiler?.warm || this.disposed || this.warmed.has(sessionId)) return;
    this.warmed.add(sessionId);
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.run(sessionId).catch(() => undefined);
    }, WARM_DELAY_MS);
    this.timers.add(t);
  }

  /** Real work wants the engine: the warm-up steps aside at its next checkpoint. */
  stop(): void {
    this.running?.abort();
    this.running = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async run(sessionId: string): Promise<void> {
    const warm = this.ports.compiler?.warm;
    if (!warm || this.disposed || this.deps.compiled(sessionId)) return;
    const session = await this.deps.current(sessionId);
    if (!session || this.disposed || this.deps.compiled(sessionId)) return;
    const part = warmSubset(session);
    // Nothing placed yet (a new session): a later open may warm it once items are placed.
    if (!part.sections.length) return void this.warmed.delete(sessionId);
    const docs = await this.deps.loadDocs(sessionId, part);
    if (this.disposed || this.deps.compiled(sessionId)) return;
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    await warm.call(this.ports.compiler, part, docs.docs, controller.signal).catch(() => undefined);
    if (this.running === controller) this.running = undefined;
  }
}

// The single owner of every open session in this process (S8): holds the current session, its
// revision, undo history and save state; runs each session's changes one at a time; refuses stale
// revisions; saves durably through the storage port and, when a save fails (disk full, read-only
// folder, rename refused), keeps the change in memory, reports 'unsaved' and retries (S4).
// It must never drop an edit silently and never write over a damaged file.
import type { Session } from '../model/session';
import { err, ok, type Result } from '../result';
import type { OpenResult, SaveState, SessionView } from '../contract/schemas';
import { ErrorCodes } from '../contract/errors';
import type { Emitter } from './emitter';
import type { Edited } from './edits';
import { History } from './history';
import { KeyedMutex } from './mutex';
import type { Ports } from './ports';
import { memberOrder } from './member-order';

export interface OpenState {
  id: string;
  session: Session;
  revision: number;
  readOnly?: { code: string; message: string };
  history: History;
  save: SaveState;
  lastSnapshotAt: number;
  /** Saved edits since the last snapshot: at SNAPSHOT_EVERY_EDITS a busy clerk gets one too. */
  editsSinceSnapshot?: number;
  retryTimer?: ReturnType<typeof setTimeout>;
  notices: { code: string; message: string }[];
}

/** A snapshot after this many edits, whatever the clock says (a damaged file loses at most these). */
export const SNAPSHOT_EVERY_EDITS = 20;

export class SessionOwner {
  private states = new Map<string, OpenState>();
  readonly mutex = new KeyedMutex();
  private disposed = false;

  constructor(
    private readonly ports: Ports,
    private readonly emitter: Emitter,
  ) {}

  isOpen(id: string): boolean {
    return this.states.has(id);
  }

  /** Opens (or returns the already open) session; damaged files come back as 'recovery'. */
  open(id: string): Promise<Result<OpenResult>> {
    return this.mutex.run(id, async () => {
      const cur = this.states.get(id);
      if (cur) {
        // Reopening a session that is still held (another tab, a reload) is an opening too: 上次打开.
        await this.ports.storage.touch(id);
        return ok({ status: 'open' as const, view: this.view(cur) });
      }
      const r = await this.load(id);
      if (!r.ok) return r;
      if ('damaged' in r.value) {
        const d = r.value.damaged;
        const snaps = await this.ports.storage.snapshots(id);
        return ok({
          status: 'recovery' as const,
          sessionId: id,
          code: d.code,
          message: d.message,
          ...(d.movedTo ? { movedTo: d.movedTo } : {}),
          snapshots: snaps.ok ? snaps.value : [],
        });
      }
      await this.ports.storage.touch(id);
      const st = r.value.state;
      const view = this.view(st, undefined, st.notices);
      st.notices = [];
      return ok({ status: 'open' as const, view });
    });
  }

  private async load(
    id: string,
  ): Promise<Result<{ state: OpenState } | { damaged: { code: string; message: string; movedTo?: string } }>> {
    const r = await this.ports.storage.open(id);
    if (!r.ok) return r;
    const o = r.value;
    if (o.status === 'damaged') return ok({ damaged: { code: o.code, message: o.message, movedTo: o.movedTo } });
    const st: OpenState = {
      id,
      session: o.session,
      revision: o.revision,
      ...(o.readOnly ? { readOnly: o.readOnly } : {}),
      history: new History(),
      save: { state: 'saved', savedRevision: o.revision },
      lastSnapshotAt: 0,
      notices: o.notices,
    };
    this.states.set(id, st);
    return ok({ state: st });
  }

  /** The open state (opening it if needed); a damaged session is an error here. Call inside the mutex. */
  private async ensure(id: string): Promise<Result<OpenState>> {
    const cur = this.states.get(id);
    if (cur) return ok(cur);
    const r = await this.load(id);
    if (!r.ok) return r;
    if ('damaged' in r.value) return err(ErrorCodes.sessionDamaged, r.value.damaged.message);
    return ok(r.value.state);
  }

  /** Runs a read-only function over the current state. */
  read<T>(id: string, fn: (st: OpenState) => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
    return this.mutex.run(id, async () => {
      const st = await this.ensure(id);
      if (!st.ok) return st;
      return fn(st.value);
    });
  }

  checkRevision(st: OpenState, revision: number | undefined): Result<void> {
    if (st.readOnly) return err(ErrorCodes.readOnly, st.readOnly.message);
    if (revision !== undefined && revision !== st.revision) {
      return err(
        ErrorCodes.staleRevision,
        `会议“${st.session.name}”已在别处被修改（当前版本 ${st.revision}，您提交的版本 ${revision}），您的修改未保存，请刷新后重试`,
      );
    }
    return ok(undefined);
  }

  /** The open state when it may be written at this revision (opening it if needed). Call inside the mutex. */
  private async ensureWritable(id: string, revision: number | undefined): Promise<Result<OpenState>> {
    const r = await this.ensure(id);
    if (!r.ok) return r;
    const chk = this.checkRevision(r.value, revision);
    return chk.ok ? r : chk;
  }

  /** Applies one edit: revision check, history, durable save, event. */
  edit(
    /** revision undefined = apply to whatever is current (only for additive, commuting changes). */
    ref: { sessionId: string; revision: number | undefined },
    label: string,
    fn: (s: Session, st: OpenState) => Result<Edited> | Promise<Result<Edited>>,
    /** A destructive edit (remove, sort, bulk import): snapshot the state before it, always. */
    opts: { snapshotBefore?: 'before-change' | 'before-import' } = {},
  ): Promise<Result<SessionView>> {
    return this.mutex.run(ref.sessionId, async () => {
      const r = await this.ensureWritable(ref.sessionId, ref.revision);
      if (!r.ok) return r;
      const st = r.value;
      const e = await fn(st.session, st);
      if (!e.ok) return e;
      await this.maybeSnapshot(st, opts.snapshotBefore);
      st.history.push(label, st.session, e.value.session);
      await this.commit(st, e.value.session);
      return ok(this.view(st, e.value.created));
    });
  }

  /** Undo / redo as edits of their own (new revision, saved like any edit). */
  step(ref: { sessionId: string; revision: number }, dir: 'undo' | 'redo'): Promise<Result<SessionView>> {
    return this.mutex.run(ref.sessionId, async () => {
      const r = await this.ensureWritable(ref.sessionId, ref.revision);
      if (!r.ok) return r;
      const st = r.value;
      const s = dir === 'undo' ? st.history.undo() : st.history.redo();
      if (!s)
        return dir === 'undo'
          ? err(ErrorCodes.nothingToUndo, '没有可撤销的操作')
          : err(ErrorCodes.nothingToRedo, '没有可重做的操作');
      await this.commit(st, s.session);
      return ok(
        this.view(st, undefined, [
          { code: `history.${dir}`, message: `${dir === 'undo' ? '已撤销' : '已重做'}：${s.label}` },
        ]),
      );
    });
  }

  /**
   * Replaces the whole session (snapshot restore, recovery). Works on a damaged session too: the
   * damaged file was already moved aside, so writing here never overwrites it.
   */
  replace(
    id: string,
    revision: number | undefined,
    session: Session,
    baseRevision: number,
    notice: { code: string; message: string },
  ): Promise<Result<SessionView>> {
    return this.mutex.run(id, async () => {
      let st = this.states.get(id);
      if (!st) {
        const r = await this.load(id);
        if (!r.ok && r.error.code !== ErrorCodes.sessionNotFound) return r;
        if (r.ok && 'state' in r.value) st = r.value.state;
      }
      if (st) {
        if (st.readOnly) return err(ErrorCodes.readOnly, st.readOnly.message);
        if (revision === undefined)
          return err(ErrorCodes.badInput, '会议已打开，恢复快照时必须提供当前版本号（revision）');
        const chk = this.checkRevision(st, revision);
        if (!chk.ok) return chk;
        // The current state becomes a snapshot too, so a restore can be undone by restoring.
        await this.ports.storage.snapshot(id, st.session, st.revision, 'before-restore');
        st.history.push('恢复快照', st.session, session);
        await this.commit(st, session);
      } else {
        st = {
          id,
          session,
          revision: baseRevision,
          history: new History(),
          save: { state: 'saving' },
          lastSnapshotAt: this.ports.clock.now().getTime(),
          notices: [],
        };
        this.states.set(id, st);
        await this.commit(st, session);
        await this.ports.storage.touch(id);
      }
      return ok(this.view(st, undefined, [notice]));
    });
  }

  /** Retries a failed save now. */
  retry(id: string): Promise<Result<SaveState>> {
    return this.mutex.run(id, async () => {
      const st = this.states.get(id);
      if (!st) return err(ErrorCodes.sessionNotFound, `会议未打开：${id}`);
      if (st.save.state !== 'saved') await this.persist(st);
      return ok(st.save);
    });
  }

  /** Forgets an open session (before delete / after close). Unsaved changes refuse the close. */
  close(id: string, force = false): Promise<Result<void>> {
    return this.mutex.run(id, async () => {
      const st = this.states.get(id);
      if (!st) return ok(undefined);
      // Unsaved changes get one more try even when forced (app quitting): never drop them untried.
      if (st.save.state !== 'saved') {
        await this.persist(st);
        if ((st.save as SaveState).state !== 'saved' && !force)
          return err(ErrorCodes.saveFailed, `会议“${st.session.name}”有未保存的修改：${st.save.error?.message ?? ''}`);
      }
      if (st.retryTimer) clearTimeout(st.retryTimer);
      this.states.delete(id);
      await this.ports.storage.close(id);
      return ok(undefined);
    });
  }

  /** Stops retry timers (process shutdown, tests). */
  dispose(): void {
    this.disposed = true;
    for (const st of this.states.values()) if (st.retryTimer) clearTimeout(st.retryTimer);
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.states.keys()]) await this.close(id, true);
  }

  view(st: OpenState, created?: string[], notices?: { code: string; message: string }[]): SessionView {
    return {
      session: st.session,
      revision: st.revision,
      save: st.save,
      history: st.history.state(),
      memberOrder: memberOrder(st.session),
      ...(st.readOnly ? { readOnly: st.readOnly } : {}),
      ...(created?.length ? { created } : {}),
      ...(notices?.length ? { notices } : {}),
    };
  }

  private async maybeSnapshot(st: OpenState, before?: 'before-change' | 'before-import'): Promise<void> {
    const now = this.ports.clock.now().getTime();
    const edits = st.editsSinceSnapshot ?? 0;
    st.editsSinceSnapshot = edits + 1;
    // Snapshot the state before this edit: that is what a clerk wants back after a bad change.
    // A destructive edit is snapshotted even while saves fail: the in-memory state is the only copy.
    const reason =
      before ??
      (st.save.state !== 'saved'
        ? null
        : edits >= SNAPSHOT_EVERY_EDITS
          ? 'edits'
          : now - st.lastSnapshotAt >= (this.ports.snapshotEveryMs ?? 5 * 60_000)
            ? 'auto'
            : null);
    if (!reason) return;
    const r = await this.ports.storage.snapshot(st.id, st.session, st.revision, reason);
    if (r.ok) {
      st.lastSnapshotAt = now;
      st.editsSinceSnapshot = 1;
    }
  }

  private async commit(st: OpenState, session: Session): Promise<void> {
    st.session = session;
    st.revision += 1;
    await this.persist(st);
  }

  private async persist(st: OpenState): Promise<void> {
    const prev = st.save;
    st.save = {
      state: 'saving',
      ...(prev.savedAt ? { savedAt: prev.savedAt } : {}),
      ...(prev.savedRevision !== undefined ? { savedRevision: prev.savedRevision } : {}),
    };
    const r = await this.ports.storage.save(st.id, st.session, st.revision);
    if (r.ok) {
      st.save = { state: 'saved', savedAt: r.value.savedAt, savedRevision: st.revision };
      if (st.retryTimer) clearTimeout(st.retryTimer);
      st.retryTimer = undefined;
    } else {
      st.save = {
        state: 'unsaved',
        error: { code: r.error.code, message: r.error.message },
        ...(prev.savedAt ? { savedAt: prev.savedAt } : {}),
        ...(prev.savedRevision !== undefined ? { savedRevision: prev.savedRevision } : {}),
      };
      this.scheduleRetry(st);
    }
    this.emitter.emit('session.changed', { sessionId: st.id, revision: st.revision, save: st.save });
  }

  private scheduleRetry(st: OpenState): void {
    if (st.retryTimer || this.disposed) return;
    st.retryTimer = setTimeout(() => {
      st.retryTimer = undefined;
      if (this.disposed || this.states.get(st.id) !== st) return;
      void this.mutex.run(st.id, async () => {
        if (st.save.state !== 'saved') await this.persist(st);
      });
    }, this.ports.saveRetryMs ?? 5000);
  }
}

// In-memory ports for tests and the contract suite: same behaviour as the disk store where it
// matters to the service (copies in and out, revision kept, snapshots, trash), plus a switch to
// make saves fail (S4 without a disk). Never used by the app.
import type { SourceDoc } from '../model/document';
import { SessionSchema, type Session } from '../model/session';
import { err, ok, type Result } from '../result';
import type { OutputFile, SessionSummary, SnapshotInfo, TrashEntry } from '../contract/schemas';
import { ErrorCodes } from '../contract/errors';
import { registryImporter } from './default-ports';
import { sha256Hex } from './hash';
import type { BodyStore, Clock, FileStore, Ids, OutputStore, Ports, SessionStorage } from './ports';

const clone = <T>(v: T): T => structuredClone(v);

interface Stored {
  session: Session;
  revision: number;
  updatedAt: string;
  openedAt?: string;
  snapshots: { info: SnapshotInfo; session: Session }[];
  /** Raw text to simulate a damaged file (tests). */
  damaged?: string;
}

export class MemoryStorage implements SessionStorage {
  readonly docs = new Map<string, Stored>();
  readonly trashed = new Map<string, { entry: TrashEntry; stored: Stored }>();
  /** When set, save() fails with this error (disk full, read-only …) and keeps the old state. */
  failSaves: { code: string; message: string } | null = null;
  saves = 0;

  constructor(private readonly clock: Clock) {}

  async list(): Promise<Result<SessionSummary[]>> {
    return ok(
      [...this.docs.entries()].map(([id, d]) => ({
        id,
        name: d.session.name,
        theme: d.session.theme,
        date: d.session.date,
        submissionCount: d.session.submissions.length,
        memberCount: d.session.members.length,
        updatedAt: d.updatedAt,
        ...(d.openedAt ? { openedAt: d.openedAt } : {}),
        ...(d.damaged !== undefined ? { damaged: true } : {}),
      })),
    );
  }
  async exists(id: string) {
    return this.docs.has(id);
  }
  /** A fresh stored session at revision 0 (create, copy). */
  private newDoc(session: Session): Stored {
    return { session: clone(session), revision: 0, updatedAt: this.clock.now().toISOString(), snapshots: [] };
  }
  async create(id: string, session: Session): Promise<Result<void>> {
    if (this.docs.has(id)) return err('store.exists', `会议已存在：${id}`);
    this.docs.set(id, this.newDoc(session));
    return ok(undefined);
  }
  async open(id: string) {
    const d = this.docs.get(id);
    if (!d) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    if (d.damaged !== undefined) {
      d.damaged = undefined;
      return ok({
        status: 'damaged' as const,
        code: 'store.session-not-json',
        message: '会议文件已损坏，已移到一旁；请从快照恢复',
        movedTo: 'session.corrupt.json',
      });
    }
    return ok({ status: 'ok' as const, session: clone(d.session), revision: d.revision, notices: [] });
  }
  async save(id: string, session: Session, revision: number): Promise<Result<{ savedAt: string }>> {
    if (this.failSaves) return err(this.failSaves.code, this.failSaves.message);
    const d = this.docs.get(id);
    const savedAt = this.clock.now().toISOString();
    const parsed = SessionSchema.safeParse(session);
    if (!parsed.success) return err('store.invalid-session', '要保存的会议数据无效');
    if (!d) this.docs.set(id, { session: clone(parsed.data), revision, updatedAt: savedAt, snapshots: [] });
    else Object.assign(d, { session: clone(parsed.data), revision, updatedAt: savedAt });
    this.saves++;
    return ok({ savedAt });
  }
  async close() {}
  async touch(id: string) {
    const d = this.docs.get(id);
    if (d) d.openedAt = this.clock.now().toISOString();
  }
  /** Copies the files kept elsewhere (set by memoryPorts), as the disk store copies the folder. */
  copyHook?: (fromId: string, toId: string) => void;

  async copy(fromId: string, toId: string, session: Session): Promise<Result<void>> {
    if (!this.docs.has(fromId)) return err(ErrorCodes.sessionNotFound, `找不到会议：${fromId}`);
    this.copyHook?.(fromId, toId);
    this.docs.set(toId, this.newDoc(session));
    return ok(undefined);
  }
  async trash(id: string): Promise<Result<TrashEntry>> {
    const d = this.docs.get(id);
    if (!d) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    const entry = {
      trashId: `t-${id}-${this.trashed.size + 1}`,
      sessionId: id,
      name: d.session.name,
      deletedAt: this.clock.now().toISOString(),
    };
    this.trashed.set(entry.trashId, { entry, stored: d });
    this.docs.delete(id);
    return ok(entry);
  }
  async trashList() {
    return ok([...this.trashed.values()].map((t) => t.entry));
  }
  async trashRestore(trashId: string): Promise<Result<string>> {
    const t = this.trashed.get(trashId);
    if (!t) return err(ErrorCodes.notFound, `回收站中没有：${trashId}`);
    let id = t.entry.sessionId;
    if (this.docs.has(id)) id = `${id}-r${Date.now().toString(36)}`;
    this.docs.set(id, { ...t.stored, session: { ...t.stored.session, id } });
    this.trashed.delete(trashId);
    return ok(id);
  }
  async trashEmpty(ids?: string[]) {
    const gone = ids ?? [...this.trashed.keys()];
    let n = 0;
    for (const id of gone) if (this.trashed.delete(id)) n++;
    return ok(n);
  }
  async snapshot(
    id: string,
    session: Session,
    revision: number,
    reason: SnapshotInfo['reason'],
  ): Promise<Result<SnapshotInfo>> {
    const d = this.docs.get(id);
    if (!d) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    const info: SnapshotInfo = {
      id: `snap-${d.snapshots.length + 1}`,
      createdAt: this.clock.now().toISOString(),
      reason,
      revision,
      name: session.name,
      submissionCount: session.submissions.length,
      bytes: JSON.stringify(session).length,
    };
    d.snapshots.push({ info, session: clone(session) });
    if (d.snapshots.length > 20) d.snapshots.shift();
    return ok(info);
  }
  async snapshots(id: string) {
    const d = this.docs.get(id);
    return ok(d ? d.snapshots.map((s) => s.info).reverse() : []);
  }
  async readSnapshot(id: string, snapshotId: string) {
    const s = this.docs.get(id)?.snapshots.find((x) => x.info.id === snapshotId);
    return s
      ? ok({ session: clone(s.session), revision: s.info.revision })
      : err(ErrorCodes.snapshotNotFound, `找不到快照：${snapshotId}`);
  }
}

export class MemoryFiles implements FileStore {
  readonly files = new Map<string, Uint8Array>();
  readonly bodies = new Map<string, SourceDoc>();
  readonly outputs = new Map<string, Uint8Array>();

  async put(sessionId: string, bytes: Uint8Array, ext: string) {
    const sha256 = await sha256Hex(bytes);
    const file = `files/${sha256}.${ext.toLowerCase()}`;
    this.files.set(`${sessionId}/${file}`, bytes.slice());
    return ok({ file, sha256 });
  }
  async get(sessionId: string, file: string): Promise<Result<Uint8Array>> {
    const b = this.files.get(`${sessionId}/${file}`);
    return b ? ok(b.slice()) : err('file.not-found', `找不到文件：${file}`, { file });
  }
  copySession(fromId: string, toId: string): void {
    for (const m of [this.files, this.bodies] as Map<string, unknown>[]) {
      for (const [k, v] of [...m]) if (k.startsWith(`${fromId}/`)) m.set(`${toId}/${k.slice(fromId.length + 1)}`, v);
    }
  }

  readonly bodyStore: BodyStore = {
    put: async (sessionId, key, doc) => {
      this.bodies.set(`${sessionId}/${key}`, clone(doc));
      return ok(undefined);
    },
    get: async (sessionId, key) => {
      const d = this.bodies.get(`${sessionId}/${key}`);
      return d ? ok(clone(d)) : err('body.not-found', `找不到正文：${key}`);
    },
    has: async (sessionId, key) => this.bodies.has(`${sessionId}/${key}`),
  };
  readonly outputStore: OutputStore = {
    write: async (sessionId, name, bytes) => {
      this.outputs.set(`${sessionId}/${name}`, bytes.slice());
      return ok({ ...this.outputStore.describe(sessionId, name), size: bytes.length });
    },
    read: async (sessionId, name) => {
      const b = this.outputs.get(`${sessionId}/${name}`);
      return b ? ok(b.slice()) : err('file.not-found', `找不到文件：${name}`);
    },
    describe: (sessionId, name): OutputFile => ({
      name,
      url: `/files/${encodeURIComponent(sessionId)}/${encodeURIComponent(name)}`,
      size: this.outputs.get(`${sessionId}/${name}`)?.length ?? 0,
    }),
  };
}

/** A clock tests can move. */
export class ManualClock implements Clock {
  constructor(private t = Date.parse('2026-11-28T08:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export const counterIds = (): Ids => {
  let n = 0;
  return { next: (prefix) => `${prefix}-${(++n).toString(36)}` };
};

export function memoryPorts(
  overrides: Partial<Ports> = {},
): Ports & { storage: MemoryStorage; mem: MemoryFiles; clock: Clock } {
  const clock = (overrides.clock as Clock) ?? new ManualClock();
  const storage = new MemoryStorage(clock);
  const mem = new MemoryFiles();
  storage.copyHook = (from, to) => mem.copySession(from, to);
  return {
    storage,
    files: mem,
    bodies: mem.bodyStore,
    outputs: mem.outputStore,
    clock,
    ids: counterIds(),
    importer: registryImporter,
    saveRetryMs: 50,
    ...overrides,
    mem,
  } as Ports & { storage: MemoryStorage; mem: MemoryFiles; clock: Clock };
}

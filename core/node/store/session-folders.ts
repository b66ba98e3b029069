// The part of the session store that works on ONE session folder, wherever it is: open (owner
// lock, stray temps removed, S2 recovery: a damaged session.json is moved aside, never overwritten,
// and the snapshots offered; S3 migration with a backup first; a newer file opens read-only),
// durable save through lowdb with the durable adapter, close, and the snapshot ring. The data
// folder's store (session-store.ts: <data>/sessions/<id>/) and the CLI's session-folder store
// (core/node/folder-ports.ts: any folder with a session.json) both extend it: one writer, one lock.
import path from 'node:path';
import { Low } from 'lowdb';
import { SCHEMA_VERSION, SessionSchema, describeIssues, type Session } from '../../model/session';
import { AppException, err, ok, type Result } from '../../result';
import type { SnapshotInfo } from '../../contract/schemas';
import { ErrorCodes } from '../../contract/errors';
import type { StoredOpen } from '../../service/ports';
import { classifySessionBytes } from './classify';
import { DamagedFile, DurableJsonAdapter, type StoredFile } from './durable-adapter';
import { durableWrite } from './durable-write';
import type { FsPort } from './fs-port';
import { MIGRATIONS, migrate, versionOf, type Migration } from './migrations';
import { OwnerLocks } from './owner-lock';
import { SnapshotRing, parseSnapshotId } from './snapshots';
import { removeStrayTemps } from './stray-temps';

export const SESSION_FILE = 'session.json';
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
export const isSafeId = (id: string) => ID_RE.test(id);

export const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export interface SessionFolderOptions {
  fs: FsPort;
  now?: () => Date;
  migrations?: Migration[];
  schemaVersion?: number;
  /** JSON indentation of session.json (undefined = compact). */
  space?: number;
}

interface OpenEntry {
  low: Low<StoredFile>;
  readOnly?: { code: string; message: string };
}

export abstract class SessionFolders {
  protected readonly fs: FsPort;
  protected readonly now: () => Date;
  protected readonly ring: SnapshotRing;
  protected readonly locks: OwnerLocks;
  protected readonly lows = new Map<string, OpenEntry>();
  protected readonly migrations: Migration[];
  protected readonly schemaVersion: number;

  constructor(protected readonly opts: SessionFolderOptions) {
    this.fs = opts.fs;
    this.now = opts.now ?? (() => new Date());
    this.ring = new SnapshotRing(this.fs, this.now);
    this.locks = new OwnerLocks(this.fs);
    this.migrations = opts.migrations ?? MIGRATIONS;
    this.schemaVersion = opts.schemaVersion ?? SCHEMA_VERSION;
  }

  /** The folder of a session; throws AppException for an id that names no folder here. */
  abstract dirOf(id: string): string;

  protected fileOf(id: string) {
    return path.join(this.dirOf(id), SESSION_FILE);
  }

  protected serialize(session: Session, revision: number): Record<string, unknown> {
    return { ...session, $store: { revision, savedAt: this.now().toISOString(), app: 'huibian' } };
  }

  protected lowOf(id: string): OpenEntry {
    let e = this.lows.get(id);
    if (!e) {
      // One lowdb instance per file, for the life of the process (two would race on the temp file).
      e = {
        low: new Low<StoredFile>(new DurableJsonAdapter(this.fs, this.fileOf(id), this.opts.space), {
          json: {},
          bom: false,
        }),
      };
      this.lows.set(id, e);
    }
    return e;
  }

  async exists(id: string): Promise<boolean> {
    if (!isSafeId(id)) return false;
    try {
      return (await this.fs.stat(this.dirOf(id))).isDirectory();
    } catch {
      return false;
    }
  }

  /** What open() decides, without writing: an older file is migrated in memory, then checked. */
  protected wouldOpen(json: Record<string, unknown>): boolean {
    const v = versionOf(json);
    if (v > this.schemaVersion) return true; // shown read-only; open() names the version
    try {
      return SessionSchema.safeParse(
        v < this.schemaVersion ? migrate(json, this.migrations, this.schemaVersion).json : json,
      ).success;
    } catch {
      return false;
    }
  }

  async open(id: string): Promise<Result<StoredOpen>> {
    if (!(await this.exists(id))) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    const dir = this.dirOf(id);
    const file = this.fileOf(id);
    const notices: { code: string; message: string }[] = [];
    const entry = this.lowOf(id);
    const holder = await this.locks.acquire(dir);
    entry.readOnly = holder
      ? {
          code: 'store.owned-elsewhere',
          message: `会议正由另一个汇编窗口或程序打开（${holder.host}，进程 ${holder.pid}），此处只读；请在那边编辑，或关闭那边后重新打开`,
        }
      : undefined;
    if (!entry.readOnly) await this.removeStrayTemps(dir);
    let stored: StoredFile | null;
    try {
      stored = await entry.low.adapter.read();
    } catch (e) {
      if (e instanceof DamagedFile) return ok(await this.damaged(id, e.code, e.why));
      return err('store.read-failed', `无法读取会议文件 ${file}：${(e as Error).message}`, { file });
    }
    if (!stored) {
      return ok({
        status: 'damaged',
        code: 'store.session-missing',
        message: `会议文件 ${file} 不存在（可能已被移走或删除）。请从快照恢复。`,
      });
    }
    let json = stored.json;
    if (stored.bom) {
      await this.copyAside(id, `session.bom-${stamp(this.now())}.json`);
      notices.push({
        code: 'store.bom-removed',
        message: '会议文件开头有 BOM 标记（可能被记事本另存过），已正常读取，下次保存时去除；原文件已备份',
      });
    }
    const v = versionOf(json);
    if (v > this.schemaVersion) {
      const p = SessionSchema.safeParse(json);
      const message = `会议文件由更新版本的汇编保存（数据版本 ${v}，本程序支持 ${this.schemaVersion}），为避免丢失数据，此处只读打开。请升级汇编后再编辑。`;
      if (!p.success) return err('store.session-newer', message, { file });
      entry.readOnly = { code: 'store.session-newer', message };
      return ok({
        status: 'ok',
        session: { ...p.data, id },
        revision: revisionOf(json),
        readOnly: entry.readOnly,
        notices,
      });
    }
    if (v < this.schemaVersion) {
      // Backup first: if anything below fails, the original is still there under its own name.
      const backup = `session.v${v}-backup-${stamp(this.now())}.json`;
      const b = await this.copyAside(id, backup);
      if (!b.ok)
        return err('store.migration-failed', `升级会议数据前无法备份（${b.error.message}），未做任何修改`, { file });
      let migrated: ReturnType<typeof migrate>;
      try {
        migrated = migrate(json, this.migrations, this.schemaVersion);
      } catch (e) {
        return err(
          'store.migration-failed',
          `升级会议数据失败（版本 ${v}）：${(e as Error).message}；原文件已备份为 ${backup}`,
          { file },
        );
      }
      json = migrated.json;
      notices.push({
        code: 'store.migrated',
        message: `会议数据已从版本 ${v} 升级到 ${this.schemaVersion}（${migrated.applied.map((m) => m.description).join('；')}），原文件已备份为 ${backup}`,
      });
    }
    const parsed = SessionSchema.safeParse(json);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return ok(
        await this.damaged(id, 'store.session-invalid', `内容不符合会议数据格式：${issues.slice(0, 3).join('；')}`),
      );
    }
    const session = { ...parsed.data, id };
    const revision = revisionOf(json);
    if (v < this.schemaVersion && !entry.readOnly) {
      const w = await this.save(id, session, revision);
      if (!w.ok) notices.push({ code: w.error.code, message: `升级后的数据暂未能保存：${w.error.message}` });
    }
    return ok({ status: 'ok', session, revision, ...(entry.readOnly ? { readOnly: entry.readOnly } : {}), notices });
  }

  /** Temp files left by a process killed mid-save (S1): never read, removed by the next owner in every subfolder. */
  private async removeStrayTemps(dir: string): Promise<void> {
    await removeStrayTemps(this.fs, dir);
  }

  /** Moves a damaged session.json aside and describes what happened and what to do. */
  protected async damaged(id: string, code: string, why: string): Promise<StoredOpen> {
    const file = this.fileOf(id);
    const movedTo = `session.corrupt-${stamp(this.now())}.json`;
    let moved = true;
    try {
      await this.fs.rename(file, path.join(this.dirOf(id), movedTo));
    } catch {
      // Can't move it (locked, read-only folder): keep a copy aside instead, and if even that
      // fails, refuse every write to this session so the damaged file is never written over.
      moved = (await this.copyAside(id, movedTo)).ok;
      if (!moved)
        this.lowOf(id).readOnly = {
          code: 'store.session-damaged',
          message: `会议文件 ${file} 已损坏且无法备份，为免覆盖原文件，暂不写入；请检查文件夹权限后重试`,
        };
    }
    const snaps = await this.snapshots(id);
    const newest = snaps.ok ? snaps.value[0] : undefined;
    const offer = newest
      ? `最新的完好快照保存于 ${newest.createdAt.replace('T', ' ').slice(0, 19)}（${newest.submissionCount} 份材料），可以恢复。`
      : '没有可用的快照，可从回收站或会议包恢复。';
    return {
      status: 'damaged',
      code,
      message: `会议文件 ${file} 已损坏：${why}。${moved ? `已将它移到 ${movedTo}（原样保留，不会被覆盖）。` : ''}${offer}`,
      ...(moved ? { movedTo } : {}),
    };
  }

  protected async copyAside(id: string, name: string): Promise<Result<void>> {
    try {
      const bytes = await this.fs.readFile(this.fileOf(id));
      return durableWrite(this.fs, path.join(this.dirOf(id), name), bytes);
    } catch (e) {
      return err('store.backup-failed', `无法备份会议文件：${(e as Error).message}`);
    }
  }

  async save(id: string, session: Session, revision: number): Promise<Result<{ savedAt: string }>> {
    if (!isSafeId(id)) return err(ErrorCodes.badInput, `会议编号无效：${id}`);
    const entry = this.lowOf(id);
    if (entry.readOnly) return err(ErrorCodes.readOnly, entry.readOnly.message);
    const json = this.serialize({ ...session, id }, revision);
    entry.low.data = { json, bom: false };
    try {
      await entry.low.write();
    } catch (e) {
      if (e instanceof AppException) return { ok: false, error: e.error };
      return err(ErrorCodes.saveFailed, `保存失败：${(e as Error).message}`);
    }
    return ok({ savedAt: (json.$store as { savedAt: string }).savedAt });
  }

  async close(id: string): Promise<void> {
    if (!isSafeId(id)) return;
    const e = this.lows.get(id);
    this.lows.delete(id);
    if (e && !e.readOnly) await this.locks.release(this.dirOf(id));
  }

  async snapshot(
    id: string,
    session: Session,
    revision: number,
    reason: SnapshotInfo['reason'],
  ): Promise<Result<SnapshotInfo>> {
    if (!(await this.exists(id))) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    return this.ring.take(this.dirOf(id), JSON.stringify(this.serialize(session, revision)), {
      revision,
      reason,
      name: session.name,
      submissionCount: session.submissions.length,
    });
  }

  /** Good snapshots only (a damaged one is never offered), newest first. */
  async snapshots(id: string): Promise<Result<SnapshotInfo[]>> {
    if (!(await this.exists(id))) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    const dir = this.dirOf(id);
    const out: SnapshotInfo[] = [];
    for (const sid of await this.ring.ids(dir)) {
      const p = parseSnapshotId(sid)!;
      try {
        const bytes = await this.fs.readFile(this.ring.pathOf(dir, sid)!);
        const c = classifySessionBytes(bytes);
        if (!c.ok) continue;
        const j = c.json as Record<string, unknown>;
        out.push({
          id: sid,
          createdAt: p.createdAt.toISOString(),
          reason: p.reason,
          revision: p.revision,
          name: typeof j.name === 'string' ? j.name : '',
          submissionCount: Array.isArray(j.submissions) ? j.submissions.length : 0,
          bytes: bytes.length,
        });
      } catch {
        // unreadable snapshot: skip
      }
    }
    return ok(out);
  }

  async readSnapshot(id: string, snapshotId: string): Promise<Result<{ session: Session; revision: number }>> {
    if (!(await this.exists(id))) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    const file = this.ring.pathOf(this.dirOf(id), snapshotId);
    if (!file) return err(ErrorCodes.snapshotNotFound, `找不到快照：${snapshotId.slice(0, 60)}`);
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(file);
    } catch {
      return err(ErrorCodes.snapshotNotFound, `找不到快照：${snapshotId}`);
    }
    const c = classifySessionBytes(bytes);
    if (!c.ok) return err('store.snapshot-damaged', `快照 ${snapshotId} 已损坏：${c.why}`);
    let json = c.json as Record<string, unknown>;
    if (versionOf(json) > this.schemaVersion)
      return err('store.session-newer', `快照由更新版本的汇编保存（数据版本 ${versionOf(json)}），无法恢复`);
    if (versionOf(json) < this.schemaVersion) json = migrate(json, this.migrations, this.schemaVersion).json;
    const p = SessionSchema.safeParse(json);
    if (!p.success)
      return err(
        'store.snapshot-damaged',
        `快照 ${snapshotId} 内容无效：${describeIssues(p.error).slice(0, 3).join('；')}`,
      );
    return ok({ session: { ...p.data, id }, revision: revisionOf(json) });
  }
}

export function revisionOf(json: Record<string, unknown>): number {
  const s = json.$store as { revision?: unknown } | undefined;
  return s && typeof s.revision === 'number' && s.revision >= 0 ? Math.floor(s.revision) : 0;
}

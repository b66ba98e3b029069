// The disk session store: one folder per session under <data>/sessions/<id>/ holding session.json
// (through lowdb with the durable adapter), files/, bodies/, outputs/, snapshots/ and owner.lock;
// deleted sessions go to <data>/trash/. Opening, saving, recovery, migration and snapshots of one
// folder are SessionFolders' (session-folders.ts); this adds the list, create, copy, the recent
// list and the trash. Ids come off the wire: every id is checked before a path is built from it.
import path from 'node:path';
import type { Session } from '../../model/session';
import { AppException, err, ok, type Result } from '../../result';
import type { SessionSummary, TrashEntry } from '../../contract/schemas';
import { ErrorCodes } from '../../contract/errors';
import type { SessionStorage } from '../../service/ports';
import { classifySessionBytes } from './classify';
import { durableWrite } from './durable-write';
import { versionOf } from './migrations';
import { SESSION_FILE, SessionFolders, isSafeId, stamp, type SessionFolderOptions } from './session-folders';

export { SESSION_FILE, isSafeId };

export interface DiskStoreOptions extends SessionFolderOptions {
  dataDir: string;
}

/** The list row of a session whose file cannot be read or would not open. */
function damagedSummary(id: string): SessionSummary {
  return { id, name: `（损坏的会议 ${id}）`, theme: '', date: '', submissionCount: 0, memberCount: 0, damaged: true };
}

export class DiskSessionStore extends SessionFolders implements SessionStorage {
  readonly sessionsDir: string;
  readonly trashDir: string;
  private summaryCache = new Map<string, { mtimeMs: number; size: number; summary: SessionSummary }>();

  constructor(protected override readonly opts: DiskStoreOptions) {
    super(opts);
    this.sessionsDir = path.join(opts.dataDir, 'sessions');
    this.trashDir = path.join(opts.dataDir, 'trash');
  }

  override dirOf(id: string): string {
    if (!isSafeId(id))
      throw new AppException({ code: ErrorCodes.sessionNotFound, message: `会议编号无效：${id.slice(0, 40)}` });
    return path.join(this.sessionsDir, id);
  }

  async list(): Promise<Result<SessionSummary[]>> {
    let ids: string[];
    try {
      ids = (await this.fs.readdir(this.sessionsDir)).filter(isSafeId);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
      return err('store.list-failed', `无法读取会议文件夹 ${this.sessionsDir}：${(e as Error).message}`);
    }
    const recent = await this.readRecent();
    const out: SessionSummary[] = [];
    for (const id of ids) {
      const file = this.fileOf(id);
      let st: { size: number; mtimeMs: number };
      try {
        st = await this.fs.stat(file);
      } catch {
        out.push({ ...damagedSummary(id), ...(recent[id] ? { openedAt: recent[id] } : {}) });
        continue;
      }
      const cached = this.summaryCache.get(id);
      let summary = cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size ? cached.summary : undefined;
      if (!summary) {
        const c = classifySessionBytes(await this.fs.readFile(file).catch(() => new Uint8Array(0)));
        const invalid = c.ok && !this.wouldOpen(c.json as Record<string, unknown>);
        if (!c.ok || invalid) summary = damagedSummary(id);
        else {
          const j = c.json as Record<string, unknown>;
          summary = {
            id,
            name: typeof j.name === 'string' ? j.name : id,
            theme: typeof j.theme === 'string' ? j.theme : '',
            date: typeof j.date === 'string' ? j.date : '',
            submissionCount: Array.isArray(j.submissions) ? j.submissions.length : 0,
            memberCount: Array.isArray(j.members) ? j.members.length : 0,
            updatedAt: new Date(st.mtimeMs).toISOString(),
            ...(versionOf(j) > this.schemaVersion ? { readOnly: true } : {}),
          };
        }
        this.summaryCache.set(id, { mtimeMs: st.mtimeMs, size: st.size, summary });
      }
      out.push({ ...summary, ...(recent[id] ? { openedAt: recent[id] } : {}) });
    }
    return ok(out);
  }

  async create(id: string, session: Session): Promise<Result<void>> {
    if (!isSafeId(id)) return err(ErrorCodes.badInput, `会议编号无效：${id}`);
    if (await this.exists(id)) return err('store.exists', `会议已存在：${id}`);
    try {
      await this.fs.mkdir(this.dirOf(id));
    } catch (e) {
      return err('store.create-failed', `无法创建会议文件夹 ${this.dirOf(id)}：${(e as Error).message}`);
    }
    return durableWrite(
      this.fs,
      this.fileOf(id),
      JSON.stringify(this.serialize({ ...session, id }, 0), null, this.opts.space),
    );
  }

  async touch(id: string): Promise<void> {
    const recent = await this.readRecent();
    recent[id] = this.now().toISOString();
    await durableWrite(this.fs, path.join(this.opts.dataDir, 'recent.json'), JSON.stringify(recent));
  }

  private async readRecent(): Promise<Record<string, string>> {
    try {
      const j = JSON.parse(
        new TextDecoder().decode(await this.fs.readFile(path.join(this.opts.dataDir, 'recent.json'))),
      );
      return j && typeof j === 'object' ? j : {};
    } catch {
      return {};
    }
  }

  async copy(fromId: string, toId: string, session: Session): Promise<Result<void>> {
    if (!(await this.exists(fromId))) return err(ErrorCodes.sessionNotFound, `找不到会议：${fromId}`);
    if (!isSafeId(toId) || (await this.exists(toId))) return err('store.exists', `会议已存在：${toId}`);
    const to = this.dirOf(toId);
    try {
      await this.fs.mkdir(to);
      for (const sub of ['files', 'bodies']) {
        try {
          await this.fs.cp(path.join(this.dirOf(fromId), sub), path.join(to, sub));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    } catch (e) {
      await this.fs.rm(to).catch(() => undefined);
      return err('store.copy-failed', `复制会议失败：${(e as Error).message}`);
    }
    return durableWrite(
      this.fs,
      this.fileOf(toId),
      JSON.stringify(this.serialize({ ...session, id: toId }, 0), null, this.opts.space),
    );
  }

  async trash(id: string): Promise<Result<TrashEntry>> {
    if (!(await this.exists(id))) return err(ErrorCodes.sessionNotFound, `找不到会议：${id}`);
    await this.close(id);
    let name = id;
    try {
      const c = classifySessionBytes(await this.fs.readFile(this.fileOf(id)));
      if (c.ok && typeof (c.json as { name?: unknown }).name === 'string') name = (c.json as { name: string }).name;
    } catch {
      // a damaged session can be trashed too
    }
    const deletedAt = this.now().toISOString();
    const trashId = `${id}-${stamp(this.now()).toLowerCase()}`;
    try {
      await this.fs.mkdir(this.trashDir);
      await this.fs.rename(this.dirOf(id), path.join(this.trashDir, trashId));
      await durableWrite(
        this.fs,
        path.join(this.trashDir, trashId, '.trash.json'),
        JSON.stringify({ sessionId: id, name, deletedAt }),
      );
    } catch (e) {
      return err('store.trash-failed', `无法把会议移到回收站：${(e as Error).message}`);
    }
    this.summaryCache.delete(id);
    return ok({ trashId, sessionId: id, name, deletedAt });
  }

  async trashList(): Promise<Result<TrashEntry[]>> {
    let ids: string[];
    try {
      ids = (await this.fs.readdir(this.trashDir)).filter(isSafeId);
    } catch {
      return ok([]);
    }
    const out: TrashEntry[] = [];
    for (const trashId of ids) {
      try {
        const m = JSON.parse(
          new TextDecoder().decode(await this.fs.readFile(path.join(this.trashDir, trashId, '.trash.json'))),
        );
        out.push({ trashId, sessionId: String(m.sessionId), name: String(m.name), deletedAt: String(m.deletedAt) });
      } catch {
        out.push({ trashId, sessionId: trashId, name: trashId, deletedAt: '' });
      }
    }
    return ok(out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt)));
  }

  async trashRestore(trashId: string): Promise<Result<string>> {
    if (!isSafeId(trashId)) return err(ErrorCodes.notFound, `回收站中没有：${trashId}`);
    const list = await this.trashList();
    const entry = list.ok ? list.value.find((t) => t.trashId === trashId) : undefined;
    if (!entry) return err(ErrorCodes.notFound, `回收站中没有：${trashId}`);
    let id = isSafeId(entry.sessionId) ? entry.sessionId : trashId;
    if (await this.exists(id)) id = `${id}-r${Date.now().toString(36)}`;
    try {
      await this.fs.mkdir(this.sessionsDir);
      await this.fs.rename(path.join(this.trashDir, trashId), this.dirOf(id));
      await this.fs.unlink(path.join(this.dirOf(id), '.trash.json')).catch(() => undefined);
    } catch (e) {
      return err('store.restore-failed', `无法从回收站恢复：${(e as Error).message}`);
    }
    return ok(id);
  }

  async trashEmpty(trashIds?: string[]): Promise<Result<number>> {
    const list = await this.trashList();
    if (!list.ok) return list;
    let n = 0;
    for (const t of list.value) {
      if (trashIds && !trashIds.includes(t.trashId)) continue;
      try {
        await this.fs.rm(path.join(this.trashDir, t.trashId));
        n++;
      } catch {
        // leave it; report what was removed
      }
    }
    return ok(n);
  }
}

// The snapshot ring of one session (S6): copies of session.json under snapshots/, named
// <time>-r<revision>-<reason>.json; kept: the newest 20, plus the newest of each of the last 7
// days. Snapshot ids come off the wire, so they are checked against the name pattern before any
// path is built from them.
import path from 'node:path';
import { SNAPSHOT_REASONS, type SnapshotInfo } from '../../contract/schemas';
import { err, ok, type Result } from '../../result';
import { durableWrite } from './durable-write';
import type { FsPort } from './fs-port';

export const SNAPSHOT_DIR = 'snapshots';
export const KEEP_RECENT = 20;
export const KEEP_DAYS = 7;
const ID_RE = /^(\d{8}T\d{9})-r(\d+)-([a-z-]+)-([0-9a-z]{1,8})$/;

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:.Z]/g, '')
    .replace('T', 'T');
const fromCompact = (s: string) =>
  new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`,
  );

export function parseSnapshotId(
  id: string,
): { createdAt: Date; revision: number; reason: SnapshotInfo['reason'] } | null {
  const m = ID_RE.exec(id);
  if (!m || !(SNAPSHOT_REASONS as readonly string[]).includes(m[3])) return null;
  return { createdAt: fromCompact(m[1]), revision: Number(m[2]), reason: m[3] as SnapshotInfo['reason'] };
}

export class SnapshotRing {
  constructor(
    private readonly fs: FsPort,
    private readonly now: () => Date,
  ) {}

  async take(
    sessionDir: string,
    text: string,
    meta: { revision: number; reason: SnapshotInfo['reason']; name: string; submissionCount: number },
  ): Promise<Result<SnapshotInfo>> {
    const dir = path.join(sessionDir, SNAPSHOT_DIR);
    try {
      await this.fs.mkdir(dir);
    } catch (e) {
      return err('store.snapshot-failed', `无法创建快照文件夹：${(e as Error).message}`);
    }
    const at = this.now();
    const id = `${compact(at)}-r${String(meta.revision).padStart(8, '0')}-${meta.reason}-${Math.random().toString(36).slice(2, 8)}`;
    const w = await durableWrite(this.fs, path.join(dir, `${id}.json`), text);
    if (!w.ok) return w;
    await this.prune(sessionDir);
    return ok({
      id,
      createdAt: at.toISOString(),
      reason: meta.reason,
      revision: meta.revision,
      name: meta.name,
      submissionCount: meta.submissionCount,
      bytes: new TextEncoder().encode(text).length,
    });
  }

  /** Snapshot ids, newest first. */
  async ids(sessionDir: string): Promise<string[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(path.join(sessionDir, SNAPSHOT_DIR));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter((id) => parseSnapshotId(id))
      .sort()
      .reverse();
  }

  pathOf(sessionDir: string, id: string): string | null {
    return parseSnapshotId(id) ? path.join(sessionDir, SNAPSHOT_DIR, `${id}.json`) : null;
  }

  async prune(sessionDir: string): Promise<void> {
    const ids = await this.ids(sessionDir);
    const keep = new Set(ids.slice(0, KEEP_RECENT));
    const now = this.now().getTime();
    const seenDays = new Set<string>();
    for (const id of ids) {
      const p = parseSnapshotId(id)!;
      const day = p.createdAt.toISOString().slice(0, 10);
      if (now - p.createdAt.getTime() <= KEEP_DAYS * 86_400_000 && !seenDays.has(day)) {
        seenDays.add(day);
        keep.add(id);
      }
    }
    for (const id of ids)
      if (!keep.has(id)) await this.fs.unlink(path.join(sessionDir, SNAPSHOT_DIR, `${id}.json`)).catch(() => undefined);
  }
}

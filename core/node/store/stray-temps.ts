// Temp files left behind by a process killed mid-write (S1): every durable write goes through a
// `.<name>.<pid>.<n>.tmp` file beside its target, in session.json's folder and in snapshots/,
// files/, bodies/ and outputs/ (one body temp can be 200 MB). The owner of a session removes the
// stale ones on open. A temp of this very process is left alone unless it is old: it may belong to
// a write still in flight.
import path from 'node:path';
import type { FsPort } from './fs-port';

/** The temp names durableWrite and writeFileAtomic produce; group 1 is the writer's pid. */
export const TEMP_NAME_RE = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;
/** A temp of our own process older than this is debris too (a write never takes this long). */
const OWN_TEMP_STALE_MS = 10 * 60_000;
const MAX_DEPTH = 3;

export interface StrayTempOptions {
  pid?: number;
  now?: () => number;
}

/** Removes stale temps in a session folder and its subfolders; returns the paths removed. */
export async function removeStrayTemps(fs: FsPort, sessionDir: string, opts: StrayTempOptions = {}): Promise<string[]> {
  const pid = opts.pid ?? process.pid;
  const now = opts.now ?? Date.now;
  const removed: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      const m = TEMP_NAME_RE.exec(n);
      let st: { mtimeMs: number; isDirectory(): boolean };
      try {
        st = await fs.stat(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < MAX_DEPTH && !n.startsWith('.')) await walk(p, depth + 1);
        continue;
      }
      if (!m) continue;
      if (Number(m[1]) === pid && now() - st.mtimeMs < OWN_TEMP_STALE_MS) continue;
      try {
        await fs.unlink(p);
        removed.push(p);
      } catch {
        // locked or already gone: the next open tries again
      }
    }
  };
  await walk(sessionDir, 0);
  return removed;
}

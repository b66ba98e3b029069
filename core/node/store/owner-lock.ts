// One owner per session folder (S8 across processes): owner.lock records the process that holds
// the session. A second app instance or `huibian serve` on the same data opens it read-only
// instead of writing over the owner's changes. A lock whose process is gone is taken over.
import os from 'node:os';
import path from 'node:path';
import type { FsPort } from './fs-port';

export const LOCK_FILE = 'owner.lock';

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OwnerLocks {
  private readonly token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  constructor(private readonly fs: FsPort) {}

  /** null when we own it now; otherwise who does. */
  async acquire(sessionDir: string): Promise<LockInfo | null> {
    const file = path.join(sessionDir, LOCK_FILE);
    try {
      const cur = JSON.parse(new TextDecoder().decode(await this.fs.readFile(file))) as LockInfo;
      if (cur.token !== this.token && cur.host === os.hostname() && alive(cur.pid) && cur.pid !== process.pid)
        return cur;
      if (cur.token !== this.token && cur.host !== os.hostname()) return cur;
    } catch {
      // no lock, or an unreadable one: take it
    }
    const info: LockInfo = { pid: process.pid, host: os.hostname(), token: this.token, at: new Date().toISOString() };
    try {
      const h = await this.fs.open(file, 'w');
      await h.writeFile(JSON.stringify(info));
      await h.close();
    } catch {
      // A read-only folder: saving will fail and say so; ownership is moot.
    }
    return null;
  }

  async release(sessionDir: string): Promise<void> {
    const file = path.join(sessionDir, LOCK_FILE);
    try {
      const cur = JSON.parse(new TextDecoder().decode(await this.fs.readFile(file))) as LockInfo;
      if (cur.token === this.token) await this.fs.unlink(file);
    } catch {
      // nothing to release
    }
  }
}

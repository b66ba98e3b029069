// One folder of the user's cache (core/node/store/data-dir defaultCacheDir): entries that can
// always be made again, each a file named by a hash of its key. An entry is a header line (JSON:
// the format, a SHA-256 of the body, and what the caller adds) and the body; a torn, edited or
// foreign entry reads as missing, never as wrong data. Written whole or not at all (a temporary
// file renamed into place); no fsync — losing an entry only costs the time it saved. Best effort
// throughout: a folder that cannot be read or written behaves as an empty cache. Bounded: after a
// run that added entries, the oldest go once there are more than `maxEntries`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export interface CacheEntry<H> {
  head: H;
  body: Uint8Array;
}

export class CacheFolder<H extends object = object> {
  private added = 0;
  readonly folder: string;

  constructor(
    dir: string,
    name: string,
    private readonly format: string,
    private readonly maxEntries: number,
  ) {
    this.folder = path.join(dir, name);
  }

  private file(key: string): string {
    return path.join(this.folder, `${sha256(key)}.entry`);
  }

  async read(key: string): Promise<CacheEntry<H> | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.file(key));
    } catch {
      return undefined;
    }
    try {
      const nl = bytes.indexOf(10);
      if (nl < 0) return undefined;
      const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as H & { format: string; check: string };
      const body = bytes.subarray(nl + 1);
      if (head.format !== this.format || sha256(body) !== head.check) return undefined;
      return { head, body };
    } catch {
      return undefined;
    }
  }

  async write(key: string, body: Uint8Array, head: H): Promise<void> {
    const line = new TextEncoder().encode(`${JSON.stringify({ ...head, format: this.format, check: sha256(body) })}\n`);
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.folder, { recursive: true });
      const all = new Uint8Array(line.length + body.length);
      all.set(line);
      all.set(body, line.length);
      await writeFile(tmp, all);
      await rename(tmp, file);
      this.added++;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /** After a run that added entries: removes the oldest beyond the bound (and stray temporary files). */
  async prune(): Promise<void> {
    if (!this.added) return;
    this.added = 0;
    try {
      const names = await readdir(this.folder);
      if (names.length <= this.maxEntries) return;
      const entries = await Promise.all(
        names.map(async (n) => {
          const f = path.join(this.folder, n);
          return {
            f,
            t: await stat(f).then(
              (s) => s.mtimeMs,
              () => 0,
            ),
          };
        }),
      );
      entries.sort((a, b) => a.t - b.t);
      const drop = entries.slice(0, entries.length - Math.floor(this.maxEntries * 0.75));
      await Promise.all(drop.map((e) => rm(e.f, { force: true }).catch(() => undefined)));
    } catch {
      // best effort
    }
  }
}

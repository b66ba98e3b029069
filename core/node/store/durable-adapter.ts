// lowdb adapter for session.json that replaces steno's writer: every write goes through
// durableWrite (temp → fsync → rename → fsync folder), and a failed write rejects so the caller
// can report "not saved". read() never returns defaults for a damaged file: it throws a
// DamagedFile so nothing can be written over it.
import type { Adapter } from 'lowdb';
import { classifySessionBytes } from './classify';
import { durableWrite } from './durable-write';
import type { FsPort } from './fs-port';
import { AppException } from '../../result';

export class DamagedFile extends Error {
  constructor(
    readonly code: string,
    readonly why: string,
    readonly bom = false,
  ) {
    super(`${code}: ${why}`);
  }
}

export interface StoredFile {
  json: Record<string, unknown>;
  /** The file had a UTF-8 BOM (readable, but rewritten without one). */
  bom: boolean;
}

export class DurableJsonAdapter implements Adapter<StoredFile> {
  constructor(
    private readonly fs: FsPort,
    readonly file: string,
    private readonly space: number | undefined = undefined,
  ) {}

  async read(): Promise<StoredFile | null> {
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const c = classifySessionBytes(bytes);
    if (!c.ok) throw new DamagedFile(c.code, c.why);
    return { json: c.json as Record<string, unknown>, bom: c.bom };
  }

  async write(data: StoredFile): Promise<void> {
    const r = await durableWrite(this.fs, this.file, JSON.stringify(data.json, null, this.space));
    if (!r.ok) throw new AppException(r.error);
  }
}

// Streamed uploads for the HTTP transport (issue 13, point 4): POST /upload writes the request body
// straight to a file under <data>/uploads/ — never the whole body in memory, never a JSON parse
// of base64 — counting bytes against the importer's per-file cap for that kind of file. An upload
// is then named in any call as a FileInput { name, upload: id }. A refused upload keeps its Chinese
// error under its id, so the call that names it reports it per file (the rest of a batch imports).
// Uploads live for the server's run (and at most UPLOAD_TTL_MS); the folder is emptied on start.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { err, ok, type AppError, type Result } from '../result';
import { DOCX_MAX_BYTES, PDF_MAX_BYTES, TEXT_MAX_BYTES } from '../read/limits';
import { BUNDLE_MAX_BYTES, LEGACY_SOURCE_MAX_BYTES, mb } from '../service/bundle-limits';
import type { UploadReader } from '../service/ports';
import { ROSTER_MAX_BYTES } from './roster-io';

export const UPLOAD_ID_RE = /^u-[0-9a-f]{24}$/;
export const UPLOAD_TTL_MS = 6 * 3_600_000;

/** The cap of one uploaded file, by its name: the importer's own cap for that kind of file. */
export function uploadCapFor(name: string): number {
  const n = name.toLowerCase();
  if (n.endsWith('.pdf')) return PDF_MAX_BYTES;
  if (n.endsWith('.docx')) return DOCX_MAX_BYTES;
  if (/\.(doc|wps|rtf|odt)$/.test(n)) return LEGACY_SOURCE_MAX_BYTES;
  if (/\.(txt|md|markdown)$/.test(n)) return TEXT_MAX_BYTES;
  if (n.endsWith('.zip')) return BUNDLE_MAX_BYTES;
  if (/\.(xlsx|xls|csv|tsv)$/.test(n)) return ROSTER_MAX_BYTES;
  return TEXT_MAX_BYTES;
}

export const tooLargeError = (name: string, size: number | undefined, cap: number): AppError => ({
  code: 'upload.too-large',
  message: `${name} ${size !== undefined ? `（${mb(size)}）` : ''}超过此类文件的上限 ${mb(cap)}，未上传`,
  file: name,
});

interface Entry {
  name: string;
  file?: string;
  size: number;
  error?: AppError;
  at: number;
}

/**
 * Gives up a part file: waits for the stream to close (its open or a write may still be in flight,
 * and would create the file again after an early unlink), then deletes it.
 */
async function discard(out: WriteStream, part: string): Promise<void> {
  if (!out.closed) {
    const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await closed;
  }
  await unlink(part).catch(() => undefined);
}

export class UploadStore implements UploadReader {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Empties the folder (uploads of an earlier run are never reused). */
  async init(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
  }

  newId(): string {
    return `u-${randomBytes(12).toString('hex')}`;
  }

  /** Remembers a refusal under an id: the call naming it reports this error for that file. */
  refuse(id: string, name: string, error: AppError): void {
    this.entries.set(id, { name, size: 0, error, at: this.now() });
  }

  /**
   * Streams `body` to disk with backpressure. Past `cap` it stops writing, deletes the part file,
   * calls onOver once (the server answers 413 right then) and keeps draining the body, so the
   * client is not cut off mid-send and sees the answer.
   */
  async receive(
    id: string,
    name: string,
    body: Readable,
    cap: number,
    onOver: (error: AppError) => void,
  ): Promise<Result<{ upload: string; name: string; size: number }>> {
    this.prune();
    const part = path.join(this.dir, `${id}.part`);
    const out = createWriteStream(part, { flags: 'wx' });
    let size = 0;
    let over: AppError | undefined;
    // A write still in flight when the file is given up (over the cap) fails with
    // ERR_STREAM_DESTROYED; a real disk error (ENOSPC …) is kept and ends the upload below.
    let writeError: Error | undefined;
    out.on('error', (e) => {
      if (!over) writeError ??= e;
    });
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (over) continue; // draining
        if (writeError) throw writeError;
        if (size > cap) {
          over = tooLargeError(name, undefined, cap);
          await discard(out, part);
          this.refuse(id, name, over);
          onOver(over);
          continue;
        }
        if (!out.write(chunk)) await once(out, 'drain');
      }
      if (over) return { ok: false, error: over };
      out.end();
      await once(out, 'close');
      if (writeError) throw writeError;
      await rename(part, path.join(this.dir, id));
    } catch (e) {
      await discard(out, part);
      const error: AppError = {
        code: 'upload.failed',
        message: `${name} 上传中断（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），请重试`,
        file: name,
      };
      this.refuse(id, name, error);
      return { ok: false, error };
    }
    this.entries.set(id, { name, file: path.join(this.dir, id), size, at: this.now() });
    return ok({ upload: id, name, size });
  }

  async read(id: string): Promise<Result<{ name: string; bytes: Uint8Array }>> {
    const e = UPLOAD_ID_RE.test(id) ? this.entries.get(id) : undefined;
    if (!e)
      return err('upload.not-found', '找不到上传的文件（可能服务已重启），请重新选择文件', { detail: id.slice(0, 40) });
    if (e.error) return { ok: false, error: e.error };
    try {
      return ok({ name: e.name, bytes: new Uint8Array(await readFile(e.file!)) });
    } catch (x) {
      return err(
        'upload.not-found',
        `上传的文件 ${e.name} 已不在（${(x as NodeJS.ErrnoException).code ?? ''}），请重新选择文件`,
        { file: e.name },
      );
    }
  }

  /** Drops uploads older than the TTL. */
  prune(): void {
    const cut = this.now() - UPLOAD_TTL_MS;
    for (const [id, e] of this.entries) {
      if (e.at >= cut) continue;
      this.entries.delete(id);
      if (e.file) void unlink(e.file).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Files in the folder (tests: nothing left behind). */
  async files(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch {
      return [];
    }
  }

  async sizeOf(id: string): Promise<number | undefined> {
    const e = this.entries.get(id);
    return e?.file ? (await stat(e.file)).size : undefined;
  }
}

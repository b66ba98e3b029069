// Content-addressed source files (files/<sha256>.<ext>), imported bodies (bodies/<key>.json) and
// produced outputs (outputs/<name>) of a session folder. Names come from the service or the wire:
// each is matched against a fixed pattern before a path is built, so nothing can escape the folder.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SourceDocSchema, type SourceDoc } from '../../model/document';
import { err, ok, type Result } from '../../result';
import type { OutputFile } from '../../contract/schemas';
import { BODY_KEY_RE, SOURCE_FILE_RE } from '../../service/bundle';
import type { BodyStore, FileStore, OutputStore } from '../../service/ports';
import { durableWrite } from './durable-write';
import type { FsPort } from './fs-port';

const OUTPUT_NAME_RE = /^[^\\/:*?"<>|\u0000-\u001f]{1,120}$/;

export class DiskFiles implements FileStore {
  constructor(
    private readonly fs: FsPort,
    private readonly dirOf: (sessionId: string) => string,
  ) {}

  async put(sessionId: string, bytes: Uint8Array, ext: string): Promise<Result<{ file: string; sha256: string }>> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const e =
      ext
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 8) || 'bin';
    const file = `files/${sha256}.${e}`;
    const abs = path.join(this.dirOf(sessionId), file);
    try {
      const st = await this.fs.stat(abs);
      if (st.size === bytes.length) return ok({ file, sha256 });
    } catch {
      // not there yet
    }
    try {
      await this.fs.mkdir(path.dirname(abs));
    } catch (x) {
      return err('store.save-failed', `无法创建文件夹：${(x as Error).message}`);
    }
    const w = await durableWrite(this.fs, abs, bytes);
    return w.ok ? ok({ file, sha256 }) : w;
  }

  async get(sessionId: string, file: string): Promise<Result<Uint8Array>> {
    if (!SOURCE_FILE_RE.test(file)) return err('file.bad-name', `文件名不合规：${file.slice(0, 80)}`, { file });
    try {
      return ok(new Uint8Array(await this.fs.readFile(path.join(this.dirOf(sessionId), file))));
    } catch (e) {
      return err('file.not-found', `找不到材料文件 ${file}（${(e as NodeJS.ErrnoException).code ?? ''}）`, { file });
    }
  }
}

export class DiskBodies implements BodyStore {
  constructor(
    private readonly fs: FsPort,
    private readonly dirOf: (sessionId: string) => string,
  ) {}

  private fileOf(sessionId: string, key: string): string | null {
    return BODY_KEY_RE.test(key) ? path.join(this.dirOf(sessionId), 'bodies', `${key}.json`) : null;
  }

  async put(sessionId: string, key: string, doc: SourceDoc): Promise<Result<void>> {
    const f = this.fileOf(sessionId, key);
    if (!f) return err('body.bad-key', `正文编号不合规：${key.slice(0, 80)}`);
    try {
      await this.fs.mkdir(path.dirname(f));
    } catch (x) {
      return err('store.save-failed', `无法创建文件夹：${(x as Error).message}`);
    }
    // A PDF body is the PDF itself: kept once as a content-addressed file (usually the source,
    // already there), never as base64 inside the JSON (a 161 MB PDF made a 215 MB body).
    let stored: unknown = doc;
    if (doc.pdf?.data) {
      const put = await new DiskFiles(this.fs, this.dirOf).put(sessionId, Buffer.from(doc.pdf.data, 'base64'), 'pdf');
      if (!put.ok) return put;
      const { data: _data, ...rest } = doc.pdf;
      stored = { ...doc, pdf: { ...rest, data: '', file: put.value.file } };
    }
    return durableWrite(this.fs, f, JSON.stringify(stored));
  }

  async get(sessionId: string, key: string): Promise<Result<SourceDoc>> {
    const f = this.fileOf(sessionId, key);
    if (!f) return err('body.bad-key', `正文编号不合规：${key.slice(0, 80)}`);
    let text: string;
    try {
      text = new TextDecoder().decode(await this.fs.readFile(f));
    } catch {
      return err('body.not-found', `找不到正文：${key}`);
    }
    try {
      const json = JSON.parse(text);
      const ref = json?.pdf?.file;
      if (typeof ref === 'string' && !json.pdf.data) {
        // The PDF is its content-addressed file (see put); a missing one means the body is damaged.
        const bytes = await new DiskFiles(this.fs, this.dirOf).get(sessionId, ref);
        if (!bytes.ok) return err('body.damaged', `正文 ${key} 的 PDF 文件缺失`);
        json.pdf = {
          ...json.pdf,
          data: Buffer.from(bytes.value.buffer, bytes.value.byteOffset, bytes.value.byteLength).toString('base64'),
        };
        delete json.pdf.file;
      }
      const p = SourceDocSchema.safeParse(json);
      // A damaged body is rebuilt from its source by the service (the source is the truth).
      return p.success ? ok(p.data) : err('body.damaged', `正文 ${key} 已损坏`);
    } catch {
      return err('body.damaged', `正文 ${key} 已损坏`);
    }
  }

  async has(sessionId: string, key: string): Promise<boolean> {
    const f = this.fileOf(sessionId, key);
    if (!f) return false;
    try {
      await this.fs.stat(f);
      return true;
    } catch {
      return false;
    }
  }
}

export class DiskOutputs implements OutputStore {
  constructor(
    private readonly fs: FsPort,
    private readonly dirOf: (sessionId: string) => string,
  ) {}

  /** Absolute path of an output, or null for a hostile name. */
  pathOf(sessionId: string, name: string): string | null {
    if (!OUTPUT_NAME_RE.test(name) || name === '.' || name === '..' || name.startsWith('.')) return null;
    return path.join(this.dirOf(sessionId), 'outputs', name);
  }

  describe(sessionId: string, name: string): OutputFile {
    return {
      name,
      url: `/files/${encodeURIComponent(sessionId)}/${encodeURIComponent(name)}`,
      size: 0,
      path: this.pathOf(sessionId, name) ?? undefined,
    };
  }

  async write(sessionId: string, name: string, bytes: Uint8Array): Promise<Result<OutputFile>> {
    const f = this.pathOf(sessionId, name);
    if (!f) return err('file.bad-name', `文件名不合规：${name.slice(0, 80)}`);
    try {
      await this.fs.mkdir(path.dirname(f));
    } catch (x) {
      return err('store.save-failed', `无法创建文件夹：${(x as Error).message}`);
    }
    const w = await durableWrite(this.fs, f, bytes);
    return w.ok ? ok({ ...this.describe(sessionId, name), size: bytes.length }) : w;
  }

  async read(sessionId: string, name: string): Promise<Result<Uint8Array>> {
    const f = this.pathOf(sessionId, name);
    if (!f) return err('file.bad-name', `文件名不合规：${name.slice(0, 80)}`);
    try {
      return ok(new Uint8Array(await this.fs.readFile(f)));
    } catch {
      return err('file.not-found', `找不到文件：${name}`);
    }
  }
}

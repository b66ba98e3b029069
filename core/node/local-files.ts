// Local paths for the callers at this computer (Electron, the CLI): a capped read (B5: the size is
// checked before reading), a durable write and the check of an export's target (a file or a
// folder, made when missing); plus the app version and the id maker every node wiring shares. Kept apart from ports.ts so the CLI's folder ports load no more than they use.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../result';
import type { LocalFiles } from '../service/ports';
import { durableWrite } from './store/durable-write';
import type { FsPort } from './store/fs-port';

export const APP_VERSION = '0.1.0';
/** Largest file read from a local path (B5: checked before reading). */
export const MAX_LOCAL_FILE = 300 * 1024 * 1024;

export function nodeIds() {
  return { next: (prefix: string) => `${prefix}-${Date.now().toString(36)}${randomBytes(4).toString('hex')}` };
}

export function nodeLocalFiles(fs: FsPort): LocalFiles {
  return {
    async read(p, o): Promise<Result<Uint8Array>> {
      const cap = o?.maxBytes ?? MAX_LOCAL_FILE;
      try {
        const st = await stat(p);
        if (!st.isFile()) return err('file.not-file', `不是文件：${p}`, { file: p });
        if (st.size > cap)
          return err(
            'file.too-large',
            `文件过大（${Math.round(st.size / 1048576)} MB，上限 ${Math.round(cap / 1048576)} MB）：${p}`,
            { file: p },
          );
        return ok(new Uint8Array(await readFile(p)));
      } catch (e) {
        return err('file.not-found', `无法读取文件 ${p}（${(e as NodeJS.ErrnoException).code ?? e}）`, { file: p });
      }
    },
    async write(p, bytes) {
      return durableWrite(fs, p, bytes);
    },
    async prepare(p, kind) {
      const st = await fs.stat(p).catch(() => undefined);
      if (kind === 'folder' && st && !st.isDirectory())
        return err('export.out-not-folder', `输出位置已存在且不是文件夹：${p}`, { file: p });
      if (kind === 'file' && st?.isDirectory())
        return err('export.out-is-folder', `输出路径是一个文件夹，请给出文件名：${p}`, { file: p });
      const dir = kind === 'folder' ? p : path.dirname(path.resolve(p));
      try {
        await fs.mkdir(dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        return err('export.out-unwritable', `无法创建输出文件夹：${dir}（${code}）`, { file: dir });
      }
      return ok(undefined);
    },
  };
}

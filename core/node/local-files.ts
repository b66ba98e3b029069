// Local paths for the callers at this computer (Electron, the CLI): a capped read (B5: the size is
// checked before reading) and a durable write; plus the app version and the id maker every node
// wiring shares. Kept apart from ports.ts so the CLI's folder ports load no more than they use.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
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
  };
}

// Durable replacement of a file (S5): write a temp file beside it → fsync → rename over the
// target → fsync the folder. Only after all four is a save "saved". On any failure the target is
// untouched (rename is atomic) and the temp file is removed; the error says, in Chinese, why
// (disk full, read-only folder, file locked by another program).
import path from 'node:path';
import { err, ok, type Result } from '../../result';
import type { FsPort } from './fs-port';

let counter = 0;

export function errnoMessage(code: string | undefined, file: string): { code: string; message: string } {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'store.disk-full',
        message: `磁盘空间不足，无法保存 ${file}。请清理磁盘后重试，修改仍保留在程序中`,
      };
    case 'EACCES':
    case 'EROFS':
      return { code: 'store.read-only', message: `文件夹是只读的或没有写入权限，无法保存 ${file}。修改仍保留在程序中` };
    case 'EPERM':
    case 'EBUSY':
      return {
        code: 'store.file-locked',
        message: `文件 ${file} 被其他程序占用（如杀毒软件或网盘同步），暂时无法保存，稍后会自动重试`,
      };
    default:
      return { code: 'store.save-failed', message: `保存 ${file} 失败（${code ?? '未知错误'}），修改仍保留在程序中` };
  }
}

export async function durableWrite(fs: FsPort, file: string, data: string | Uint8Array): Promise<Result<void>> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  let stage = 'open';
  try {
    const h = await fs.open(tmp, 'wx');
    try {
      stage = 'write';
      await h.writeFile(data);
      stage = 'sync';
      await h.sync();
    } finally {
      await h.close().catch(() => undefined);
    }
    stage = 'rename';
    await renameWithRetry(fs, tmp, file);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    const m = errnoMessage(code, file);
    return err(m.code, m.message, { file, detail: `${stage}: ${(e as Error).message}` });
  }
  await syncDir(fs, dir);
  return ok(undefined);
}

/**
 * On Windows a virus scanner or a sync client briefly holds files open and rename fails with
 * EPERM/EBUSY/EACCES; a few short retries ride that out before the save is reported as failed.
 */
async function renameWithRetry(fs: FsPort, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 4 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}

/** fsync a folder so the rename itself survives a power cut. Windows can't open folders: skip there. */
export async function syncDir(fs: FsPort, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some file systems refuse fsync on folders (EINVAL); the data itself is already synced.
  }
}

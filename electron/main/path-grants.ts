// The path fence of the Electron window (issue 13, point 3). IPC runs the service with local paths
// allowed, so main decides which paths a window may name: those it received from a native dialog
// (open or save) or a drop (the preload turns a dropped File into its path and grants it), and
// anything inside the app's own folders. A grant of a folder covers what is inside it. Reads
// ({ path } file inputs, expandPaths) need a read grant; writes (targetPath) a save-dialog grant,
// a picked folder or the app's folders. A compromised renderer can name any string, but only the
// user's own gestures produce grants. It must never grant a path the user did not pick or drop.
import { isAbsolute, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { err, type Result } from '../../core/result';
import { isInsideRoots } from './external';

export type GrantKind = 'read' | 'write';

export class PathGrants {
  private readonly readFiles = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly writeFiles = new Set<string>();

  /** appRoots: the app's own folders (its data folder); always readable and writable. */
  constructor(private readonly appRoots: readonly string[]) {}

  private static norm(p: string): string | null {
    if (typeof p !== 'string' || !p || p.includes('\0') || !isAbsolute(p) || /^\\\\|^\/\//.test(p)) return null;
    return resolve(p);
  }

  /** A path from an open dialog or a drop: a file, or a folder (then everything inside it). */
  grantPicked(p: string): void {
    const n = PathGrants.norm(p);
    if (!n) return;
    let dir = false;
    try {
      dir = statSync(n).isDirectory();
    } catch {
      // not there (yet): granted as the file it names
    }
    (dir ? this.folders : this.readFiles).add(n);
  }

  /** A path from a save dialog: that file may be written (and read back). */
  grantSave(p: string): void {
    const n = PathGrants.norm(p);
    if (n) this.writeFiles.add(n);
  }

  allows(p: string, kind: GrantKind): boolean {
    const n = PathGrants.norm(p);
    if (!n) return false;
    if (isInsideRoots(n, this.appRoots) || isInsideRoots(n, [...this.folders])) return true;
    if (this.writeFiles.has(n)) return true;
    return kind === 'read' && this.readFiles.has(n);
  }

  /** Checks every path an input names; the first refused one becomes a Chinese error. */
  check(input: unknown): Result<void> | null {
    for (const { path, kind } of namedPaths(input)) {
      if (!this.allows(path, kind))
        return err(
          'file.path-refused',
          kind === 'read'
            ? `不能读取此位置：${path}。请通过“选择文件”或把文件拖入窗口来导入`
            : `不能写入此位置：${path}。请通过“另存为”对话框选择保存位置`,
          { file: path },
        );
    }
    return null;
  }
}

/** The local paths a contract input names: { path } file inputs (read) and targetPath (write). */
export function namedPaths(input: unknown, depth = 0): { path: string; kind: GrantKind }[] {
  if (!input || typeof input !== 'object' || depth > 6) return [];
  const out: { path: string; kind: GrantKind }[] = [];
  if (Array.isArray(input)) {
    for (const x of input) out.push(...namedPaths(x, depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(input)) {
    if (k === 'targetPath' && typeof v === 'string') out.push({ path: v, kind: 'write' });
    else if (k === 'path' && typeof v === 'string') out.push({ path: v, kind: 'read' });
    else if (k === 'fonts' && v && typeof v === 'object') {
      // Font files of settings.update: read at compile time, so fenced like any other read.
      for (const ref of Object.values(v))
        if (ref && typeof ref === 'object' && typeof (ref as { file?: unknown }).file === 'string')
          out.push({ path: (ref as { file: string }).file, kind: 'read' });
    } else if (v && typeof v === 'object') out.push(...namedPaths(v, depth + 1));
  }
  return out;
}

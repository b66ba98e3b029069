// S7: a second launch hands what it was given (files, folders, a session) to the first instance
// and quits. It must never let two processes own the same session folder.
import { existsSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';

export const OPENABLE_EXTENSIONS = ['.docx', '.doc', '.wps', '.txt', '.md', '.pdf', '.rtf', '.odt', '.zip', '.huibian'];

/** The paths in a command line worth opening: existing files with a known extension, or folders. */
export function openablePaths(
  argv: readonly string[],
  cwd: string,
  exists: (p: string) => boolean = existsSync,
): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (!arg || arg.startsWith('-')) continue;
    const full = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!exists(full)) continue;
    const ext = extname(full).toLowerCase();
    if (ext === '' || OPENABLE_EXTENSIONS.includes(ext)) out.push(full);
  }
  // The app's own entry point (electron . / the exe) is never something to import.
  return out.filter((p) => !/\.(exe|js|cjs|mjs|asar)$/i.test(p) && p !== resolve(cwd, '.'));
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], cwd: string) => void): unknown;
}

/**
 * Returns false when another instance owns the lock (this one must quit); otherwise wires
 * second-instance so the first instance is focused and receives the paths.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  onSecond: (paths: string[]) => void,
  exists?: (p: string) => boolean,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, cwd) => onSecond(openablePaths(argv, cwd, exists)));
  return true;
}

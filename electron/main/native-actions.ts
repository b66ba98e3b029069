// The shell's native actions (dialogs, open folder, print, external links) as schema-checked IPC
// handlers. Paths the renderer sends are only honoured inside the allowed roots (the data folder
// and folders the user picked in a native dialog); it must never open arbitrary paths or URLs.
import { dirname, extname, join } from 'node:path';
import { statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { z } from 'zod';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import { err, ok } from '../../core/result';
import { nativeHandler, type NativeHandlers } from './ipc-binding';
import { isAllowedExternal, isInsideRoots } from './external';
import type { PathGrants } from './path-grants';

export interface NativeDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath' | 'openExternal'>;
  window: () => BrowserWindow | null;
  /** Roots the shell may open; the user's own dialog choices are added at run time. */
  roots: string[];
  /** The window's path fence: dialog choices are granted here; expandPaths only walks granted paths. */
  grants?: PathGrants;
  /** The system print dialog for a PDF (print-pdf.ts); absent: the PDF opens in the system viewer. */
  printPdf?: (path: string) => Promise<import('../../core/result').Result<'dialog' | 'system-viewer'>>;
}

const FilterSchema = z
  .array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-zA-Z0-9*]{1,10}$/)).max(20) }))
  .max(10);

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Extensions the importer reads; anything else in a dropped folder is left alone. */
export const DOCUMENT_EXTENSIONS = ['.docx', '.doc', '.wps', '.txt', '.md', '.pdf', '.rtf', '.odt'];
const MAX_FILES = 500;

/**
 * Dropped or picked paths → document files: folders are walked (four levels, files before subfolders, hidden and
 * Word lock files skipped); a file the user named explicitly is kept even with another extension,
 * so its import reports why it cannot be read instead of it vanishing silently.
 */
export async function expandDocumentPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // A folder's own files first (in name order), then its subfolders, as a clerk reads a folder.
    const visible = entries
      .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const e of visible) {
      if (out.length >= MAX_FILES) return;
      if (e.isFile() && DOCUMENT_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(join(dir, e.name));
    }
    for (const e of visible) if (e.isDirectory() && depth < 4) await walk(join(dir, e.name), depth + 1);
  };
  for (const p of paths) {
    if (out.length >= MAX_FILES) break;
    if (isDir(p)) await walk(p, 1);
    else out.push(p);
  }
  return out;
}

export function createNativeHandlers(deps: NativeDeps): NativeHandlers {
  const allow = (p: string) => {
    if (!deps.roots.includes(p)) deps.roots.push(p);
  };
  const handlers: NativeHandlers = {
    pickFiles: nativeHandler(
      z.object({ folder: z.boolean().optional(), multi: z.boolean().optional(), filters: FilterSchema.optional() }),
      async (input) => {
        const win = deps.window();
        const options: Electron.OpenDialogOptions = {
          title: input.folder ? '选择文件夹' : '选择文件',
          buttonLabel: '打开',
          properties: [
            input.folder ? 'openDirectory' : 'openFile',
            ...(input.multi ? (['multiSelections'] as const) : []),
          ],
          filters: input.filters,
        };
        const res = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
        if (res.canceled) return ok([]);
        for (const p of res.filePaths) deps.grants?.grantPicked(p);
        return ok(res.filePaths);
      },
    ),
    pickSavePath: nativeHandler(
      z.object({
        defaultName: z.string().min(1).max(255),
        extensions: z
          .array(z.string().regex(/^[a-zA-Z0-9]{1,10}$/))
          .min(1)
          .max(5),
      }),
      async (input) => {
        const win = deps.window();
        const options: Electron.SaveDialogOptions = {
          title: '保存为',
          buttonLabel: '保存',
          defaultPath: input.defaultName.replace(/[\\/:*?"<>|]/g, '_'),
          filters: [{ name: input.extensions.join(' / ').toUpperCase(), extensions: input.extensions }],
        };
        const res = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
        if (res.canceled || !res.filePath) return ok(null);
        // The user chose this folder in a native dialog: opening it afterwards is legitimate.
        allow(dirname(res.filePath));
        deps.grants?.grantSave(res.filePath);
        return ok(res.filePath);
      },
    ),
    openFolder: nativeHandler(z.object({ path: z.string().min(1).max(4096) }), async ({ path }) => {
      if (!isInsideRoots(path, deps.roots)) return err('shell.forbidden', `不能打开此位置：${path}`);
      const folder = isDir(path) ? path : dirname(path);
      const message = await deps.shell.openPath(folder);
      return message ? err('shell.open-failed', `无法打开文件夹：${message}`, { file: folder }) : ok(true as const);
    }),
    printPdf: nativeHandler(z.object({ path: z.string().min(1).max(4096) }), async ({ path }) => {
      if (extname(path).toLowerCase() !== '.pdf' || !isInsideRoots(path, deps.roots))
        return err('shell.forbidden', `不能打印此文件：${path}`);
      if (deps.printPdf) {
        const r = await deps.printPdf(path);
        return r.ok ? ok(r.value) : r;
      }
      const message = await deps.shell.openPath(path);
      return message
        ? err('shell.open-failed', `无法用系统阅读器打开 PDF：${message}`, { file: path })
        : ok('system-viewer' as const);
    }),
    readOutput: nativeHandler(z.object({ path: z.string().min(1).max(4096) }), async ({ path }) => {
      if (!['.pdf', '.docx'].includes(extname(path).toLowerCase()) || !isInsideRoots(path, deps.roots))
        return err('shell.forbidden', `不能读取此文件：${path}`);
      try {
        return ok(new Uint8Array(await readFile(path)));
      } catch {
        return err('shell.read-failed', `无法读取生成的文件：${path}`, { file: path });
      }
    }),
    expandPaths: nativeHandler(
      z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500) }),
      async ({ paths }) => {
        const refused = deps.grants && paths.find((p) => !deps.grants!.allows(p, 'read'));
        if (refused)
          return err('file.path-refused', `不能读取此位置：${refused}。请通过“选择文件”或把文件拖入窗口来导入`, {
            file: refused,
          });
        return ok(await expandDocumentPaths(paths));
      },
    ),
    openExternal: nativeHandler(z.object({ url: z.string().min(1).max(2048) }), async ({ url }) => {
      if (!isAllowedExternal(url)) return err('shell.forbidden', '出于安全考虑，此链接不能打开。');
      await deps.shell.openExternal(url);
      return ok(true as const);
    }),
  };
  return handlers;
}

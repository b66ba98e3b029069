// 打印… in the desktop app: the compiled PDF opens in a hidden window (Chromium's PDF viewer) and
// webContents.print shows the system print dialog — printer, copies, duplex — without leaving the
// app. When that window cannot load or print the file, the PDF opens in the system viewer instead,
// and the answer says so. The hidden window never gets a preload, node, or a path outside the roots.
import { pathToFileURL } from 'node:url';
import { err, ok, type Result } from '../../core/result';

/** The part of a BrowserWindow this module uses (a fake in tests). */
export interface PrintableWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    print(
      options: { silent: boolean; printBackground: boolean },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  };
  close(): void;
  isDestroyed(): boolean;
}

export interface PrintDeps {
  /** A hidden window with the PDF viewer enabled (plugins: true) and the hardened preferences. */
  createWindow(): PrintableWindow;
  /** Opens the file in the system viewer; resolves to an error message, or '' when opened. */
  openWithSystem(path: string): Promise<string>;
  /** How long the viewer may take to be ready before printing (ms). */
  settleMs?: number;
}

export type PrintOutcome = 'dialog' | 'system-viewer';

export async function printPdfFile(path: string, deps: PrintDeps): Promise<Result<PrintOutcome>> {
  let win: PrintableWindow | null = null;
  try {
    win = deps.createWindow();
    await win.loadURL(pathToFileURL(path).href);
    // The viewer plugin loads after did-finish-load; printing at once can print a blank page.
    await new Promise((r) => setTimeout(r, deps.settleMs ?? 600));
    const w = win;
    const res = await new Promise<{ success: boolean; reason: string }>((resolve) =>
      w.webContents.print({ silent: false, printBackground: true }, (success, reason) => resolve({ success, reason })),
    );
    // Cancelled in the dialog is the clerk's choice, not a failure.
    if (res.success || res.reason === 'cancelled') return ok('dialog');
    throw new Error(res.reason || 'print failed');
  } catch {
    const message = await deps.openWithSystem(path);
    if (message) return err('shell.print-failed', `无法打印 ${path}：${message}`, { file: path });
    return ok('system-viewer');
  } finally {
    if (win && !win.isDestroyed()) win.close();
  }
}

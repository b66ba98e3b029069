// The shape of the one object the Electron preload exposes as window.huibian, shared (types only)
// by the preload (which must satisfy it) and the renderer's IPC transport (which consumes it).
// It must never grow a raw ipcRenderer, a generic send, or anything that takes a channel name.
import type { Result } from '../../core/result';

/** Native-only actions the shell offers beyond the contract (dialogs, shell, print). */
export interface NativeApi {
  /** Native open dialog; returns absolute paths (empty when cancelled). */
  pickFiles(opts: {
    folder?: boolean;
    multi?: boolean;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<Result<string[]>>;
  /** Native save dialog; returns the chosen path or null when cancelled. */
  pickSavePath(opts: { defaultName: string; extensions: string[] }): Promise<Result<string | null>>;
  /** Opens a folder (or the folder of a file) inside the app's data or output roots. */
  openFolder(path: string): Promise<Result<true>>;
  /** Prints a PDF inside the app's roots: the system print dialog, or (when that fails) the system viewer. */
  printPdf(path: string): Promise<Result<'dialog' | 'system-viewer'>>;
  /** Files to import from dropped or picked paths: folders are walked (documents only, no lock files). */
  expandPaths(paths: string[]): Promise<Result<string[]>>;
  /** Reads a produced file (compiled PDF) inside the app's roots, for the in-app preview. */
  readOutput(path: string): Promise<Result<Uint8Array>>;
  /** Opens an https URL on the allow-list in the system browser. */
  openExternal(url: string): Promise<Result<true>>;
}

export interface Bridge {
  /** Calls one contract function by key, e.g. call('sections.move', {...}). */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a contract or shell event; returns the unsubscribe function. */
  on(event: string, cb: (payload: unknown) => void): () => void;
  /** The absolute path of a dropped File (Electron removed File.path). */
  pathForFile(file: File): string;
  native: NativeApi;
}

/** Channel names live in the contract (core/contract/channel.ts); re-exported for the renderer. */
export { CHANNEL } from '../../core/contract/channel';

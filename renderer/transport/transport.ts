// The one interface the screens use to reach the service, whatever carries it (Electron IPC or
// HTTP). Screens must never know which transport they run on except through `kind` and `native`.
import type { Client, FileInput, OutputFile } from '../../core/contract';
import type { Result } from '../../core/result';
import type { NativeApi } from './bridge';

export interface Transport extends Client {
  kind: 'ipc' | 'http';
  /** Bytes of a produced file (for the pdf.js preview). */
  fetchOutput(file: OutputFile): Promise<Result<Uint8Array>>;
  /** Turns a browser File into what the contract accepts (a local path in Electron, bytes over HTTP). */
  fileInput(file: File): Promise<FileInput>;
  /** The local path of a dropped File, Electron only. */
  pathOf?(file: File): string;
  /** Native shell actions, Electron only. */
  native?: NativeApi;
}

/** Base64 of bytes without blowing the call stack on large files (the core's one codec). */
export { toBase64 } from '../../core/bytes/base64';

export function transportError(message: string, detail?: string): Result<never> {
  return { ok: false, error: { code: 'transport.failed', message, detail } };
}

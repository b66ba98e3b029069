// What the contract suite's case files share: the harness a transport provides, the context a case
// reads its client from, and small builders for files and results.
import type { Client, OutputFile, SessionView } from '../../core/contract';
import { toBase64 } from '../../core/bytes/base64';

export interface Harness {
  client: Client;
  /** The bytes of a produced file (download over HTTP / output store in memory). */
  fetchOutput(file: OutputFile): Promise<Uint8Array>;
  cleanup(): Promise<void>;
}

/** What a case reads at run time (the harness is made in beforeAll, after the cases are declared). */
export interface SuiteContext {
  readonly h: Harness;
  readonly c: Client;
  newSession(name?: string): Promise<SessionView>;
}

export const enc = new TextEncoder();
export const md = (title: string, author: string, body = '正文第一段。') =>
  enc.encode(`# ${title}\n\n${author}\n\n${body}\n`);
export const file = (name: string, bytes: Uint8Array) => ({ name, data: toBase64(bytes) });

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

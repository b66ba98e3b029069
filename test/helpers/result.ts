// Result helpers for tests: unwrap an ok Result or fail with the error's code and message, and
// a base64 file input as the contract takes it.
import { toBase64 } from '../../core/bytes/base64';

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { code?: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code ?? 'an error'}: ${r.error.message}`);
  return r.value;
}

/** A file as contract calls take it: its name and its bytes in base64. */
export const fileInput = (name: string, bytes: Uint8Array) => ({ name, data: toBase64(bytes) });

// Atomic file replacement for user-visible outputs (compiled PDF/DOCX, print products, CLI
// imports): the store's one durable writer (store/durable-write.ts: temp file beside it, fsync,
// rename with retries, fsync the folder) behind a throwing interface. A failed write never leaves
// a half file under the real name nor its temp file; the thrown error keeps the errno code
// (ENOSPC, EACCES, EBUSY …) so callers can say why in their own words.
import path from 'node:path';
import { durableWrite } from './store/durable-write';
import { nodeFs } from './store/fs-port';

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const r = await durableWrite(nodeFs, path.resolve(file), data);
  if (r.ok) return;
  const code = /\b(E[A-Z]{2,})\b/.exec(r.error.detail ?? '')?.[1];
  throw Object.assign(new Error(r.error.detail ?? r.error.message), code ? { code } : {});
}

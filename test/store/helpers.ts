// Shared helpers for the store tests: a temp data dir (per test or per describe block), a disk-backed service with injectable fs,
// and a minimal valid session document.
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDispatcher, createLocalClient, type Client } from '../../core/contract';
import { createNodePorts } from '../../core/node/ports';
import type { FsPort } from '../../core/node/store/fs-port';
import { SCHEMA_VERSION, SessionSchema, type Session } from '../../core/model/session';
import { createService, type Service } from '../../core/service/service';
import type { Ports } from '../../core/service/ports';

export { must } from '../helpers/result';

export async function tempDir(prefix = 'huibian-store-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A temp data dir made before the describe block's tests and removed after them; read `.dir` inside tests. */
export function useTempDir(prefix?: string): { readonly dir: string } {
  let t: Awaited<ReturnType<typeof tempDir>> | undefined;
  beforeAll(async () => {
    t = await tempDir(prefix);
  });
  afterAll(() => t?.cleanup());
  return {
    get dir() {
      if (!t) throw new Error('useTempDir: .dir read before beforeAll ran');
      return t.dir;
    },
  };
}

export function diskService(
  dataDir: string,
  opts: { fs?: FsPort; overrides?: Partial<Ports> } = {},
): { service: Service; client: Client; ports: ReturnType<typeof createNodePorts> } {
  const ports = createNodePorts({ dataDir, fs: opts.fs, overrides: { saveRetryMs: 30, ...opts.overrides } });
  const service = createService(ports);
  return { service, client: createLocalClient(createDispatcher(service)), ports };
}

export function sessionDoc(id: string, name: string, extra: Partial<Session> = {}): Session {
  return { ...SessionSchema.parse({ schemaVersion: SCHEMA_VERSION, id, name, date: '2026-12-01' }), ...extra };
}

// The contract's client for terminal commands: the real service behind the same dispatcher as IPC
// and HTTP, over the app's data folder (withLocalClient: `call`, `session`, `portal`) or over one
// session folder (withFolderClient: `compile`, `import`, `roster`, `export`). Local paths are
// allowed: the caller is the user at this computer.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, createLocalClient } from '../core/contract';
import { createFolderPorts, type FolderPortsOptions } from '../core/node/folder-ports';

/** Folders and files named on the command line, as files (the session-folder commands' input). */
export { expandInputs } from '../core/node/folder-inputs';
import { defaultDataDir } from '../core/node/store/data-dir';
import { createService } from '../core/service/service';
import { ok, type Result } from '../core/result';

export const DATA_OPTION_HELP = `  --data <DIR>   会议数据文件夹（默认 ${defaultDataDir()}）`;

export type LocalClient = ReturnType<typeof createLocalClient>;

/** Runs `use` with a client over the data folder and always releases the service (locks, timers). */
export async function withLocalClient<T>(
  dataDirArg: string | undefined,
  use: (client: LocalClient, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = path.resolve(dataDirArg ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true });
  // Loaded here, not at the top: the session-folder commands never need the app's full wiring.
  const { createNodePorts } = await import('../core/node/ports');
  const service = createService(createNodePorts({ dataDir, transport: 'cli' }));
  try {
    return await use(createLocalClient(createDispatcher(service), { transport: 'cli', allowPaths: true }), dataDir);
  } finally {
    await service.dispose();
  }
}

/**
 * Runs `use` with a client over one session folder (core/node/folder-ports) and the folder's
 * session id; closes the session (saving, releasing the owner lock) and the service afterwards.
 * A folder without a readable session.json gives the error instead.
 */
export async function withFolderClient<T>(
  dir: string,
  opts: FolderPortsOptions,
  use: (client: LocalClient, sessionId: string) => Promise<T>,
): Promise<Result<T>> {
  const fp = await createFolderPorts(dir, opts);
  if (!fp.ok) return fp;
  const service = createService(fp.value.ports);
  try {
    return ok(
      await use(
        createLocalClient(createDispatcher(service), { transport: 'cli', allowPaths: true }),
        fp.value.sessionId,
      ),
    );
  } finally {
    await service.dispose();
  }
}

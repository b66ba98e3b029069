// The contract's client for terminal commands: the real service over the data folder, behind the
// same dispatcher as IPC and HTTP. Local paths are allowed: the caller is the user at this computer.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, createLocalClient } from '../core/contract';
import { createNodePorts } from '../core/node/ports';
import { defaultDataDir } from '../core/node/store/data-dir';
import { createService } from '../core/service/service';

export const DATA_OPTION_HELP = `  --data <DIR>   会议数据文件夹（默认 ${defaultDataDir()}）`;

/** Runs `use` with a client over the data folder and always releases the service (locks, timers). */
export async function withLocalClient<T>(
  dataDirArg: string | undefined,
  use: (client: ReturnType<typeof createLocalClient>, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = path.resolve(dataDirArg ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true });
  const service = createService(createNodePorts({ dataDir, transport: 'cli' }));
  try {
    return await use(createLocalClient(createDispatcher(service), { transport: 'cli', allowPaths: true }), dataDir);
  } finally {
    await service.dispose();
  }
}

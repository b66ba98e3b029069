// The service as the app runs an import: in-memory ports with the app's batch importer (core/node)
// and the app's sorter, reached through the local contract client, as the intake tests drive it.
import { createDispatcher, createLocalClient, type Client } from '../../core/contract';
import { createService } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { nodeSorter } from '../../core/node/ports';
import { batchImporter } from '../../core/node/import-batch';

export function importingService(): { client: Client; dispose: () => void } {
  const ports = memoryPorts();
  ports.importer = batchImporter();
  ports.sorter = nodeSorter();
  const service = createService(ports);
  return { client: createLocalClient(createDispatcher(service)), dispose: () => service.dispose() };
}

// Creates the one service in the main process over the node ports (disk store, file stores,
// importer, compile engine, ordering) and returns its dispatcher. It must never add behaviour:
// the same createService/createDispatcher pair backs the CLI, HTTP and the tests.
import { createDispatcher, type Dispatcher } from '../../core/contract';
import { createNodePorts } from '../../core/node/ports';
import { createService } from '../../core/service/service';

export async function createMainDispatcher(dataDir: string): Promise<{ dispatcher: Dispatcher; close: () => Promise<void> }> {
  const service = createService(createNodePorts({ dataDir, transport: 'ipc' }));
  return { dispatcher: createDispatcher(service), close: () => service.dispose() };
}

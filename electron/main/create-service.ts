// Creates the one service in the main process over the node ports (disk store, file stores,
// importer, compile engine, ordering) and returns its dispatcher. It must never add behaviour:
// the same createService/createDispatcher pair backs the CLI, HTTP and the tests.
import { createDispatcher, type Dispatcher } from '../../core/contract';
import { createNodePorts } from '../../core/node/ports';
import { createService } from '../../core/service/service';

export async function createMainDispatcher(
  dataDir: string,
): Promise<{ dispatcher: Dispatcher; close: () => Promise<void> }> {
  const ports = createNodePorts({ dataDir, transport: 'ipc' });
  const service = createService(ports);
  const dispatcher = createDispatcher(service);
  // 网上报送: the portal listener calls the service as trusted local code (streamed uploads by path).
  ports.portalHost.attach((name, input) => dispatcher.call(name, input, { transport: 'local', allowPaths: true }));
  return { dispatcher, close: () => service.dispose() };
}

// Creates the service in the main process over the node ports (lowdb store, file stores, fonts,
// compile worker) and returns its dispatcher. Placeholder wiring until core/node exposes the factory.
import type { Dispatcher } from '../../core/contract';

export async function createMainDispatcher(_dataDir: string): Promise<{ dispatcher: Dispatcher; close: () => Promise<void> }> {
  throw new Error('core/node service factory not available yet');
}

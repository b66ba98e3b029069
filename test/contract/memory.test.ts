// The contract suite against the in-memory service (dispatcher + memory ports).
import { createDispatcher, createLocalClient } from '../../core/contract';
import { createService } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { contractSuite } from './suite';
import { testCompiler } from './test-compiler';
import { testPrinter } from './test-printer';
import { nodeRosterFiles, nodeSorter } from '../../core/node/ports';

contractSuite('the in-memory service', async () => {
  const ports = memoryPorts();
  ports.compiler = testCompiler(ports.outputs);
  ports.printer = testPrinter(ports.outputs);
  // The same roster files and ordering rules as the app (pure enough to run in memory).
  ports.roster = nodeRosterFiles;
  ports.sorter = nodeSorter();
  // Every edit takes a snapshot (interval 0) so the snapshot case has something to restore.
  ports.snapshotEveryMs = 0;
  const service = createService(ports);
  const client = createLocalClient(createDispatcher(service));
  return {
    client,
    async fetchOutput(f) {
      const name = decodeURIComponent(f.url.split('/').pop()!);
      const sessionId = decodeURIComponent(f.url.split('/')[2]);
      const r = await ports.outputs.read(sessionId, name);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    cleanup: () => service.dispose(),
  };
});

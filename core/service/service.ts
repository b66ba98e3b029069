// The service: implements every call of the contract over injected ports. It holds no transport
// knowledge (IPC, HTTP and tests all reach it through the dispatcher) and never touches node, the
// disk or the DOM itself. Every edit goes through the SessionOwner (revision check, undo, durable
// save); reads of bodies and files go through the stores. The handlers live in one file per
// contract noun (core/service/handlers/); this is the one place they are merged.
import type { AppError } from '../result';
import type { Handlers, ServiceImpl } from '../contract/client';
import { createServiceDeps } from './deps';
import type { Ports } from './ports';
import type { SessionOwner } from './session-owner';
import { compileHandlers } from './handlers/compile';
import { rosterHandlers } from './handlers/roster';
import { sectionHandlers } from './handlers/sections';
import { sessionHandlers } from './handlers/sessions';
import { statsHandlers } from './handlers/stats';
import { submissionHandlers } from './handlers/submissions';
import { portalHandlers } from './portal-handlers';
import { keepImportReports, submissionBulk } from './submission-bulk';

export interface Service extends ServiceImpl {
  owner: SessionOwner;
  /** Stops timers and jobs; closes sessions (releasing ownership). */
  dispose(): Promise<void>;
}

export function createService(ports: Ports): Service {
  const deps = createServiceDeps(ports);
  const { emitter, owner, jobs, prints, warmup } = deps;

  const h: Handlers = {
    ...sessionHandlers(deps),
    ...rosterHandlers(deps),
    ...submissionHandlers(deps),
    ...sectionHandlers(deps),
    ...compileHandlers(deps),
    ...statsHandlers(deps),
    ...portalHandlers({ ports, owner, self: () => h }),
    ...submissionBulk({ ports, owner, sorter: deps.sorter }),
  };
  keepImportReports(h, ports);

  return {
    handlers: h,
    events: emitter,
    owner,
    async dispose() {
      warmup.dispose();
      jobs.cancelAll();
      prints.cancelAll();
      owner.dispose();
      await owner.closeAll();
      await ports.dispose?.();
    },
  };
}

export type { AppError };

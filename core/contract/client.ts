// The client side of the contract: the one interface every transport implements (Electron IPC,
// HTTP + SSE, in-process). UI code depends on `Client` only, never on a transport.
import type { Result } from '../result';
import type { ApiName, In, Out, Parsed } from './api';
import type { EventName, EventPayload } from './events';

export interface Client {
  /** Calls the service. Never throws: transport failures come back as { ok: false } too. */
  call<K extends ApiName>(name: K, input: In<K>): Promise<Result<Out<K>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

/** Who is calling: transports that cannot be trusted with local paths say so. */
export interface CallContext {
  transport: 'local' | 'ipc' | 'http' | 'cli';
  /** false over HTTP: FileInput with `path` (and targetPath) are refused. */
  allowPaths: boolean;
}

/** What a service implements: one handler per call (inputs already validated) and an event source. */
export type Handlers = { [K in ApiName]: (input: Parsed<K>, ctx: CallContext) => Promise<Result<Out<K>>> };

export interface ServiceEvents {
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export interface ServiceImpl {
  handlers: Handlers;
  events: ServiceEvents;
}

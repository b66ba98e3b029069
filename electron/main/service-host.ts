// Hosts the one service in the main process and adapts its dispatcher to the IPC binding.
// It must never add behaviour of its own: every call goes through the contract's dispatcher, which
// validates input and output; the binding has already checked the sender and the input schema.
import { api, events, isApiName, type Dispatcher } from '../../core/contract';
import type { ContractPort } from './ipc-binding';

export function contractPort(dispatcher: Pick<Dispatcher, 'call'>): ContractPort {
  return {
    inputSchema: (name) => (isApiName(name) ? api[name].input : undefined),
    // IPC comes from our own window on this computer, so local paths (dropped files) are allowed.
    dispatch: (name, input) => dispatcher.call(name, input, { transport: 'ipc', allowPaths: true }),
  };
}

/** Forwards every contract event to cb; returns one function that unsubscribes them all. */
export function forwardEvents(dispatcher: Pick<Dispatcher, 'on'>, cb: (name: string, payload: unknown) => void): () => void {
  const offs = Object.keys(events).map((name) => dispatcher.on(name, (payload) => cb(name, payload)));
  return () => offs.forEach((off) => off());
}

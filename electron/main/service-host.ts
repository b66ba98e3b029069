// Hosts the one service in the main process and adapts its dispatcher to the IPC binding.
// It must never add behaviour of its own: every call goes through the contract's dispatcher, which
// validates input and output; the binding has already checked the sender and the input schema.
// The one thing it adds is the path fence (path-grants.ts) in front of the dispatcher.
import { api, events, isApiName, type Dispatcher } from '../../core/contract';
import type { ContractPort } from './ipc-binding';
import type { PathGrants } from './path-grants';

export function contractPort(dispatcher: Pick<Dispatcher, 'call'>, grants?: PathGrants): ContractPort {
  return {
    inputSchema: (name) => (isApiName(name) ? api[name].input : undefined),
    // IPC comes from our own window on this computer, so local paths are allowed — but only the
    // ones the fence grants: picked in a native dialog, dropped, or inside the app's folders.
    dispatch: async (name, input) => {
      const refused = grants?.check(input);
      if (refused) return refused;
      const r = await dispatcher.call(name, input, { transport: 'ipc', allowPaths: true });
      // Installed fonts the service listed may be chosen (and then read at compile time).
      if (grants && name === 'fonts.list' && r.ok)
        for (const f of (r.value as { installed?: { ref: { file?: string } }[] }).installed ?? [])
          if (f.ref.file) grants.grantPicked(f.ref.file);
      return r;
    },
  };
}

/** Forwards every contract event to cb; returns one function that unsubscribes them all. */
export function forwardEvents(
  dispatcher: Pick<Dispatcher, 'on'>,
  cb: (name: string, payload: unknown) => void,
): () => void {
  const offs = Object.keys(events).map((name) => dispatcher.on(name, (payload) => cb(name, payload)));
  return () => offs.forEach((off) => off());
}

// A tiny typed event emitter for the service's events. A failing listener never breaks the emitter.
import type { EventName, EventPayload } from '../contract/events';
import type { ServiceEvents } from '../contract/client';

export class Emitter implements ServiceEvents {
  private listeners = new Map<string, Set<(p: unknown) => void>>();

  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const f = cb as (p: unknown) => void;
    set.add(f);
    return () => set!.delete(f);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const cb of this.listeners.get(event) ?? []) {
      try {
        cb(payload);
      } catch {
        // listener bugs stay with the listener
      }
    }
  }
}

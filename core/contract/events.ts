// Events the service pushes to clients (over IPC, SSE, or in-process): compile progress and
// session changes made by another window (S8). Pure schemas; payloads are validated like outputs.
import { z } from 'zod';
import { CompileJobSchema, ExportProgressSchema, SaveStateSchema } from './schemas';

export const events = {
  /** A compile job changed (progress, done, failed, cancelled). */
  'compile.progress': CompileJobSchema,
  /** A print export moved on (step message), finished, failed or was cancelled. */
  'export.progress': ExportProgressSchema,
  /** A session changed revision or save state (another tab edited it, a save failed or succeeded). */
  'session.changed': z.object({ sessionId: z.string(), revision: z.number().int(), save: SaveStateSchema }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(events, name);

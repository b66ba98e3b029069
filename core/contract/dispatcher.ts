// The dispatcher: the single gate between any transport and the service. It looks the call up by
// name, validates the input with its schema, calls the handler, validates the output, and turns
// anything thrown into an error value. It must never throw and never hand out the service's own
// objects (outputs are copies), so a client can't mutate the store's state.
import type { z } from 'zod';
import { describeIssues } from '../model/session';
import { toAppError, type Result } from '../result';
import { api, isApiName, type ApiName, type In, type Out } from './api';
import type { CallContext, Client, ServiceImpl } from './client';
import { ErrorCodes } from './errors';
import { events, isEventName, type EventName, type EventPayload } from './events';
import { installChineseZodErrors, zhErrorMap } from './zod-zh';

installChineseZodErrors();

export interface Dispatcher {
  /** Untyped entry for transports: name and input come off the wire. */
  call(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<Result<unknown>>;
  /** Untyped subscription for transports; unknown events subscribe to nothing. */
  on(event: string, cb: (payload: unknown) => void): () => void;
}

const DEFAULT_CTX: CallContext = { transport: 'local', allowPaths: true };

function badInput(name: string, error: z.ZodError): Result<never> {
  const issues = describeIssues(error);
  // Per field too (e.g. 'layout.linesPerPage'), so a form can show each problem at its field.
  const fields = error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  return {
    ok: false,
    error: {
      code: ErrorCodes.badInput,
      message: `调用 ${name} 的参数有误：${issues.slice(0, 5).join('；')}`,
      detail: issues.join('\n'),
      fields,
    },
  };
}

export function createDispatcher(service: ServiceImpl, opts: { validateOutput?: boolean } = {}): Dispatcher {
  const validateOutput = opts.validateOutput ?? true;
  return {
    async call(name, input, ctx) {
      try {
        if (typeof name !== 'string' || !isApiName(name)) {
          return { ok: false, error: { code: ErrorCodes.unknownCall, message: `未知的调用：${String(name)}` } };
        }
        const def = api[name];
        const parsed = def.input.safeParse(input ?? {}, { error: zhErrorMap });
        if (!parsed.success) return badInput(name, parsed.error);
        const handler = service.handlers[name] as (i: unknown, c: CallContext) => Promise<Result<unknown>>;
        const result = await handler(parsed.data, { ...DEFAULT_CTX, ...ctx });
        if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
          return { ok: false, error: { code: ErrorCodes.badOutput, message: `内部错误：${name} 没有返回结果` } };
        }
        if (!result.ok) {
          const e = result.error;
          return {
            ok: false,
            error: {
              code: String(e.code),
              message: String(e.message),
              ...(e.file ? { file: e.file } : {}),
              ...(e.detail ? { detail: e.detail } : {}),
              ...(Array.isArray(e.fields) && e.fields.length
                ? { fields: e.fields.map((f) => ({ field: String(f.field), message: String(f.message) })) }
                : {}),
            },
          };
        }
        if (!validateOutput) return { ok: true, value: structuredClone(result.value) };
        const out = def.output.safeParse(result.value);
        if (!out.success) {
          const issues = describeIssues(out.error);
          return {
            ok: false,
            error: {
              code: ErrorCodes.badOutput,
              message: `内部错误：${name} 的返回值不符合约定`,
              detail: issues.join('\n'),
            },
          };
        }
        return { ok: true, value: out.data };
      } catch (e) {
        return { ok: false, error: toAppError(e, ErrorCodes.internal, `执行 ${String(name)} 时发生内部错误`) };
      }
    },
    on(event, cb) {
      if (!isEventName(event)) return () => {};
      const schema = events[event];
      return service.events.on(event, (payload) => {
        const p = schema.safeParse(payload);
        if (p.success) {
          try {
            cb(p.data);
          } catch {
            // A subscriber's bug must not break the service's event loop.
          }
        }
      });
    },
  };
}

/** An in-process Client over a dispatcher (tests, CLI). Same validation as IPC/HTTP. */
export function createLocalClient(dispatcher: Dispatcher, ctx: Partial<CallContext> = {}): Client {
  return {
    call: <K extends ApiName>(name: K, input: In<K>) => dispatcher.call(name, input, ctx) as Promise<Result<Out<K>>>,
    on: <E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) =>
      dispatcher.on(event, cb as (p: unknown) => void),
  };
}

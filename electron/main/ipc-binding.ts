// Binds the contract and the shell's native actions to IPC (E4). Before anything else each call
// checks the sender frame (main frame, app:// origin) and validates the arguments with a zod
// schema; everything returns a Result value, never a thrown error (Electron would keep only its
// message). It must never expose a handler that takes a channel name or an arbitrary path.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { PathGrants } from './path-grants';
import type { z } from 'zod';
import { err, toAppError, type Result } from '../../core/result';
import { CHANNEL } from '../../core/contract/channel';
import { isTrustedSender } from './security';

/** The part of the contract the binding needs: the input schema per name and a dispatcher. */
export interface ContractPort {
  inputSchema(name: string): z.ZodType | undefined;
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
}

export interface NativeHandler<S extends z.ZodType = z.ZodType> {
  input: S;
  run(input: z.infer<S>, event: IpcMainInvokeEvent): Promise<Result<unknown>>;
}
export type NativeHandlers = Record<string, NativeHandler>;

/** Declares a native handler with its input type inferred from the schema. */
export function nativeHandler<S extends z.ZodType>(
  input: S,
  run: (input: z.infer<S>, event: IpcMainInvokeEvent) => Promise<Result<unknown>>,
): NativeHandler {
  return { input, run: run as NativeHandler['run'] };
}

/** 'noun.verb' or 'noun.sub.verb'; anything else is refused before the contract is asked. */
const NAME = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*){1,2}$/;

function senderError(): Result<never> {
  return err('ipc.sender', '拒绝了来自未知页面的请求。');
}

export async function handleCall(
  contract: ContractPort,
  event: IpcMainInvokeEvent,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event.senderFrame, event.sender)) return senderError();
  if (typeof name !== 'string' || !NAME.test(name)) return err('ipc.unknown', '未知的操作。');
  const schema = contract.inputSchema(name);
  if (!schema) return err('ipc.unknown', `未知的操作：${name}`);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(
      'ipc.invalid',
      `操作 ${name} 的参数不正确：${first ? `${first.path.join('.') || '(根)'} ${first.message}` : ''}`,
    );
  }
  try {
    return await contract.dispatch(name, parsed.data);
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
}

export async function handleNative(
  handlers: NativeHandlers,
  event: IpcMainInvokeEvent,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event.senderFrame, event.sender)) return senderError();
  if (typeof name !== 'string' || !Object.hasOwn(handlers, name)) return err('ipc.unknown', '未知的操作。');
  const handler = handlers[name];
  const parsed = handler.input.safeParse(input);
  if (!parsed.success) return err('ipc.invalid', `操作 ${name} 的参数不正确。`);
  try {
    return await handler.run(parsed.data, event);
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
}

/**
 * A dropped file's path, sent synchronously by the preload's pathForFile (so the grant exists
 * before the import call that names it): only from our own window, only a string.
 */
export function handleGrant(grants: Pick<PathGrants, 'grantPicked'>, event: IpcMainEvent, path: unknown): void {
  const okSender = isTrustedSender(event.senderFrame, event.sender);
  if (okSender && typeof path === 'string' && path.length <= 4096) grants.grantPicked(path);
  event.returnValue = okSender;
}

/** Registers the two invoke channels (and the drop-grant channel); returns a function that removes them. */
export function bindIpc(
  ipcMain: IpcMain,
  contract: ContractPort,
  natives: NativeHandlers,
  grants?: PathGrants,
): () => void {
  ipcMain.handle(CHANNEL.call, (event, name, input) => handleCall(contract, event, name, input));
  ipcMain.handle(CHANNEL.native, (event, name, input) => handleNative(natives, event, name, input));
  const onGrant = (event: IpcMainEvent, path: unknown) =>
    handleGrant(grants ?? { grantPicked: () => undefined }, event, path);
  ipcMain.on(CHANNEL.grant, onGrant);
  return () => {
    ipcMain.removeHandler(CHANNEL.call);
    ipcMain.removeHandler(CHANNEL.native);
    ipcMain.removeListener(CHANNEL.grant, onGrant);
  };
}

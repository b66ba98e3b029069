// Picks the transport: the Electron bridge when the preload exposed one, HTTP otherwise.
import type { Bridge } from './bridge';
import { createHttpTransport, takeToken } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';

export type { Transport } from './transport';

export function pickTransport(): Transport {
  const bridge = (window as unknown as { huibian?: Bridge }).huibian;
  if (bridge && typeof bridge.call === 'function') return createIpcTransport(bridge);
  return createHttpTransport(takeToken());
}

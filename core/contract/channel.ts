// The IPC channel names of the Electron transport: part of the contract, so the main process, the
// preload and the renderer's bridge type agree on them without importing each other. Everything
// carries the one prefix the main process listens on; there must never be a channel outside it.
export const CHANNEL_PREFIX = 'huibian:';

export const CHANNEL = {
  call: 'huibian:call',
  native: 'huibian:native',
  event: 'huibian:event',
  /** Preload → main, synchronous: the path of a file the user dropped (a grant for the path fence). */
  grant: 'huibian:grant',
} as const;

// E4: the preload exposes one object named huibian, never ipcRenderer, and on() unsubscribes.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Bridge } from '../../renderer/transport/bridge';

const exposed: Record<string, unknown> = {};
const emitter = new EventEmitter();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 1 }));
const sendSync = vi.fn((..._args: unknown[]) => true);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((name: string, api: unknown) => (exposed[name] = api)) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    sendSync: (...args: unknown[]) => sendSync(...args),
    on: (ch: string, fn: (...a: unknown[]) => void) => emitter.on(ch, fn),
    removeListener: (ch: string, fn: (...a: unknown[]) => void) => emitter.removeListener(ch, fn),
  },
  webUtils: { getPathForFile: () => '/dropped/file.docx' },
}));

let bridge: Bridge;
beforeAll(async () => {
  await import('../../electron/preload/preload');
  bridge = exposed.huibian as Bridge;
});

describe('preload bridge', () => {
  it('exposes exactly one object with call / on / pathForFile / native, and nothing raw', () => {
    expect(Object.keys(exposed)).toEqual(['huibian']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'native', 'on', 'pathForFile']);
    expect(Object.keys(bridge.native).sort()).toEqual([
      'expandPaths',
      'openExternal',
      'openFolder',
      'pickFiles',
      'pickSavePath',
      'printPdf',
      'readOutput',
    ]);
    const text = JSON.stringify(Object.keys(bridge)) + String(bridge.call) + String(bridge.on);
    expect(text).not.toMatch(/send\(|sendSync|ipcRenderer\b(?!\.(invoke|on|removeListener))/);
  });

  it('calls go through the one prefixed channel', async () => {
    await bridge.call('sessions.list', {});
    expect(invoke).toHaveBeenLastCalledWith('huibian:call', 'sessions.list', {});
    await bridge.native.openFolder('/x');
    expect(invoke).toHaveBeenLastCalledWith('huibian:native', 'openFolder', { path: '/x' });
    expect(bridge.pathForFile({} as File)).toBe('/dropped/file.docx');
    // The dropped path is granted in main (path fence) before anything can name it.
    expect(sendSync).toHaveBeenLastCalledWith('huibian:grant', '/dropped/file.docx');
  });

  it('on() filters by event name and returns an unsubscribe', () => {
    const seen: unknown[] = [];
    const off = bridge.on('compile.progress', (p) => seen.push(p));
    emitter.emit('huibian:event', {}, 'compile.progress', { n: 1 });
    emitter.emit('huibian:event', {}, 'session.changed', { n: 2 });
    expect(seen).toEqual([{ n: 1 }]);
    expect(emitter.listenerCount('huibian:event')).toBe(1);
    off();
    emitter.emit('huibian:event', {}, 'compile.progress', { n: 3 });
    expect(seen).toEqual([{ n: 1 }]);
    expect(emitter.listenerCount('huibian:event')).toBe(0);
  });
});

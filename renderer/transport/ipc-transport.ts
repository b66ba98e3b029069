// The Electron transport: the contract over the preload bridge (window.huibian). It must never
// reach for anything but the bridge (no ipcRenderer, no node).
import type { Client } from '../../core/contract';
import type { Bridge } from './bridge';
import { toBase64, transportError, type Transport } from './transport';

export function createIpcTransport(bridge: Bridge): Transport {
  const call = (async (name: string, input: unknown) => {
    try {
      return await bridge.call(name, input);
    } catch (e) {
      return transportError('与程序主进程的连接出错，请重新启动汇编。', String(e));
    }
  }) as Client['call'];
  return {
    kind: 'ipc',
    call,
    on: ((event: string, cb: (p: unknown) => void) => bridge.on(event, cb)) as Client['on'],
    fetchOutput: async (file) =>
      file.path ? bridge.native.readOutput(file.path) : transportError(`找不到生成的文件 ${file.name}`),
    fileInput: async (file) => {
      const path = bridge.pathForFile(file);
      if (path) return { name: file.name, path };
      return { name: file.name, data: toBase64(new Uint8Array(await file.arrayBuffer())) };
    },
    native: bridge.native,
    pathOf: (file: File) => bridge.pathForFile(file),
  };
}

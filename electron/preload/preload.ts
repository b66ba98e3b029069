// The preload: exposes exactly one small typed object (window.huibian) to the sandboxed renderer.
// It must never expose ipcRenderer, a generic send/invoke, or any channel name chosen by the page.
// Bundled to CommonJS (dist-electron/preload.cjs) because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../../renderer/transport/bridge';
import { CHANNEL } from '../../core/contract/channel';

const native = (name: string, input: unknown) => ipcRenderer.invoke(CHANNEL.native, name, input);

const bridge = {
  call: (name, input) => ipcRenderer.invoke(CHANNEL.call, String(name), input),
  on: (event, cb) => {
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) cb(payload);
    };
    ipcRenderer.on(CHANNEL.event, listener);
    return () => {
      ipcRenderer.removeListener(CHANNEL.event, listener);
    };
  },
  // Only a File the user dropped (or picked) has a path; main records it as granted before the
  // import that names it (sendSync on the one fixed channel, never a channel chosen by the page).
  pathForFile: (file) => {
    const p = webUtils.getPathForFile(file);
    if (p) ipcRenderer.sendSync(CHANNEL.grant, p);
    return p;
  },
  native: {
    pickFiles: (opts) => native('pickFiles', opts),
    pickSavePath: (opts) => native('pickSavePath', opts),
    openFolder: (path) => native('openFolder', { path }),
    printPdf: (path) => native('printPdf', { path }),
    readOutput: (path) => native('readOutput', { path }),
    expandPaths: (paths) => native('expandPaths', { paths }),
    openExternal: (url) => native('openExternal', { url }),
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('huibian', bridge);

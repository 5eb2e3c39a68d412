/**
 * The only bridge between the sandboxed renderer and main: one fixed channel each way carrying
 * JSON text, exactly what the WebSocket carries in the web host. No ipcRenderer, no way to name a
 * channel; main validates every message (zod) as it does for the WebSocket. The renderer builds
 * SextantApi on top of it with the same client code for both transports.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { FileBridge } from '../shared/contracts/fileBridge';
import { IPC_TO_MAIN, IPC_TO_RENDERER } from '../shared/contracts/ipcChannels';
import type { PreloadBridge } from '../shared/contracts/protocol';

const bridge: PreloadBridge = {
  send: (text) => {
    if (typeof text === 'string') ipcRenderer.send(IPC_TO_MAIN, text);
  },
  onMessage: (listener) => {
    const handler = (_event: IpcRendererEvent, text: unknown) => {
      if (typeof text === 'string') listener(text);
    };
    ipcRenderer.on(IPC_TO_RENDERER, handler);
    return () => ipcRenderer.removeListener(IPC_TO_RENDERER, handler);
  },
};

contextBridge.exposeInMainWorld('sextantBridge', bridge);

// A dropped file's path, which the page itself cannot learn (the catalog's drag-and-drop).
const files: FileBridge = { pathForFile: (file) => webUtils.getPathForFile(file) };
contextBridge.exposeInMainWorld('sextantFiles', files);

/**
 * The only bridge between the sandboxed renderer and main: a typed SextantApi, no ipcRenderer,
 * no way to name a channel. Main validates every request again; this side only shapes them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Frame } from '../shared/contracts/frames';
import { IPC_FRAMES, IPC_REQUEST } from '../shared/contracts/ipcChannels';
import type { SextantApi } from '../shared/contracts/protocol';

const request = (body: unknown) => ipcRenderer.invoke(IPC_REQUEST, body);

const api: SextantApi = {
  dispatch: (command) => request({ method: 'dispatch', command }),
  subscribe: (subscriptionId, pattern, afterSeq) =>
    request(afterSeq === undefined ? { method: 'subscribe', subscriptionId, pattern } : { method: 'subscribe', subscriptionId, pattern, afterSeq }),
  unsubscribe: (subscriptionId) => request({ method: 'unsubscribe', subscriptionId }),
  fetchPage: (queryId, offset, limit, view) => request({ method: 'fetchPage', queryId, offset, limit, ...view }),
  onFrame: (listener) => {
    const handler = (_event: IpcRendererEvent, frames: readonly Frame[]) => frames.forEach(listener);
    ipcRenderer.on(IPC_FRAMES, handler);
    return () => ipcRenderer.removeListener(IPC_FRAMES, handler);
  },
  // IPC lives as long as the window: it is connected from the start and never drops.
  onConnection: (listener) => {
    queueMicrotask(() => listener(true));
    return () => {};
  },
};

contextBridge.exposeInMainWorld('sextant', api);

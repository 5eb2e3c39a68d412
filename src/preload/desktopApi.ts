import { createApiClient } from '../shared/client/apiClient';
import type { DesktopApi } from '../shared/contracts/protocol';
import { createIpcChannel, type IpcRendererLike } from './ipcChannel';

/**
 * What the preload hands the page: the typed SextantApi (the web build's own client, run here over
 * IPC) and the path of a dropped file. Only these named functions cross the context bridge: no
 * ipcRenderer, no way to name a channel or send raw text; main still validates every message.
 */
export function createDesktopApi(ipc: IpcRendererLike, pathForFile: (file: File) => string): DesktopApi {
  const api = createApiClient(createIpcChannel(ipc));
  return Object.freeze({
    dispatch: (command) => api.dispatch(command),
    subscribe: (subscriptionId, pattern, afterSeq, storeId) => api.subscribe(subscriptionId, pattern, afterSeq, storeId),
    unsubscribe: (subscriptionId) => api.unsubscribe(subscriptionId),
    fetchPage: (queryId, offset, limit, view) => api.fetchPage(queryId, offset, limit, view),
    onFrame: (listener) => api.onFrame(listener),
    onConnection: (listener) => api.onConnection(listener),
    pathForFile: (file) => pathForFile(file),
  } satisfies DesktopApi);
}

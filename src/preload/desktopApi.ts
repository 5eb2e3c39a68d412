import { createApiClient } from '../shared/client/apiClient';
import type { DesktopApi } from '../shared/contracts/protocol';
import { createIpcChannel, type IpcRendererLike } from './ipcChannel';

/**
 * What the preload hands the page: the typed SextantApi (the web build's own client, run here over
 * IPC) and the path of a dropped file. Only these named functions cross the context bridge: no
 * ipcRenderer, no way to name a channel or send raw text; main still validates every message.
 */
export function createDesktopApi(ipc: IpcRendererLike, pathForFile: (file: File) => string): DesktopApi {
  // The client's own functions, one per method of the API table plus its events: contextBridge
  // copies each as a function, and nothing else about the client crosses.
  const api = createApiClient(createIpcChannel(ipc));
  return Object.freeze({ ...api, pathForFile: (file: File) => pathForFile(file) } satisfies DesktopApi);
}

import type { PreloadBridge, SextantApi } from '../../shared/contracts/protocol';
import { createApiClient } from './apiClient';
import { createIpcChannel } from './ipcChannel';
import { createWsChannel } from './wsChannel';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. */
    readonly sextantBridge?: PreloadBridge;
  }
}

/** Over Electron's IPC bridge when there is one; otherwise the web host's WebSocket, with the page's token. */
export function getApi(): SextantApi {
  if (window.sextantBridge) return createApiClient(createIpcChannel(window.sextantBridge));
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const wsUrl = new URL('/ws', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  wsUrl.search = `?token=${encodeURIComponent(token)}`;
  return createApiClient(createWsChannel(wsUrl.href));
}

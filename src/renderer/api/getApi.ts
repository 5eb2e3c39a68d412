import type { SextantApi } from '../../shared/contracts/protocol';
import { createWsApi } from './wsApi';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. */
    readonly sextant?: SextantApi;
  }
}

/** Electron's preload API when there is one; otherwise the web host's WebSocket, with the page's token. */
export function getApi(): SextantApi {
  if (window.sextant) return window.sextant;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const wsUrl = new URL('/ws', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  wsUrl.search = `?token=${encodeURIComponent(token)}`;
  return createWsApi(wsUrl.href);
}

import { createApiClient } from '../../shared/client/apiClient';
import type { DesktopApi, SextantApi } from '../../shared/contracts/protocol';
import { windowScope } from '../state/windowScope';
import { createWsChannel } from './wsChannel';

declare global {
  interface Window {
    /** Present in Electron only: the typed API the sandboxed preload exposes (src/preload). */
    readonly sextant?: DesktopApi;
  }
}

/**
 * In Electron, the preload's typed API (built on IPC with this same client code); in a browser, the
 * same client over the web host's WebSocket, with the page's token.
 */
export function getApi(): SextantApi {
  if (window.sextant) return window.sextant;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const wsUrl = new URL('/ws', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  // A page opened on one session gets a connection main scopes to it.
  const { sessionId } = windowScope(window.location.search);
  wsUrl.search = `?token=${encodeURIComponent(token)}${sessionId ? `&session=${encodeURIComponent(sessionId)}` : ''}`;
  return createApiClient(createWsChannel(wsUrl.href));
}

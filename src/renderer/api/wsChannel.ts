import type { ClientChannel } from '../../shared/contracts/protocol';

/** The part of the WebSocket API this uses: the browser's, and the `ws` package's in Node tools. */
interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(text: string): void;
  close(): void;
}
type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WsChannelOptions {
  readonly WebSocket?: WebSocketConstructor;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly random?: () => number;
}

const OPEN = 1;

/**
 * The web host's WebSocket as a ClientChannel. After any drop (a network blip, the host restarting)
 * it reconnects with capped exponential backoff and jitter, for as long as the page lives; the
 * stream client then resubscribes from its last seq.
 */
export function createWsChannel(url: string, options: WsChannelOptions = {}): ClientChannel & { close(): void } {
  const Impl = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor);
  const minBackoff = options.minBackoffMs ?? 200;
  const maxBackoff = options.maxBackoffMs ?? 3000;
  const random = options.random ?? Math.random;
  const messageListeners = new Set<(text: string) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let socket: WebSocketLike | undefined;
  let open = false;
  let closed = false;
  let backoff = minBackoff;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = (): void => {
    retry = undefined;
    if (closed) return;
    const ws = new Impl(url);
    socket = ws;
    ws.onopen = () => {
      backoff = minBackoff;
      open = true;
      connectionListeners.forEach((l) => l(true));
    };
    ws.onmessage = (event) => {
      if (socket === ws && typeof event.data === 'string') messageListeners.forEach((l) => l(event.data as string));
    };
    ws.onerror = () => {}; // onclose follows and decides
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      if (open) {
        open = false;
        connectionListeners.forEach((l) => l(false));
      }
      if (closed) return;
      // Full jitter around the current step, so pages reconnecting to a restarted host spread out.
      const delay = backoff * (0.5 + random());
      backoff = Math.min(maxBackoff, backoff * 2);
      retry = setTimeout(connect, delay);
    };
  };

  connect();
  return {
    send: (text) => {
      if (!socket || socket.readyState !== OPEN) return false;
      socket.send(text);
      return true;
    },
    onMessage: (listener) => void messageListeners.add(listener),
    onConnection: (listener) => void connectionListeners.add(listener),
    isConnected: () => open,
    close: () => {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      socket?.close();
    },
  };
}

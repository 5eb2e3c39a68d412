import { appError, fail, type Result } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import type { ClientRequest, SextantApi, WsServerMessage } from '../../shared/contracts/protocol';

const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
/** How long a page request waits for the connection before failing with DISCONNECTED. */
const PAGE_CONNECT_WAIT_MS = 10_000;

/**
 * SextantApi over the web host's WebSocket. Reconnects with capped exponential backoff and jitter
 * after any drop (including a host restart); the stream client resubscribes from its last seq.
 */
export function createWsApi(url: string): SextantApi {
  const frameListeners = new Set<(frame: Frame) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let socket: WebSocket | undefined;
  let nextId = 1;
  let backoff = MIN_BACKOFF_MS;

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = MIN_BACKOFF_MS;
      connectionListeners.forEach((l) => l(true));
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as WsServerMessage;
      if (data.type === 'frames') {
        for (const frame of data.frames) frameListeners.forEach((l) => l(frame));
      } else {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      const dropped = fail(appError(crypto.randomUUID(), 'DISCONNECTED', 'Lost the connection to Sextant; reconnecting.'));
      pending.forEach((resolve) => resolve(dropped));
      pending.clear();
      connectionListeners.forEach((l) => l(false));
      const delay = backoff * (0.75 + Math.random() * 0.5);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      setTimeout(connect, delay);
    };
  };

  const request = <T>(body: ClientRequest): Promise<Result<T>> => {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.resolve(fail(appError(crypto.randomUUID(), 'DISCONNECTED', 'Not connected to Sextant; reconnecting.')));
    }
    const id = nextId++;
    const ws = socket;
    return new Promise((resolve) => {
      pending.set(id, resolve as (r: Result<unknown>) => void);
      ws.send(JSON.stringify({ id, request: body }));
    });
  };

  /** Resolves true once the socket is open (at once if it is), false after `timeoutMs`. */
  const whenOpen = (timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (socket?.readyState === WebSocket.OPEN) return resolve(true);
      const timer = setTimeout(() => {
        connectionListeners.delete(onOpen);
        resolve(false);
      }, timeoutMs);
      const onOpen = (connected: boolean): void => {
        if (!connected) return;
        clearTimeout(timer);
        connectionListeners.delete(onOpen);
        resolve(true);
      };
      connectionListeners.add(onOpen);
    });

  connect();
  return {
    dispatch: (command) => request({ method: 'dispatch', command }),
    subscribe: (subscriptionId, pattern, afterSeq) =>
      request(afterSeq === undefined ? { method: 'subscribe', subscriptionId, pattern } : { method: 'subscribe', subscriptionId, pattern, afterSeq }),
    unsubscribe: (subscriptionId) => request({ method: 'unsubscribe', subscriptionId }),
    // A page is a read, safe to ask for once connected: a grid restored from a reload asks before
    // the socket has opened, and would otherwise show an error instead of its rows.
    fetchPage: async (queryId, offset, limit, view) => {
      await whenOpen(PAGE_CONNECT_WAIT_MS);
      return request({ method: 'fetchPage', queryId, offset, limit, ...view });
    },
    onFrame: (listener) => {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onConnection: (listener) => {
      connectionListeners.add(listener);
      if (socket?.readyState === WebSocket.OPEN) queueMicrotask(() => listener(true));
      return () => connectionListeners.delete(listener);
    },
  };
}

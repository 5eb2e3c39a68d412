// Type-only imports plus dependency-free modules: the sandboxed preload bundles this client, and
// must not pull zod (the schemas' module) in with it.
import { apiArguments } from '../contracts/apiArguments';
import type { ErrorCode, Result } from '../contracts/errors';
import type { Frame } from '../contracts/frames';
import { bytesOverLimit, MAX_MESSAGE_BYTES } from '../contracts/limits';
import type { ApiMethod, ClientChannel, ClientMessage, ClientRequest, SextantApi, ServerMessage } from '../contracts/protocol';
import { grouped } from '../text/counts';

export interface ApiClientOptions {
  /** Acknowledge at once when this many processed frames are unacknowledged… */
  readonly ackEvery?: number;
  /** …and otherwise this long after the first unacknowledged one. */
  readonly ackDelayMs?: number;
  /** A call made while (re)connecting waits this long for the connection before failing with DISCONNECTED. */
  readonly connectWaitMs?: number;
  readonly newErrorId?: () => string;
}

/**
 * SextantApi over any ClientChannel (the web host's WebSocket, or Electron IPC inside the preload): requests carry ids and
 * resolve with the response of the same id; frames fan out to listeners one by one; after they have
 * been processed the client acknowledges them, which is what lets main send more (flow control).
 * A call made while (re)connecting (a page that just loaded, a host restarting) waits briefly for the
 * connection; a drop fails every call in flight with DISCONNECTED; each new connection starts
 * counting frames afresh.
 */
export function createApiClient(channel: ClientChannel, options: ApiClientOptions = {}): SextantApi {
  const ackEvery = options.ackEvery ?? 256;
  const ackDelayMs = options.ackDelayMs ?? 20;
  const connectWaitMs = options.connectWaitMs ?? 5000;
  const newErrorId = options.newErrorId ?? (() => crypto.randomUUID());
  const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { id: newErrorId(), code, message } });
  const frameListeners = new Set<(frame: Frame) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  /** Calls waiting for a connection, in the order they were made. */
  const waiting = new Set<() => void>();
  let connected = channel.isConnected();
  let nextId = 1;
  let processed = 0;
  let acked = 0;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;

  const sendAck = (): void => {
    if (ackTimer !== undefined) clearTimeout(ackTimer);
    ackTimer = undefined;
    if (processed === acked) return;
    const message: ClientMessage = { request: { method: 'ack', received: processed } };
    if (channel.send(JSON.stringify(message))) acked = processed;
  };
  const scheduleAck = (): void => {
    if (processed - acked >= ackEvery) sendAck();
    else ackTimer ??= setTimeout(sendAck, ackDelayMs);
  };

  channel.onConnection((isConnected) => {
    if (isConnected === connected) return;
    connected = isConnected;
    // Main counts frames per connection: a new one starts from zero.
    if (ackTimer !== undefined) clearTimeout(ackTimer);
    ackTimer = undefined;
    processed = 0;
    acked = 0;
    if (!isConnected) {
      const dropped = failure('DISCONNECTED', 'Lost the connection to Sextant; reconnecting.');
      pending.forEach((resolve) => resolve(dropped));
      pending.clear();
    }
    connectionListeners.forEach((l) => l(isConnected));
    if (isConnected) for (const send of [...waiting]) send();
  });

  channel.onMessage((text) => {
    const message = JSON.parse(text) as ServerMessage;
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
      return;
    }
    for (const frame of message.frames) {
      for (const l of frameListeners) {
        try {
          l(frame);
        } catch (e) {
          console.error('a frame listener failed', e);
        }
      }
    }
    processed += message.frames.length;
    scheduleAck();
  });

  const disconnected = (message: string) => failure('DISCONNECTED', message);

  /**
   * Sends now; a channel that refuses (its socket already closing, before it says so: a cancel
   * pressed as the connection drops) was never read by main, so the call waits for the connection
   * like one made while disconnected, instead of failing at once with nothing said.
   */
  const send = <T>(text: string, waitIfRefused = true): Promise<Result<T>> => {
    const id = nextId++;
    const withId = `{"id":${id},${text.slice(1)}`;
    return new Promise((resolve) => {
      pending.set(id, resolve as (r: Result<unknown>) => void);
      if (!channel.send(withId)) {
        pending.delete(id);
        resolve(waitIfRefused ? whenConnected<T>(text) : disconnected('Not connected to Sextant; reconnecting.'));
      }
    });
  };

  /** Sent once the channel is connected again, or DISCONNECTED after `connectWaitMs`. */
  const whenConnected = <T>(text: string): Promise<Result<T>> =>
    new Promise((resolve) => {
      const go = () => {
        waiting.delete(go);
        clearTimeout(timer);
        void send<T>(text, false).then(resolve);
      };
      const timer = setTimeout(() => {
        waiting.delete(go);
        resolve(disconnected('Not connected to Sextant; reconnecting.'));
      }, connectWaitMs);
      waiting.add(go);
    });

  const request = <T>(body: ClientRequest): Promise<Result<T>> => {
    // The id is added when it is sent; the size check leaves room for it.
    const text = JSON.stringify({ request: body } satisfies Omit<Extract<ClientMessage, { id: number }>, 'id'>);
    const bytes = bytesOverLimit(text, MAX_MESSAGE_BYTES - 32);
    if (bytes !== undefined) {
      return Promise.resolve(failure('PAYLOAD_TOO_LARGE', `This request is too large to send (${grouped(bytes)} bytes, limit ${grouped(MAX_MESSAGE_BYTES)}).`));
    }
    return connected ? send<T>(text) : whenConnected<T>(text);
  };

  // One function per method of the table: its arguments become the request, sent as `method` first.
  const calls = Object.fromEntries(
    Object.entries(apiArguments).map(([method, toRequest]) => [
      method,
      (...args: unknown[]) => request({ method, ...(toRequest as (...a: unknown[]) => object)(...args) } as ClientRequest),
    ]),
  ) as Pick<SextantApi, ApiMethod>;

  return {
    ...calls,
    onFrame: (listener) => {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onConnection: (listener) => {
      connectionListeners.add(listener);
      if (connected) queueMicrotask(() => connectionListeners.has(listener) && listener(true));
      return () => connectionListeners.delete(listener);
    },
  };
}

import { appError, fail, type Result } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { MAX_MESSAGE_BYTES, type ClientChannel, type ClientMessage, type ClientRequest, type SextantApi, type ServerMessage } from '../../shared/contracts/protocol';

export interface ApiClientOptions {
  /** Acknowledge at once when this many processed frames are unacknowledged… */
  readonly ackEvery?: number;
  /** …and otherwise this long after the first unacknowledged one. */
  readonly ackDelayMs?: number;
  readonly newErrorId?: () => string;
}

/**
 * SextantApi over any ClientChannel (WebSocket or the preload's IPC bridge): requests carry ids and
 * resolve with the response of the same id; frames fan out to listeners one by one; after they have
 * been processed the client acknowledges them, which is what lets main send more (flow control).
 * A drop fails every pending request with DISCONNECTED; each new connection starts counting afresh.
 */
export function createApiClient(channel: ClientChannel, options: ApiClientOptions = {}): SextantApi {
  const ackEvery = options.ackEvery ?? 256;
  const ackDelayMs = options.ackDelayMs ?? 20;
  const newErrorId = options.newErrorId ?? (() => crypto.randomUUID());
  const frameListeners = new Set<(frame: Frame) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
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
      const dropped = fail(appError(newErrorId(), 'DISCONNECTED', 'Lost the connection to Sextant; reconnecting.'));
      pending.forEach((resolve) => resolve(dropped));
      pending.clear();
    }
    connectionListeners.forEach((l) => l(isConnected));
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

  const request = <T>(body: ClientRequest): Promise<Result<T>> => {
    if (!connected) return Promise.resolve(fail(appError(newErrorId(), 'DISCONNECTED', 'Not connected to Sextant; reconnecting.')));
    const id = nextId++;
    const text = JSON.stringify({ id, request: body } satisfies ClientMessage);
    if (text.length > MAX_MESSAGE_BYTES) {
      return Promise.resolve(fail(appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `This request is too large to send (${text.length} characters, limit ${MAX_MESSAGE_BYTES}).`)));
    }
    return new Promise((resolve) => {
      pending.set(id, resolve as (r: Result<unknown>) => void);
      if (!channel.send(text)) {
        pending.delete(id);
        resolve(fail(appError(newErrorId(), 'DISCONNECTED', 'Not connected to Sextant; reconnecting.')));
      }
    });
  };

  return {
    dispatch: (command) => request({ method: 'dispatch', command }),
    subscribe: (subscriptionId, pattern, afterSeq, storeId) =>
      request({
        method: 'subscribe',
        subscriptionId,
        pattern,
        ...(afterSeq === undefined ? {} : { afterSeq }),
        ...(afterSeq === undefined || storeId === undefined ? {} : { storeId }),
      }),
    unsubscribe: (subscriptionId) => request({ method: 'unsubscribe', subscriptionId }),
    fetchPage: (queryId, offset, limit) => request({ method: 'fetchPage', queryId, offset, limit }),
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

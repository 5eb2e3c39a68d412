import type { RawData, WebSocket } from 'ws';
import { appError, fail, type Result } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { MAX_MESSAGE_BYTES, wsClientMessageSchema, type WsServerMessage } from '../../shared/contracts/protocol';
import type { AppCore } from '../core/appCore';
import { newErrorId } from '../platform/ids';

/**
 * The WebSocket side of the one transport interface: requests in, responses and frame batches
 * out. The socket's bufferedAmount is the subscriber's backlog, so a stalled page is dropped with
 * a `stale` frame instead of growing main's memory.
 */
export function attachWebSocket(core: AppCore, ws: WebSocket): void {
  const send = (message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const connection = core.connect({
    send: (frames: readonly Frame[]) => send({ type: 'frames', frames }),
    backlog: () => ws.bufferedAmount,
  });

  ws.on('message', (data: RawData, isBinary: boolean) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    const parsed = isBinary ? undefined : parseEnvelope(String(data));
    if (!parsed) {
      send({ type: 'response', id: -1, result: fail(appError(newErrorId(), 'INVALID_COMMAND', 'Malformed message refused.')) });
      return;
    }
    void connection.handle(parsed.request, size).then(
      (result: Result<unknown>) => send({ type: 'response', id: parsed.id, result }),
      (e: unknown) => {
        const error = appError(newErrorId(), 'INTERNAL', 'The request failed inside Sextant.', { stack: e instanceof Error ? (e.stack ?? '') : String(e) });
        core.log.error({ errorId: error.id, stack: error.stack }, error.message);
        send({ type: 'response', id: parsed.id, result: fail(error) });
      },
    );
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => connection.close());
}

function parseEnvelope(text: string): { id: number; request: unknown } | undefined {
  if (text.length > MAX_MESSAGE_BYTES) return undefined;
  try {
    const parsed = wsClientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? { id: parsed.data.id, request: parsed.data.request } : undefined;
  } catch {
    return undefined;
  }
}

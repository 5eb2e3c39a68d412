import type { z } from 'zod';
import { appError, fail, type AppError, type Result } from '../../shared/contracts/errors';
import { clientMessageSchema, MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/contracts/protocol';
import { bytesOverLimit } from '../../shared/contracts/limits';
import { ClientConnection, type ConnectionServices } from '../core/clientConnection';
import { newErrorId } from '../platform/ids';
import { Outbox, defaultFlowLimits, type FlowLimits } from '../streams/outbox';
import type { ServerChannel } from './serverChannel';

/**
 * Serves one connection over any ServerChannel: every message is size-checked and validated with
 * zod before anything acts on it; calls get a response with their id, acks feed the outbox's flow
 * control; frames go out as `{"type":"frames","frames":[…]}`, serialized once.
 */
export function serveChannel(services: ConnectionServices, channel: ServerChannel, limits: FlowLimits = defaultFlowLimits): ClientConnection {
  const outbox = new Outbox(
    {
      sendFrames: (json) => channel.send(`{"type":"frames","frames":[${json}]}`),
      backlogBytes: () => channel.backlogBytes(),
    },
    limits,
  );
  const connection = new ClientConnection(services, outbox);
  const respond = (id: number, result: Result<unknown>): void => channel.send(JSON.stringify({ type: 'response', id, result } satisfies ServerMessage));
  const refuse = (id: number, error: AppError): void => {
    services.log.warn({ errorId: error.id, code: error.code, details: error.details }, error.message);
    respond(id, fail(error));
  };

  channel.onMessage((text) => {
    if (text === undefined) return refuse(-1, appError(newErrorId(), 'INVALID_COMMAND', 'Malformed message refused: not text.'));
    const bytes = bytesOverLimit(text);
    if (bytes !== undefined) {
      return refuse(-1, appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `Message of ${bytes} bytes refused (limit ${MAX_MESSAGE_BYTES}).`));
    }
    const message = decode(text);
    if (!message.ok) {
      // A call whose id can still be read gets its refusal under that id, so the caller is not left waiting.
      return refuse(message.id ?? -1, appError(newErrorId(), 'INVALID_COMMAND', 'Malformed message refused.', { details: { issues: message.issues } }));
    }
    const { data } = message;
    if (!('id' in data)) {
      if (!connection.ack(data.request.received)) {
        refuse(
          -1,
          appError(newErrorId(), 'INVALID_COMMAND', 'Acknowledgement refused: more frames than were sent, or fewer than before.', {
            details: { received: data.request.received },
          }),
        );
      }
      return;
    }
    void connection.handle(data.request).then(
      (result) => respond(data.id, result),
      (e: unknown) => {
        const error = appError(newErrorId(), 'INTERNAL', 'The request failed inside Sextant.', { stack: e instanceof Error ? (e.stack ?? '') : String(e) });
        services.log.error({ errorId: error.id, stack: error.stack }, error.message);
        respond(data.id, fail(error));
      },
    );
  });
  channel.onClose(() => connection.close());
  return connection;
}

type Decoded = { ok: true; data: z.infer<typeof clientMessageSchema> } | { ok: false; issues: string[]; id?: number };

function decode(text: string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? { ok: false, issues, id } : { ok: false, issues };
}

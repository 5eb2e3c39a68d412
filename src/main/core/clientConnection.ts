import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import { clientRequestSchema, MAX_MESSAGE_BYTES } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';
import type { FrameSink, Subscription } from '../streams/streamManager';
import type { AppCore } from './appCore';

const MAX_SUBSCRIPTIONS = 64;

/**
 * One renderer connection (a window over IPC, a page over WebSocket). Every request is parsed
 * with zod here, whatever the transport; subscriptions die with the connection.
 */
export class ClientConnection {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly core: AppCore,
    private readonly sink: FrameSink,
  ) {}

  /** `size` is the raw message length when the transport knows it. */
  async handle(raw: unknown, size = 0): Promise<Result<unknown>> {
    if (size > MAX_MESSAGE_BYTES) {
      return fail(appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `Message of ${size} bytes refused (limit ${MAX_MESSAGE_BYTES}).`));
    }
    const parsed = clientRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const error = appError(newErrorId(), 'INVALID_COMMAND', 'Malformed request refused.', {
        details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
      });
      this.core.log.warn({ errorId: error.id, details: error.details }, error.message);
      return fail(error);
    }
    const request = parsed.data;
    switch (request.method) {
      case 'dispatch':
        return this.core.dispatch(request.command);
      case 'subscribe': {
        if (!this.subscriptions.has(request.subscriptionId) && this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
          return fail(appError(newErrorId(), 'INVALID_COMMAND', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`));
        }
        this.subscriptions.get(request.subscriptionId)?.close();
        const sub = this.core.streams.subscribe(request.subscriptionId, request.pattern, request.afterSeq, this.sink);
        this.subscriptions.set(request.subscriptionId, sub);
        return ok({ subscriptionId: request.subscriptionId });
      }
      case 'unsubscribe':
        this.subscriptions.get(request.subscriptionId)?.close();
        this.subscriptions.delete(request.subscriptionId);
        return ok({ subscriptionId: request.subscriptionId });
      case 'fetchPage':
        return this.core.runner.fetchPage(request.queryId, request.offset, request.limit, {
          ...(request.orderBy ? { orderBy: request.orderBy } : {}),
          ...(request.filter ? { filter: request.filter } : {}),
        });
    }
  }

  close(): void {
    for (const s of this.subscriptions.values()) s.close();
    this.subscriptions.clear();
  }
}

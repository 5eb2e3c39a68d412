import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import { clientRequestSchema, type Page, type PageView } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Outbox } from '../streams/outbox';
import type { StreamManager, Subscription } from '../streams/streamManager';

const MAX_SUBSCRIPTIONS = 64;

/** What a connection needs from the core: AppCore provides it, tests build a lighter one. */
export interface ConnectionServices {
  readonly streams: StreamManager;
  readonly log: Logger;
  dispatch(command: ClientCommand): Promise<Result<CommandAck>>;
  fetchPage(queryId: string, offset: number, limit: number, view?: PageView): Promise<Result<Page>>;
}

/**
 * One renderer connection (a window over IPC, a page over WebSocket). Every request is parsed
 * with zod here, whatever the transport; subscriptions share the connection's outbox (its flow
 * control window) and die with the connection.
 */
export class ClientConnection {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly services: ConnectionServices,
    private readonly outbox: Outbox,
  ) {}

  async handle(raw: unknown): Promise<Result<unknown>> {
    const parsed = clientRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const error = appError(newErrorId(), 'INVALID_COMMAND', 'Malformed request refused.', {
        details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
      });
      this.services.log.warn({ errorId: error.id, details: error.details }, error.message);
      return fail(error);
    }
    const request = parsed.data;
    switch (request.method) {
      case 'dispatch':
        return this.services.dispatch(request.command);
      case 'subscribe': {
        const { subscriptionId, pattern, afterSeq, storeId } = request;
        this.subscriptions.get(subscriptionId)?.close();
        if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
          return fail(appError(newErrorId(), 'INVALID_COMMAND', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`));
        }
        const cursor = afterSeq === undefined ? undefined : { afterSeq, ...(storeId === undefined ? {} : { storeId }) };
        const sub = this.services.streams.subscribe(subscriptionId, pattern, cursor, this.outbox, () => {
          // Dropped as stale or closed: forget it, unless a newer subscription took its id.
          if (this.subscriptions.get(subscriptionId) === sub) this.subscriptions.delete(subscriptionId);
        });
        if (!sub.closed) this.subscriptions.set(subscriptionId, sub);
        return ok({ subscriptionId });
      }
      case 'unsubscribe':
        this.subscriptions.get(request.subscriptionId)?.close();
        return ok({ subscriptionId: request.subscriptionId });
      case 'fetchPage':
        return this.services.fetchPage(request.queryId, request.offset, request.limit, {
          ...(request.orderBy ? { orderBy: request.orderBy } : {}),
          ...(request.filter ? { filter: request.filter } : {}),
        });
    }
  }

  /** The client has processed `received` frames in all (flow control); false if that cannot be. */
  ack(received: number): boolean {
    return this.outbox.ack(received);
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  close(): void {
    this.outbox.close();
    for (const s of [...this.subscriptions.values()]) s.close();
    this.subscriptions.clear();
  }
}

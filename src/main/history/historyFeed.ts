import type { EventEnvelope } from '../../shared/contracts/events';
import { AppErrorException, toAppError, type AppError } from '../../shared/contracts/errors';
import { HISTORY_SCHEMA, namesHistorySchema } from '../../shared/history/historySchema';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';
import type { HistoryBatch } from '../query/workerProtocol';
import type { EventStore } from '../store/eventStore';
import type { Bus } from '../streams/bus';
import { HistoryRows, isEmpty, noChanges, type HistoryChanges } from './historyRows';

/** How long new events wait to be sent together: well inside the second a person may wait. */
const FLUSH_MS = 100;
/** Events read from the log per batch when filling: the appender takes each batch in one go. */
const FILL_BATCH = 5000;

const toBatch = (c: HistoryChanges, reset: boolean): HistoryBatch => ({
  reset,
  events: c.events,
  queries: [...c.queries.values()],
  sessions: [...c.sessions.values()],
  datasets: [...c.datasets.values()],
});

/** Unfilled: the tables are empty and bus events are left to the log; filling: they wait; filled: folded as they come. */
type FillState = 'unfilled' | 'filling' | 'filled';

/**
 * Keeps the worker's history tables (the `sextant` schema, docs/share.md) current, filled on first
 * use: the first statement that names the schema (`namesHistorySchema`) waits while the whole log
 * is read into them, in large batches, one at a time (each applied by the worker before the next is
 * read), so main's memory stays bounded and its event loop free. A start never pays for a history
 * nobody asked for. From then on every stored event is folded as the bus delivers it and the changes
 * go to the worker together, at most FLUSH_MS later. A worker thread that was replaced (a crash)
 * starts with empty tables, so the next use fills them again.
 */
export class HistoryFeed {
  private rows = new HistoryRows();
  private pending = noChanges();
  /** The highest seq folded: the fill and the bus may both hand over the same event. */
  private folded = 0;
  private state: FillState = 'unfilled';
  /** The worker thread the tables were filled on (`QueryWorker.threadGeneration`). */
  private filledOn = 0;
  private filling: Promise<void> | undefined;
  /** Events the bus delivered while the log was being read; folded once the fill caught up. */
  private waiting: EventEnvelope[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  /** Why the tables fell behind the log (a batch the worker refused): said to the next statement that reads them, which fills them again. */
  private failure: AppError | undefined;

  constructor(
    private readonly queryWorker: Pick<QueryWorker, 'request' | 'threadGeneration'>,
    private readonly store: Pick<EventStore, 'batchesAfter'>,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /**
   * Starts following the bus. A view the person saved over the schema reads it without naming it,
   * so if one exists the tables are filled now, in the background.
   */
  start(): void {
    this.unsubscribe = this.bus.subscribe((m) => {
      if (m.kind !== 'event') return;
      if (this.state === 'filling') this.waiting.push(m.event);
      else if (this.state === 'filled') this.fold(m.event);
    });
    void this.queryWorker
      .request({ type: 'read', sql: 'select sql from duckdb_views() where not internal and database_name <> ?', params: [HISTORY_SCHEMA] })
      .then((views) => (views.some((v) => namesHistorySchema(String(v['sql']))) ? this.settled() : undefined))
      .catch((e: unknown) => this.closed || logAppError(this.log, 'error', toAppError(e, newErrorId())));
  }

  /**
   * The worker's prerequisite for a statement (`QueryWorker.setSqlPrerequisite`): one naming the
   * schema waits for the fill, once per worker thread. It does not wait for the batch pending: the
   * history is current within FLUSH_MS, and waiting for that batch to be applied would cost every
   * such statement a transaction on the worker (about 30 ms; `share.history_sql` measured it).
   */
  readonly prerequisite = (sql: string): Promise<void> | undefined => {
    if (!namesHistorySchema(sql)) return undefined;
    return this.state === 'filled' && this.queryWorker.threadGeneration === this.filledOn ? undefined : this.settled();
  };

  /** Resolves once every event stored so far is in the worker's tables, filling them first if nobody has yet. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      // A thread started since the fill holds none of it (its tables are in memory).
      if (this.state === 'filled' && this.queryWorker.threadGeneration !== this.filledOn) this.state = 'unfilled';
      if (this.state === 'unfilled') this.fill();
      await this.filling;
      this.flushNow();
      await this.sending;
      const failure = this.failure;
      if (failure) {
        this.failure = undefined;
        throw new AppErrorException({ ...failure, message: `The query history (sextant) could not be brought up to date: ${failure.message}. It is read again from the log the next time a statement names it.` });
      }
      if (this.state === 'filled' && !this.filling && isEmpty(this.pending)) return;
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  private fill(): void {
    this.state = 'filling';
    this.filledOn = this.queryWorker.threadGeneration;
    this.rows = new HistoryRows();
    this.pending = noChanges();
    this.folded = 0;
    this.waiting = [];
    const run = async (): Promise<void> => {
      let first = true;
      for (const events of this.store.batchesAfter(0, { batchSize: FILL_BATCH })) {
        if (this.closed || this.state !== 'filling') return;
        const changes = noChanges();
        for (const e of events) this.rows.apply(e, changes);
        this.folded = events.at(-1)?.globalSeq ?? this.folded;
        this.send(toBatch(changes, first));
        first = false;
        // The worker takes each batch before the next is read: a long log is never queued whole in
        // main's memory, and the loop runs commands and frames in between.
        await this.sending;
      }
      if (first) this.send(toBatch(noChanges(), true));
    };
    this.filling = run()
      .catch((e: unknown) => this.fellBehind(e))
      .finally(() => {
        this.filling = undefined;
        // A worker replaced mid-fill left the state unfilled: the next use starts over.
        if (this.state !== 'filling') return;
        this.state = 'filled';
        for (const e of this.waiting.splice(0)) this.fold(e);
      });
  }

  private fold(e: EventEnvelope): void {
    if (e.globalSeq <= this.folded) return;
    this.folded = e.globalSeq;
    this.rows.apply(e, this.pending);
    this.timer ??= setTimeout(() => this.flushNow(), FLUSH_MS);
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (isEmpty(this.pending)) return;
    const batch = toBatch(this.pending, false);
    this.pending = noChanges();
    this.send(batch);
  }

  /** Batches go one after another, in order: a later change must not land before an earlier one. */
  private send(batch: HistoryBatch): void {
    this.sending = this.sending.then(async () => {
      if (this.closed) return;
      try {
        await this.queryWorker.request({ type: 'history', batch });
      } catch (e) {
        if (this.closed) return;
        this.fellBehind(e);
      }
    });
  }

  /**
   * A batch the worker could not apply: the tables now miss part of the log. Rather than answer
   * from them as if whole, they are filled anew on next use, and the statement waiting says why.
   */
  private fellBehind(e: unknown): void {
    const error = toAppError(e, newErrorId());
    logAppError(this.log, 'error', error);
    this.failure ??= error;
    this.state = 'unfilled';
  }
}

import { setImmediate as nextTurn } from 'node:timers/promises';
import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope, SessionEvent } from '../../shared/contracts/events';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';
import { emptyView, foldAppView, type AppView, type DatasetView, type SessionView, type ViewEvent } from '../../shared/views/appView';
import { catalogAt } from '../../shared/views/catalogAt';
import { pastSession, type PastEvent } from '../../shared/views/pastSession';
import { TimelineFold, type TimelineSince } from '../../shared/views/timeline';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { EventStore, PastEventsText } from '../store/eventStore';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { checkpointSpacing, isCheckpoint, type CheckpointSpacing } from './checkpointSpacing';
import { foldedAnswerText, sessionAtAnswerText } from './sessionAtAnswerText';
import { parsedCheckpoint, type Checkpoint, type SessionCheckpoints, type StoredCheckpoint } from './sessionCheckpoints';

/** The newest entries a timeline request returns: a long session's list stays one screenful of pages. */
export const MAX_TIMELINE_ENTRIES = 1000;
/** Sessions whose timeline main keeps folded between requests (the most recently asked). */
const KEPT_TIMELINES = 4;
/** Catalog events read at a time for the catalog at a point (`catalogAt`). */
const CATALOG_BATCH = 500;

export interface SessionAt {
  readonly session: SessionView;
  /** Global seq of the session's last event at or before the asked seq. */
  readonly seq: number;
  readonly occurredAt: string;
}

/**
 * Where the past starts: a stored checkpoint, its view still the text it was stored as, and the
 * session's events after it (fewer than a spacing) as the text of `PastEvent` tuples; or a view
 * main folded itself.
 */
type Past = { readonly kind: 'stored'; readonly checkpoint: StoredCheckpoint; readonly after: PastEventsText } | { readonly kind: 'folded'; readonly at: SessionAt };

const nothingAfter: PastEventsText = { json: '[]', count: 0 };

const notFound = (sessionId: string) => fail(appError(newErrorId(), 'SESSION_NOT_FOUND', 'There is no such session at that point.', { details: { sessionId } }));

/**
 * A session as it was at any global seq, by the same fold as the live view (`foldAppView`) over its
 * events up to that seq, starting from the nearest checkpoint. Checkpoints are written off the
 * command path: a bus listener notes the live view at each checkpoint seq of a session (`spacing`)
 * (the view is immutable, so holding it costs nothing) and writes it on a later turn; a travel that
 * folds past a boundary without one writes it too, so old sessions gain them as they are visited.
 */
export class TimeTravel {
  private readonly due = new Set<string>();
  private readonly pending: { sessionId: string; checkpoint: Checkpoint }[] = [];
  private flushing = false;
  private unsubscribe: (() => void) | undefined;
  /** The live view, once followed: the answer for any seq at or past a session's newest event. */
  private live: Projections | undefined;
  /**
   * Each session's newest event, as the bus delivered it or, for a session with none since start,
   * as read once: a travel back before it needs no read to know it is not "now".
   */
  private readonly newest = new Map<string, Pick<ViewEvent, 'globalSeq' | 'aggregateSeq'>>();
  /**
   * The timelines of the sessions last asked about, each folded up to the events read so far, with
   * the read in progress (requests for a session wait for each other's read, so none folds an event twice).
   */
  private readonly timelines = new Map<string, { fold: TimelineFold; read: Promise<void> }>();
  /** The catalog's events read so far, oldest first, and the global seq of the last (`catalogAt`). */
  private readonly catalog: { readonly events: ViewEvent[]; readTo: number } = { events: [], readTo: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: SessionCheckpoints,
    private readonly log: Logger,
    private readonly spacing: CheckpointSpacing = checkpointSpacing,
  ) {}

  /** Starts noting checkpoints of the live view as events are stored. */
  follow(bus: Bus, projections: Projections): void {
    this.live = projections;
    this.unsubscribe = bus.subscribe((m) => {
      if (m.kind === 'event' && m.event.aggregateType === 'QuerySession') this.onEvent(m.event, projections);
    });
  }

  private onEvent(e: EventEnvelope, projections: Projections): void {
    this.newest.set(e.aggregateId, { globalSeq: e.globalSeq, aggregateSeq: e.aggregateSeq });
    if (isCheckpoint(this.spacing, e.aggregateSeq)) this.due.add(e.aggregateId);
    // The projection already holds the whole appended batch: only its last event's view is the view at that event.
    const current = projections.current;
    if (!this.due.has(e.aggregateId) || current.seq !== e.globalSeq) return;
    const view = current.view.sessions[e.aggregateId];
    this.due.delete(e.aggregateId);
    if (!view) return;
    this.pending.push({ sessionId: e.aggregateId, checkpoint: { seq: e.globalSeq, aggregateSeq: e.aggregateSeq, occurredAt: e.occurredAt, view } });
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushing = false;
    for (const { sessionId, checkpoint } of this.pending.splice(0)) this.save(sessionId, checkpoint);
  }

  /** The session `sessionId` as it was at global seq `seq`, folded here (what a fork carries) by the window's own `pastSession`. */
  async sessionAt(sessionId: string, seq: number): Promise<Result<SessionAt>> {
    const past = await this.past(sessionId, seq);
    if (!past.ok) return past;
    if (past.value.kind === 'folded') return ok(past.value.at);
    const { checkpoint, after } = past.value;
    const { view, seq: at, occurredAt } = parsedCheckpoint(checkpoint);
    const last = after.last ?? { globalSeq: at, occurredAt };
    return ok(pastSession(sessionId, { start: view, events: JSON.parse(after.json) as PastEvent[], seq: last.globalSeq, occurredAt: last.occurredAt }));
  }

  /** Events from after `aggregateSeq` up to the session's next checkpoint: what one read of a travel takes. */
  private toNextCheckpoint(aggregateSeq: number): number {
    return this.spacing(aggregateSeq) - aggregateSeq;
  }

  /**
   * `sessionAt`'s answer as the JSON text the API sends: from a stored checkpoint, its text as it is
   * and the events after it as the store wrote them, for the window to fold (`pastSession`); main
   * parses and writes the view again only when it folded it itself.
   */
  async sessionAtText(sessionId: string, seq: number): Promise<Result<string>> {
    const past = await this.past(sessionId, seq);
    if (!past.ok) return past;
    if (past.value.kind === 'folded') {
      const { session, seq: at, occurredAt } = past.value.at;
      return ok(foldedAnswerText({ start: session, seq: at, occurredAt, datasets: this.catalogAt(at) }));
    }
    const { checkpoint, after } = past.value;
    const last = after.last ?? { globalSeq: checkpoint.seq, occurredAt: checkpoint.occurredAt };
    return ok(sessionAtAnswerText(checkpoint.viewJson, after.json, last.globalSeq, last.occurredAt, this.catalogAt(last.globalSeq)));
  }

  /**
   * The catalog as it was at `seq` (that of the session's event shown, so as of the time shown), by
   * the live view's fold (`catalogAt`) of the catalog's events up to it. Those are read once, by the
   * log's (topic, global_seq) index, which reads only them (a few, however long the sessions), and
   * kept: asked again, only the ones stored since are read (the log is only appended to). Reading
   * 550 of them in a 1M-event log took 10–20 ms, each time; folding them takes about one.
   */
  private catalogAt(seq: number): DatasetView[] {
    for (const batch of this.store.batchesAfter(this.catalog.readTo, { pattern: CATALOG_TOPIC, batchSize: CATALOG_BATCH })) {
      this.catalog.events.push(...batch);
      this.catalog.readTo = batch[batch.length - 1]!.globalSeq;
    }
    return catalogAt(this.catalog.events, seq);
  }

  private async past(sessionId: string, seq: number): Promise<Result<Past>> {
    const live = this.liveAt(sessionId, seq);
    if (live) return ok({ kind: 'folded', at: live });
    const start = this.checkpoints.nearestStored(sessionId, seq);
    const from = start?.aggregateSeq ?? 0;
    const limit = this.toNextCheckpoint(from);
    if (start) {
      // One at the very seq has nothing after it to read.
      const after = start.seq === seq ? nothingAfter : this.store.pastEventsText('QuerySession', sessionId, from, seq, limit);
      // Short of the next checkpoint's seq, what follows a stored one is sent on as it is. Reaching
      // it, the checkpoint there is missing: main folds, and keeps it. An old payload to upcast is folded here too.
      if (after && after.count < limit) return ok({ kind: 'stored', checkpoint: start, after });
    }
    const at = await this.fold(sessionId, seq, start, this.store.aggregateViewEvents('QuerySession', sessionId, from, seq, limit));
    return at.ok ? ok({ kind: 'folded', at: at.value }) : at;
  }

  /** Folds `batch`, then the session's later events up to `seq`, onto the checkpoint `start` (or from nothing), keeping checkpoints passed on the way. */
  private async fold(sessionId: string, seq: number, start: StoredCheckpoint | undefined, batch: readonly ViewEvent[]): Promise<Result<SessionAt>> {
    const from = start && parsedCheckpoint(start);
    let view: AppView = from ? { sessions: { [sessionId]: from.view }, datasets: {} } : emptyView();
    let last = from && { globalSeq: from.seq, aggregateSeq: from.aggregateSeq, occurredAt: from.occurredAt };
    // Each batch ends on a checkpoint boundary, so a travel that folds past one can leave it behind.
    while (batch.length > 0) {
      const limit = this.toNextCheckpoint(last?.aggregateSeq ?? 0);
      view = foldAppView(view, batch);
      const end = batch[batch.length - 1]!;
      last = end;
      const session = view.sessions[sessionId];
      if (isCheckpoint(this.spacing, end.aggregateSeq) && session) this.save(sessionId, { seq: end.globalSeq, aggregateSeq: end.aggregateSeq, occurredAt: end.occurredAt, view: session });
      if (batch.length < limit) break;
      await nextTurn(); // a long fold without checkpoints yields between batches
      batch = this.store.aggregateViewEvents('QuerySession', sessionId, end.aggregateSeq, seq, this.toNextCheckpoint(end.aggregateSeq));
    }
    const session = view.sessions[sessionId];
    if (!session || !last) return notFound(sessionId);
    return ok({ session, seq: last.globalSeq, occurredAt: last.occurredAt });
  }

  /**
   * At or past the session's newest event the session is what the live view holds (the same fold,
   * already done; checkpoints are copies of it): a fork or travel to "now" folds nothing.
   */
  private liveAt(sessionId: string, seq: number): SessionAt | undefined {
    const session = this.live?.current.view.sessions[sessionId];
    if (!session) return undefined;
    // Travelling back: the live view's newest event, as the bus delivered it or as read here before, is after `seq`.
    const noted = this.newest.get(sessionId);
    if (noted?.aggregateSeq === session.version && noted.globalSeq > seq) return undefined;
    // The view's newest event, and no later one in the log (should the view lag the log).
    const [newest, later] = this.store.aggregateViewEvents('QuerySession', sessionId, session.version - 1, Number.MAX_SAFE_INTEGER, 2);
    if (!newest || later || newest.aggregateSeq !== session.version) return undefined;
    // Kept until the bus delivers the next: a session with no event since start is read once, not on every travel back.
    this.newest.set(sessionId, { globalSeq: newest.globalSeq, aggregateSeq: newest.aggregateSeq });
    if (newest.globalSeq > seq) return undefined;
    return { session, seq: newest.globalSeq, occurredAt: newest.occurredAt };
  }

  /**
   * The session's timeline, newest first, at most MAX_TIMELINE_ENTRIES; past `after`, only what ends
   * after it (`TimelineFold.newest`). The fold is kept: asked again, main reads only the session's
   * events since, not the whole session (a 100,000-event session was read whole on every change).
   * Given `queryId`, that query's entry alone (`TimelineFold.ofQuery`), however old.
   */
  async timeline(sessionId: string, after?: number, queryId?: string): Promise<Result<TimelineSince>> {
    const kept = this.timelines.get(sessionId) ?? { fold: new TimelineFold((id) => this.live?.current.view.datasets[id]?.name), read: Promise.resolve() };
    this.timelines.delete(sessionId); // kept last: the most recently asked
    this.timelines.set(sessionId, kept);
    for (const old of this.timelines.keys()) if (this.timelines.size > KEPT_TIMELINES) this.timelines.delete(old);
    kept.read = kept.read.then(() => this.readOn(sessionId, kept.fold));
    try {
      await kept.read;
    } catch (e) {
      this.timelines.delete(sessionId); // what it folded is unknown: start again next time
      throw e;
    }
    if (kept.fold.version === 0) {
      this.timelines.delete(sessionId);
      return notFound(sessionId);
    }
    return ok(queryId === undefined ? kept.fold.newest(MAX_TIMELINE_ENTRIES, after) : kept.fold.ofQuery(queryId));
  }

  /** Folds the session's events after those `fold` holds, a batch a turn. */
  private async readOn(sessionId: string, fold: TimelineFold): Promise<void> {
    for (;;) {
      const batch = this.store.aggregateViewEvents('QuerySession', sessionId, fold.version, Number.MAX_SAFE_INTEGER, 5000) as (ViewEvent & SessionEvent)[];
      fold.add(batch);
      if (batch.length < 5000) return;
      await nextTurn();
    }
  }

  /** Checkpoints are an optimization: one that cannot be written is logged and travel goes on without it. */
  private save(sessionId: string, checkpoint: Checkpoint): void {
    try {
      this.checkpoints.save(sessionId, checkpoint);
    } catch (e) {
      this.log.warn({ sessionId, seq: checkpoint.seq, err: String(e) }, 'could not write a session checkpoint');
    }
  }

  close(): void {
    this.unsubscribe?.();
    this.flush();
    this.checkpoints.close();
  }
}

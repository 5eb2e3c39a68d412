import type { DatasetEvent, DomainEvent, EventEnvelope, SessionEvent } from '../contracts/events';
import { assertNever } from '../domain/decider';
import { emptyView, evolveDataset, evolveSession, type AppView, type DatasetView, type HistoryEntry, type SessionView } from './appView';

/** What a view folds: a domain event and its place in the log (no ids, topic or metadata needed). */
export type ViewEvent = DomainEvent & Pick<EventEnvelope, 'globalSeq' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Folds events into an AppView with the same result as `events.reduce(evolveAppView, base)`, at a
 * cost that does not grow with the number of sessions or the length of a session's history:
 * `evolveAppView` copies the sessions record, the session and its history on every event, which is
 * fine for one live event and quadratic for a rebuild of a long log.
 *
 * The five events of a query's life (QueryStarted, ExecutionBegan, QueryCompleted, QueryFailed,
 * QueryCancelled: nearly every event in a long log) are replayed in place, on a session and history
 * the builder owns; they restate what `evolveSession` does for them, and appViewBuilder.unit.spec.ts
 * checks the two agree on random logs and trips if `evolveSession` starts changing anything else
 * for them. Every other event goes through the pure `evolveSession` itself.
 *
 * Views handed out by `build()` are never changed afterwards: whatever they share is copied before
 * the builder writes to it (copy-on-write, tracked per object since the last build).
 */
export class AppViewBuilder {
  private readonly sessions: Map<string, SessionView>;
  private readonly datasets: Map<string, DatasetView>;
  /** Sessions and history arrays created since the last build: only these are changed in place. */
  private owned = new WeakSet<object>();
  /** Per session, where each queryId last sits in its history; built on first use, dropped when unsure. */
  private readonly queryIndex = new Map<string, Map<string, number>>();
  private built: AppView | undefined;

  constructor(base: AppView = emptyView()) {
    this.sessions = new Map(Object.entries(base.sessions));
    this.datasets = new Map(Object.entries(base.datasets));
    this.built = base;
  }

  apply(e: ViewEvent): void {
    if (e.aggregateType === 'QuerySession') this.applySession(e as ViewEvent & SessionEvent);
    else this.applyDataset(e as ViewEvent & DatasetEvent);
  }

  /** The view as of the last event applied. Cheap when nothing changed since the last call. */
  build(): AppView {
    if (!this.built) {
      this.built = { sessions: Object.fromEntries(this.sessions), datasets: Object.fromEntries(this.datasets) };
      this.owned = new WeakSet();
    }
    return this.built;
  }

  private applyDataset(e: ViewEvent & DatasetEvent): void {
    const prev = this.datasets.get(e.aggregateId);
    const next = evolveDataset(prev, e, e);
    if (next === prev) return;
    this.built = undefined;
    if (next === undefined) this.datasets.delete(e.aggregateId);
    else this.datasets.set(e.aggregateId, next);
  }

  private applySession(e: ViewEvent & SessionEvent): void {
    const id = e.aggregateId;
    const prev = this.sessions.get(id);
    if (prev === undefined) {
      // Nothing to fold a query event into (evolveSession ignores it too); anything else starts afresh.
      if (isQueryLifeEvent(e)) return;
      this.queryIndex.delete(id);
      const next = evolveSession(prev, e, e);
      if (next === undefined) return;
      this.built = undefined;
      this.sessions.set(id, next);
      return;
    }
    this.built = undefined;
    if (!isQueryLifeEvent(e)) {
      const next = evolveSession(prev, e, e);
      // Where each query sits is still right unless the pure function touched the history.
      if (next?.history !== prev.history) this.queryIndex.delete(id);
      if (next === undefined) this.sessions.delete(id);
      else this.sessions.set(id, next);
      return;
    }
    const s = this.own(id, prev);
    s.version = e.aggregateSeq;
    const history = s.history as HistoryEntry[];
    const index = this.indexOf(id, history);
    const p = e.payload;
    if (e.type === 'QueryStarted') {
      history.push({ queryId: p.queryId, sql: e.payload.sql, phase: 'Pending', startedAt: e.occurredAt });
      index.set(p.queryId, history.length - 1);
      return;
    }
    const i = index.get(p.queryId);
    if (i === undefined) return;
    const entry = history[i]!;
    // A query still in flight has exactly the four fields QueryStarted gave it: write its next
    // state as one literal. Anything else gets evolveSession's own `{ ...entry, ...patch }`, which
    // keeps whatever else the entry carries. (A literal is several times cheaper than a spread
    // here, and this line runs for two thirds of a long log.)
    const fresh = Object.keys(entry).length === 4;
    const { queryId, sql, startedAt } = entry;
    switch (e.type) {
      case 'ExecutionBegan':
        history[i] = fresh ? { queryId, sql, phase: 'Executing', startedAt } : { ...entry, phase: 'Executing' };
        return;
      case 'QueryCompleted': {
        const { rowCount, columns, durationMs } = e.payload;
        const finishedAt = e.occurredAt;
        history[i] = fresh
          ? { queryId, sql, phase: 'Completed', startedAt, finishedAt, rowCount, columns, durationMs }
          : { ...entry, phase: 'Completed', finishedAt, rowCount, columns, durationMs };
        return;
      }
      case 'QueryFailed':
        history[i] = fresh
          ? { queryId, sql, phase: 'Failed', startedAt, finishedAt: e.occurredAt, error: e.payload.error }
          : { ...entry, phase: 'Failed', finishedAt: e.occurredAt, error: e.payload.error };
        return;
      case 'QueryCancelled':
        history[i] = fresh
          ? { queryId, sql, phase: 'Cancelled', startedAt, finishedAt: e.occurredAt, cancelReason: e.payload.reason }
          : { ...entry, phase: 'Cancelled', finishedAt: e.occurredAt, cancelReason: e.payload.reason };
        return;
      default:
        return assertNever(e);
    }
  }

  /** `session` itself if the builder made it since the last build; otherwise a copy it may change. */
  private own(id: string, session: SessionView): Mutable<SessionView> {
    if (this.owned.has(session)) return session as Mutable<SessionView>;
    const copy: Mutable<SessionView> = { ...session, history: this.ownHistory(session.history) };
    this.owned.add(copy);
    this.sessions.set(id, copy);
    return copy;
  }

  private indexOf(sessionId: string, history: readonly HistoryEntry[]): Map<string, number> {
    let index = this.queryIndex.get(sessionId);
    if (!index) {
      index = new Map();
      for (let i = 0; i < history.length; i++) index.set(history[i]!.queryId, i);
      this.queryIndex.set(sessionId, index);
    }
    return index;
  }

  private ownHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
    if (this.owned.has(history)) return history as HistoryEntry[];
    const copy = history.slice();
    this.owned.add(copy);
    return copy;
  }
}

type QueryLifeEvent = Extract<SessionEvent, { type: 'QueryStarted' | 'ExecutionBegan' | 'QueryCompleted' | 'QueryFailed' | 'QueryCancelled' }>;
const queryLifeTypes = new Set<string>(['QueryStarted', 'ExecutionBegan', 'QueryCompleted', 'QueryFailed', 'QueryCancelled'] satisfies QueryLifeEvent['type'][]);
export const QUERY_LIFE_EVENT_TYPES: ReadonlySet<string> = queryLifeTypes;

function isQueryLifeEvent<E extends SessionEvent>(e: E): e is E & QueryLifeEvent {
  return queryLifeTypes.has(e.type);
}

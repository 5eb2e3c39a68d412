import type { DatasetEvent, DomainEvent, EventEnvelope, SessionEvent } from '../contracts/events';
import { emptyView, evolveDataset, evolveSession, type AppView, type DatasetView, type HistoryEntry, type SessionView } from './appView';

/** What a view folds: a domain event and its place in the log (no ids, topic or metadata needed). */
export type ViewEvent = DomainEvent & Pick<EventEnvelope, 'globalSeq' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Folds events into an AppView with the same result as `events.reduce(evolveAppView, base)`, at a
 * cost that does not grow with the number of sessions or the length of a session's history:
 * `evolveAppView` copies the sessions record and the session's history on every event, which is
 * fine for one live event and quadratic for a rebuild of a long log.
 *
 * The semantics stay in the pure `evolveSession` / `evolveDataset`: the builder calls them on a
 * session whose history is cut down to the one entry the event is about (the last entry with the
 * event's queryId, or none), then splices what came back into the full history, which it owns and
 * changes in place. That relies on one property of `evolveSession`, checked for random histories
 * by appViewBuilder.test.ts: an event changes the history only by appending an entry or replacing
 * the entry with its queryId. Anything else it sees (a history cleared, reordered…) falls back to
 * the plain pure call on the whole session, so the result is right either way.
 *
 * Views handed out by `build()` are never changed afterwards: anything they share is copied before
 * the builder writes to it (copy-on-write, tracked per object since the last build).
 */
export class AppViewBuilder {
  private readonly sessions: Map<string, SessionView>;
  private readonly datasets: Map<string, DatasetView>;
  /** History arrays created since the last build: only these are changed in place. */
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
    const prev = this.sessions.get(e.aggregateId);
    let next: SessionView | undefined;
    if (prev === undefined) {
      this.queryIndex.delete(e.aggregateId);
      next = evolveSession(prev, e, e);
    } else {
      next = this.evolveWindowed(prev, e);
    }
    if (next === prev) return;
    this.built = undefined;
    if (next === undefined) {
      this.sessions.delete(e.aggregateId);
      this.queryIndex.delete(e.aggregateId);
    } else {
      this.sessions.set(e.aggregateId, next);
    }
  }

  private evolveWindowed(prev: SessionView, e: ViewEvent & SessionEvent): SessionView | undefined {
    const queryId = (e.payload as { queryId?: unknown }).queryId;
    const index = this.indexOf(e.aggregateId, prev.history);
    const i = typeof queryId === 'string' ? (index.get(queryId) ?? -1) : -1;
    const window: readonly HistoryEntry[] = i === -1 ? [] : [prev.history[i]!];
    const shell = evolveSession({ ...prev, history: window }, e, e);
    if (shell === undefined) return undefined;
    const h = shell.history;
    let history: readonly HistoryEntry[];
    if (h === window) {
      history = prev.history;
    } else if (h.length === window.length + 1 && (window.length === 0 || h[0] === window[0])) {
      history = this.ownHistory(prev.history);
      const added = h[h.length - 1]!;
      (history as HistoryEntry[]).push(added);
      index.set(added.queryId, history.length - 1);
    } else if (h.length === 1 && window.length === 1) {
      history = this.ownHistory(prev.history);
      const replaced = h[0]!;
      (history as HistoryEntry[])[i] = replaced;
      if (replaced.queryId !== queryId) this.queryIndex.delete(e.aggregateId);
    } else {
      this.queryIndex.delete(e.aggregateId);
      return evolveSession(prev, e, e);
    }
    // `shell` is a fresh object the pure function built from ours: give it the whole history.
    (shell as Mutable<SessionView>).history = history;
    return shell;
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

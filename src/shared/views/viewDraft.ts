import type { AppView, DatasetView, HistoryEntry, SessionView } from './appView';
import { SharedValues } from './sharedValues';
import type { WritableStacks } from './undoFold';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** A session the fold may write to: it owns the object, and asks the draft before writing its arrays. */
export type DraftSession = Mutable<SessionView> & { history: HistoryEntry[]; datasetIds: string[] };

/**
 * The view being folded by one `foldAppView` call: copy on first write, then write in place.
 * Whatever an earlier view holds is never written: the fold modules reach it only through here.
 */
export class ViewDraft {
  private sessions: Record<string, SessionView> | undefined;
  private datasets: Record<string, DatasetView> | undefined;
  private removedDatasets: Record<string, DatasetView> | undefined;
  /** Sessions this call made, by id: the only ones it may write to (one lookup per event finds and vouches for it). */
  private readonly ownedSessions = new Map<string, DraftSession>();
  private lastSession: DraftSession | undefined;
  /** datasetIds arrays and undo stacks this call made: the only ones it may write to. */
  private readonly owned = new Set<object>();
  /**
   * History arrays this call made, each with how many entries it took over from the earlier view:
   * entries from that index on were made by this call and may be written in place.
   */
  private readonly histories = new Map<readonly HistoryEntry[], number>();
  /**
   * The last history asked for and its entry of `histories`: a query's events come in a run on one
   * session, so this saves a map lookup on most events (a rebuild's 2,000 histories are far apart in memory).
   */
  private lastHistory: readonly HistoryEntry[] | undefined;
  private lastInherited = 0;

  /** Equal SQL texts and column lists, kept once for the whole call. */
  readonly shared = new SharedValues();

  constructor(private readonly base: AppView) {}

  result(): AppView {
    if (!this.sessions && !this.datasets && !this.removedDatasets) return this.base;
    const removedDatasets = this.removedDatasets ?? this.base.removedDatasets;
    return { sessions: this.sessions ?? this.base.sessions, datasets: this.datasets ?? this.base.datasets, ...(removedDatasets ? { removedDatasets } : {}) };
  }

  /**
   * Adds a session this call made (opened or forked). Its datasetIds array is its own; its history's
   * first `inherited` entries came from elsewhere (a fork's event) and are never written in place.
   */
  addSession(s: DraftSession, inherited: number): void {
    this.lastSession = s;
    this.owned.add(s.datasetIds);
    this.histories.set(s.history, inherited);
    this.ownedSessions.set(s.id, s);
    this.writableSessions()[s.id] = s;
  }

  /** The session `id`, copied for this call to write to; undefined when there is none. */
  session(id: string): DraftSession | undefined {
    // A log's events come in runs per session (a query's Started, Began, Completed): the last one found is checked first.
    if (id === this.lastSession?.id) return this.lastSession;
    const s = this.ownedSessions.get(id) ?? this.ownSession(id);
    if (s) this.lastSession = s;
    return s;
  }

  /** The session's history array, copied for this call to append to or replace entries of. */
  ownHistory(s: DraftSession): HistoryEntry[] {
    if (s.history === this.lastHistory) return s.history;
    const inherited = this.histories.get(s.history);
    if (inherited === undefined) {
      const copy = s.history.slice();
      this.histories.set(copy, copy.length);
      s.history = copy;
    }
    this.lastHistory = s.history;
    this.lastInherited = inherited ?? s.history.length;
    return s.history;
  }

  /**
   * The entry of `queryId`, to write to. An entry this call did not make may be in an earlier view:
   * it is replaced by a copy, never written.
   */
  writableEntry(s: DraftSession, queryId: string): Mutable<HistoryEntry> | undefined {
    const i = entryIndex(s.history, queryId);
    if (i === -1) return undefined;
    const history = this.ownHistory(s);
    if (i < this.lastInherited) history[i] = { ...history[i]! }; // ownHistory left lastInherited for it
    return history[i]!;
  }

  /** Replaces the entry of `queryId` (when there is one) by what `next` makes of it. */
  replaceEntry(s: DraftSession, queryId: string, next: (h: HistoryEntry) => HistoryEntry): void {
    const i = entryIndex(s.history, queryId);
    if (i === -1) return;
    this.ownHistory(s)[i] = next(s.history[i]!);
  }

  ownDatasetIds(s: DraftSession): string[] {
    if (this.owned.has(s.datasetIds)) return s.datasetIds;
    const copy = s.datasetIds.slice();
    this.owned.add(copy);
    s.datasetIds = copy;
    return copy;
  }

  /** The session's undo stacks, copied for this call to write to. */
  ownUndo(s: DraftSession): WritableStacks {
    if (s.undo && this.owned.has(s.undo)) return s.undo as WritableStacks;
    const copy: WritableStacks = { undo: s.undo?.undo.slice() ?? [], redo: s.undo?.redo.slice() ?? [] };
    this.owned.add(copy);
    s.undo = copy;
    return copy;
  }

  dataset(id: string): DatasetView | undefined {
    return (this.datasets ?? this.base.datasets)[id];
  }

  removedDataset(id: string): DatasetView | undefined {
    return (this.removedDatasets ?? this.base.removedDatasets)?.[id];
  }

  /** The datasets record, copied for this call to write to (dataset views themselves are replaced, never written). */
  writableDatasets(): Record<string, DatasetView> {
    return (this.datasets ??= { ...this.base.datasets });
  }

  writableRemovedDatasets(): Record<string, DatasetView> {
    return (this.removedDatasets ??= { ...this.base.removedDatasets });
  }

  private ownSession(id: string): DraftSession | undefined {
    const session = (this.sessions ?? this.base.sessions)[id];
    if (!session) return undefined;
    const copy = { ...session } as DraftSession;
    this.ownedSessions.set(id, copy);
    this.writableSessions()[id] = copy;
    return copy;
  }

  private writableSessions(): Record<string, SessionView> {
    return (this.sessions ??= { ...this.base.sessions });
  }
}

/** Index of the entry of `queryId`, or -1. Queries finish in the order they start (one in flight per session): searched from the end. */
function entryIndex(history: readonly HistoryEntry[], queryId: string): number {
  let i = history.length - 1;
  while (i >= 0 && history[i]!.queryId !== queryId) i--;
  return i;
}

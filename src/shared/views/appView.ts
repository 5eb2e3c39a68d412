import type { AppError } from '../contracts/errors';
import type { Column, DatasetEvent, DatasetFormat, DatasetTable, DomainEvent, EventEnvelope, SessionEvent } from '../contracts/events';
import { assertNever } from '../domain/decider';
import type { QueryPhase } from '../domain/queryLifecycle';
import type { ExportFormat } from '../explore/exportFormat';
import type { ForkOrigin, SessionForkedPayload } from '../contracts/sessionForked';
import { isPlainView, type ResultView } from '../domain/resultView';
import { isUndoable } from '../domain/undoable';
import { applyToSession, moveTop, pushNew, sessionUndoEntry, type UndoEvent, type UndoStacks, type WritableStacks } from './undoFold';
import type { ChartSpec } from '../chart/chartSpec';
import type { PivotSpec } from '../pivot/pivotSpec';
import { sameContent, type DatasetFingerprint, type QueryInput } from '../contracts/fingerprint';

/**
 * The projected state the UI renders. One pure fold (`foldAppView`) runs in main (projections,
 * rebuilt at start) and in the renderer (folding streamed events), so the renderer's state at seq N
 * equals main's projection at seq N, filtered to what the renderer subscribed to.
 */
export interface HistoryEntry {
  readonly queryId: string;
  readonly sql: string;
  readonly phase: QueryPhase;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly rowCount?: number;
  readonly columns?: readonly Column[];
  readonly durationMs?: number;
  readonly error?: AppError;
  readonly cancelReason?: string;
  /** Finished exports of this result, oldest first ("Exported 3,000,000 rows as Parquet"). */
  readonly exports?: readonly ExportEntry[];
  /** How its result is sorted and filtered (ResultViewSet); absent while shown as it came. */
  readonly view?: ResultView;
  /** The chart shown beside its result (ChartSet); absent when none. */
  readonly chart?: ChartSpec;
  /** Its pivot's settings (PivotSet); absent while no pivot is open. */
  readonly pivot?: PivotSpec;
  /** The datasets it read, fingerprinted as they were then (docs/share.md, "Provenance"). */
  readonly inputs?: readonly QueryInput[];
  /** The earlier query this one ran again (a "Re-run"). */
  readonly rerunOf?: string;
}

export interface ExportEntry {
  readonly format: ExportFormat;
  /** The file's path, or 'download' for a browser download. */
  readonly target: string;
  readonly rows: number;
  readonly bytes: number;
  readonly exportedAt: string;
}

export interface SessionView {
  readonly id: string;
  readonly title: string;
  readonly closed: boolean;
  /** The session aggregate's last seq: what a command on it must expect. */
  readonly version: number;
  /** Global seq of SessionOpened: tabs are ordered by it (a reopened tab goes back where it was). */
  readonly openedSeq: number;
  /** Global seq of the last time this tab was opened, reopened or switched to: the latest is the tab to show. */
  readonly activatedSeq: number;
  /** Global seq of SessionClosed while closed: the latest is the one "reopen closed session" brings back. */
  readonly closedSeq?: number;
  /** The editor's text as last saved (debounced), so a draft survives a restart. */
  readonly draft: string;
  readonly datasetIds: readonly string[];
  /** Oldest first; the last entry is the current or most recent query. */
  readonly history: readonly HistoryEntry[];
  /** Set on a fork: the session and point it started from ("forked from <session> at <time>"). */
  readonly forkedFrom?: ForkOrigin;
  /** What Undo and Redo can take back here (docs/undo.md); absent until the first undoable action. */
  readonly undo?: UndoStacks;
}

export interface DatasetView {
  readonly id: string;
  readonly source: string;
  readonly requestedSeq: number;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly name?: string;
  readonly format?: DatasetFormat;
  readonly columns: readonly Column[];
  readonly error?: AppError;
  /** What DuckDB reads when it is not `source` (folder glob, downloaded copy, converted Arrow file). */
  readonly location?: string;
  /** A DuckDB database file's tables, queryable as `<name>.<table>`. */
  readonly tables?: readonly DatasetTable[];
  readonly download?: { readonly bytes: number; readonly sha256: string };
  /** Its file(s) as last fingerprinted: at registration, then at each change seen on disk. */
  readonly fingerprint?: DatasetFingerprint;
  /** When its content was last seen changed on disk (DatasetChanged): "changed since it was added". */
  readonly changedAt?: string;
  /** Its undo stacks: a removal to take back, or to redo once taken back. */
  readonly undo?: UndoStacks;
}

/** Changing what this view holds? Bump APP_VIEW_SCHEMA_VERSION (appViewSchema.ts): main keeps snapshots of it. */
export interface AppView {
  readonly sessions: Readonly<Record<string, SessionView>>;
  readonly datasets: Readonly<Record<string, DatasetView>>;
  /** Removed datasets as they were, by id, so undoing a removal brings one back with its registration. */
  readonly removedDatasets?: Readonly<Record<string, DatasetView>>;
}

export const emptyView = (): AppView => ({ sessions: {}, datasets: {} });

type Meta = Pick<EventEnvelope, 'globalSeq' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

/** What a view folds: a domain event and its place in the log (no ids, topic or metadata needed). */
export type ViewEvent = DomainEvent & Pick<EventEnvelope, 'globalSeq' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

/** Pure fold of one stored event into the app view: `foldAppView` of a one-event batch. */
export function evolveAppView(view: AppView, e: ViewEvent): AppView {
  return foldAppView(view, [e]);
}

/**
 * Pure fold of events into the app view, the one fold main and the renderer share. Nothing passed in
 * is changed, and nothing returned is changed later; when no event changes anything, `view` itself
 * comes back.
 *
 * Inside one call, the sessions record, each session and each history array are copied at most
 * once, on first write, and then written in place (as are history entries the call itself made):
 * a batch of n events costs O(n) plus one copy of what it touches, where folding them one by one
 * would copy the record and the session's history on every event (quadratic over a long log).
 */
export function foldAppView(view: AppView, events: readonly ViewEvent[]): AppView {
  return foldAppViewBatches(view, [events]);
}

/** `foldAppView` of the batches' events in order, as one call: what a rebuild reading the log in batches needs. */
export function foldAppViewBatches(view: AppView, batches: Iterable<readonly ViewEvent[]>): AppView {
  const draft = new ViewDraft(view);
  for (const events of batches) {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.aggregateType === 'QuerySession') draft.applySession(e as ViewEvent & SessionEvent);
      else draft.applyDataset(e as ViewEvent & DatasetEvent);
    }
  }
  return draft.result();
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DraftSession = Mutable<SessionView> & { history: HistoryEntry[]; datasetIds: string[] };

/** The view being folded by one `foldAppView` call: copy on first write, then write in place. */
class ViewDraft {
  private sessions: Record<string, SessionView> | undefined;
  private datasets: Record<string, DatasetView> | undefined;
  private removedDatasets: Record<string, DatasetView> | undefined;
  /** Sessions this call made, by id: the only ones it may write to (one lookup per event finds and vouches for it). */
  private readonly ownedSessions = new Map<string, DraftSession>();
  /** datasetIds arrays this call made: the only ones it may write to. */
  private readonly owned = new Set<object>();
  /**
   * History arrays this call made, each with how many entries it took over from the earlier view:
   * entries from that index on were made by this call and may be written in place.
   */
  private readonly histories = new Map<readonly HistoryEntry[], number>();

  constructor(private readonly base: AppView) {}

  result(): AppView {
    if (!this.sessions && !this.datasets && !this.removedDatasets) return this.base;
    const removedDatasets = this.removedDatasets ?? this.base.removedDatasets;
    return { sessions: this.sessions ?? this.base.sessions, datasets: this.datasets ?? this.base.datasets, ...(removedDatasets ? { removedDatasets } : {}) };
  }

  applySession(e: ViewEvent & SessionEvent): void {
    const id = e.aggregateId;
    if (e.type === 'SessionOpened') {
      const opened: DraftSession = {
        id,
        title: e.payload.title,
        closed: false,
        version: e.aggregateSeq,
        openedSeq: e.globalSeq,
        activatedSeq: e.globalSeq,
        draft: '',
        datasetIds: [],
        history: [],
      };
      this.owned.add(opened.datasetIds);
      this.histories.set(opened.history, 0);
      this.ownedSessions.set(id, opened);
      this.writableSessions()[id] = opened;
      return;
    }
    if (e.type === 'SessionForked') {
      this.applyFork(e, e.payload);
      return;
    }
    const s = this.ownedSessions.get(id) ?? this.ownSession(id);
    if (!s) return; // nothing to fold into: a log may hold anything
    s.version = e.aggregateSeq;
    if (e.type === 'ActionUndone' || e.type === 'ActionRedone') return this.undoOrRedo(s, e);
    if (isUndoable(e.type)) {
      const entry = sessionUndoEntry(s, e, e.aggregateSeq, e.globalSeq);
      if (entry) pushNew(this.ownUndo(s), entry);
    }
    switch (e.type) {
      case 'SessionRenamed':
        s.title = e.payload.title;
        return;
      case 'SessionClosed':
        s.closed = true;
        s.closedSeq = e.globalSeq;
        return;
      case 'SessionReopened':
        s.closed = false;
        delete s.closedSeq;
        s.activatedSeq = e.globalSeq;
        return;
      case 'SessionActivated':
        s.activatedSeq = e.globalSeq;
        return;
      case 'DraftSaved':
        s.draft = e.payload.sql;
        return;
      case 'DatasetAttached':
        this.own(s, 'datasetIds').push(e.payload.datasetId);
        return;
      case 'QueryStarted': {
        const entry: Mutable<HistoryEntry> = { queryId: e.payload.queryId, sql: e.payload.sql, phase: 'Pending', startedAt: e.occurredAt };
        if (e.payload.rerunOf) entry.rerunOf = e.payload.rerunOf;
        this.ownHistory(s).push(entry);
        return;
      }
      case 'ExecutionBegan': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (h) h.phase = 'Executing';
        return;
      }
      // Finishing replaces the entry with a new object. One whose query never finished holds only
      // what QueryStarted gave it (finishing always sets finishedAt), so its finished form is one
      // literal with every field in place rather than the entry grown field by field.
      case 'QueryCompleted': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const { rowCount, columns, durationMs } = e.payload;
        const provenance = { ...(h.rerunOf ? { rerunOf: h.rerunOf } : {}), ...(e.payload.inputs ? { inputs: e.payload.inputs } : {}) };
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Completed', startedAt: h.startedAt, finishedAt: e.occurredAt, rowCount, columns, durationMs, ...provenance }
            : { ...h, phase: 'Completed', finishedAt: e.occurredAt, rowCount, columns, durationMs, ...provenance };
        return;
      }
      case 'QueryFailed': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const { error } = e.payload;
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Failed', startedAt: h.startedAt, finishedAt: e.occurredAt, error }
            : { ...h, phase: 'Failed', finishedAt: e.occurredAt, error };
        return;
      }
      case 'QueryCancelled': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const cancelReason = e.payload.reason;
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Cancelled', startedAt: h.startedAt, finishedAt: e.occurredAt, cancelReason }
            : { ...h, phase: 'Cancelled', finishedAt: e.occurredAt, cancelReason };
        return;
      }
      case 'ResultExported': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        const { format, target, rows, bytes } = e.payload;
        h.exports = [...(h.exports ?? []), { format, target, rows, bytes, exportedAt: e.occurredAt }];
        return;
      }
      case 'ResultViewSet': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        const { orderBy, filter } = e.payload;
        if (isPlainView({ orderBy, filter })) delete h.view;
        else h.view = { orderBy, filter };
        return;
      }
      case 'ChartSet': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        if (e.payload.spec) h.chart = e.payload.spec;
        else delete h.chart;
        return;
      }
      case 'PivotSet': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        if (e.payload.spec) h.pivot = e.payload.spec;
        else delete h.pivot;
        return;
      }
      default:
        return assertNever(e);
    }
  }

  /** A fork is an opened session that starts with the original's content (the event's arrays are copied, never written). */
  private applyFork(e: ViewEvent, p: SessionForkedPayload): void {
    const history: HistoryEntry[] = [...p.history];
    const forked: DraftSession = {
      id: e.aggregateId,
      title: p.title,
      closed: false,
      version: e.aggregateSeq,
      openedSeq: e.globalSeq,
      activatedSeq: e.globalSeq,
      draft: p.draft,
      datasetIds: [...p.datasetIds],
      history,
      forkedFrom: p.from,
    };
    this.owned.add(forked.datasetIds);
    this.histories.set(history, history.length);
    this.ownedSessions.set(e.aggregateId, forked);
    this.writableSessions()[e.aggregateId] = forked;
  }

  applyDataset(e: ViewEvent & DatasetEvent): void {
    if (e.type === 'DatasetRemoved' || e.type === 'ActionUndone' || e.type === 'ActionRedone') return this.removeOrBringBack(e);
    const current = (this.datasets ?? this.base.datasets)[e.aggregateId];
    const next = evolveDataset(current, e, e);
    if (next === current) return;
    const datasets = this.writableDatasets();
    if (next === undefined) delete datasets[e.aggregateId];
    else datasets[e.aggregateId] = next;
  }

  /** Takes back or applies again the top action of a session's stacks, when `e` names it. */
  private undoOrRedo(s: DraftSession, e: ViewEvent & UndoEvent): void {
    if (!s.undo) return;
    const stacks = this.ownUndo(s);
    const entry = moveTop(stacks, e);
    if (entry) applyToSession(s, entry, e.type === 'ActionUndone', e.globalSeq, (queryId) => this.writableEntry(s, queryId));
  }

  /** The session's undo stacks, copied for this call to write to. */
  private ownUndo(s: DraftSession): WritableStacks {
    if (s.undo && this.owned.has(s.undo)) return s.undo as WritableStacks;
    const copy: WritableStacks = { undo: s.undo?.undo.slice() ?? [], redo: s.undo?.redo.slice() ?? [] };
    this.owned.add(copy);
    s.undo = copy;
    return copy;
  }

  /** A removal moves the dataset to removedDatasets; undoing it moves it back, redoing it away again. */
  private removeOrBringBack(e: ViewEvent & Extract<DatasetEvent, { type: 'DatasetRemoved' | 'ActionUndone' | 'ActionRedone' }>): void {
    const id = e.aggregateId;
    const present = (this.datasets ?? this.base.datasets)[id];
    const removed = (this.removedDatasets ?? this.base.removedDatasets)?.[id];
    const from = e.type === 'ActionUndone' ? removed : present;
    if (!from) return;
    const stacks: WritableStacks = { undo: from.undo?.undo.slice() ?? [], redo: from.undo?.redo.slice() ?? [] };
    if (e.type === 'DatasetRemoved') pushNew(stacks, { type: 'DatasetRemoved', seq: e.aggregateSeq, actionSeq: e.globalSeq, at: e.globalSeq });
    else if (!moveTop(stacks, e)) return;
    const moved = { ...from, undo: stacks };
    const gone = (this.removedDatasets ??= { ...this.base.removedDatasets });
    const datasets = this.writableDatasets();
    if (e.type === 'ActionUndone') {
      delete gone[id];
      datasets[id] = moved;
    } else {
      delete datasets[id];
      gone[id] = moved;
    }
  }

  /**
   * The entry of `queryId`, to write to. An entry this call did not make may be in an earlier view:
   * it is replaced by a copy, never written.
   */
  private writableEntry(s: DraftSession, queryId: string): Mutable<HistoryEntry> | undefined {
    const i = entryIndex(s.history, queryId);
    if (i === -1) return undefined;
    const history = this.ownHistory(s);
    if (i < this.histories.get(history)!) history[i] = { ...history[i]! };
    return history[i]!;
  }

  /** The session `id` of the view being folded, copied for this call to write to; undefined when there is none. */
  private ownSession(id: string): DraftSession | undefined {
    const session = (this.sessions ?? this.base.sessions)[id];
    if (!session) return undefined;
    const copy = { ...session } as DraftSession;
    this.ownedSessions.set(id, copy);
    this.writableSessions()[id] = copy;
    return copy;
  }

  private own(s: DraftSession, key: 'datasetIds'): string[] {
    if (this.owned.has(s[key])) return s[key];
    const copy = s[key].slice();
    this.owned.add(copy);
    s[key] = copy;
    return copy;
  }

  private ownHistory(s: DraftSession): HistoryEntry[] {
    if (this.histories.has(s.history)) return s.history;
    const copy = s.history.slice();
    this.histories.set(copy, copy.length);
    s.history = copy;
    return copy;
  }

  private writableSessions(): Record<string, SessionView> {
    return (this.sessions ??= { ...this.base.sessions });
  }

  private writableDatasets(): Record<string, DatasetView> {
    return (this.datasets ??= { ...this.base.datasets });
  }
}

/** Index of the entry of `queryId`, or -1. Queries finish in the order they start (one in flight per session): searched from the end. */
function entryIndex(history: readonly HistoryEntry[], queryId: string): number {
  let i = history.length - 1;
  while (i >= 0 && history[i]!.queryId !== queryId) i--;
  return i;
}

function evolveDataset(view: DatasetView | undefined, event: DatasetEvent, meta: Meta): DatasetView | undefined {
  switch (event.type) {
    case 'DatasetRequested':
      return { id: meta.aggregateId, source: event.payload.source, requestedSeq: meta.globalSeq, status: 'loading', columns: [] };
    case 'DatasetRegistered': {
      if (!view) return view;
      return { ...view, ...event.payload, status: 'ready' };
    }
    case 'DatasetFailed':
      return view && { ...view, status: 'failed', error: event.payload.error };
    case 'DatasetChanged': {
      // A file touched but holding the same bytes gets its new time recorded, and is not "changed".
      const changed = !view?.fingerprint || !sameContent(view.fingerprint, event.payload.fingerprint);
      return view && { ...view, fingerprint: event.payload.fingerprint, ...(changed ? { changedAt: meta.occurredAt } : {}) };
    }
    case 'DatasetRemoved':
      return undefined;
    case 'ActionUndone':
    case 'ActionRedone':
      return view;
    default:
      return assertNever(event);
  }
}

export { activeSession, canRun, currentQuery, datasetList, lastClosedSession, lastResult, openSessions, viewForPattern } from './appViewSelectors';

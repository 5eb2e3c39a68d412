import type { AppError } from '../contracts/errors';
import type { Column, CsvReading, DatasetEvent, DatasetFormat, DatasetTable, DomainEvent, EventEnvelope, SessionEvent } from '../contracts/events';
import { assertNever } from '../domain/decider';
import type { QueryPhase } from '../domain/queryLifecycle';
import type { DatasetPhase } from '../domain/datasetLifecycle';
import type { ExportFormat } from '../explore/exportFormat';
import type { ForkOrigin } from '../contracts/sessionForked';
import type { ResultView } from '../domain/resultView';
import { isUndoable } from '../domain/undoable';
import { recordUndoable, undoOrRedo, type UndoStacks } from './undoFold';
import type { ChartSpec } from '../chart/chartSpec';
import type { PivotSpec } from '../pivot/pivotSpec';
import type { DatasetFingerprint, QueryInput } from '../contracts/fingerprint';
import { ViewDraft } from './viewDraft';
import { closeSession, openedSession, reopenSession } from './sessionFold';
import { forkedSession } from './forkFold';
import { executionBegan, queryCancelled, queryCompleted, queryFailed, queryStarted } from './queryFold';
import { chartSet, pivotSet, resultExported, resultViewSet } from './resultFold';
import { removeOrBringBack, requestDataset, updateDataset } from './datasetFold';

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
  readonly rowCount?: number;
  readonly columns?: readonly Column[];
  /** DuckDB's time for a completed query; for a failed or cancelled one, main's measure when it ended, or start to end as logged in older logs, none for an interrupted one (endedRunMs). */
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
  /** Where it is in its lifecycle (datasetLifecycle.ts): read it with that module's selectors. */
  readonly status: DatasetPhase;
  readonly name?: string;
  readonly format?: DatasetFormat;
  readonly columns: readonly Column[];
  readonly error?: AppError;
  /** What DuckDB reads when it is not `source` (folder glob, downloaded copy, converted Arrow file). */
  readonly location?: string;
  /** A DuckDB database file's tables, queryable as `<name>.<table>`. */
  readonly tables?: readonly DatasetTable[];
  /** How a CSV that DuckDB's defaults misread was read instead (another encoding, ragged rows padded). */
  readonly reading?: CsvReading;
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

/** What a view folds: a domain event and its place in the log (no ids, topic or metadata needed). */
export type ViewEvent = DomainEvent & Pick<EventEnvelope, 'globalSeq' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;
/** A session's event as the view folds it, of the types `T`. */
export type SessionViewEvent<T extends SessionEvent['type'] = SessionEvent['type']> = ViewEvent & Extract<SessionEvent, { type: T }>;
/** A dataset's event as the view folds it, of the types `T`. */
export type DatasetViewEvent<T extends DatasetEvent['type'] = DatasetEvent['type']> = ViewEvent & Extract<DatasetEvent, { type: T }>;

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
 * `ViewDraft` keeps that bookkeeping; the fold modules this file dispatches to write through it.
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
      // Compared with 'Dataset', not 'QuerySession': a type read from the log is a fresh string, and one
      // of another length is told apart without comparing characters (most events are a session's).
      if (e.aggregateType === 'Dataset') applyDataset(draft, e as DatasetViewEvent);
      else applySession(draft, e as SessionViewEvent);
    }
  }
  return draft.result();
}

function applySession(draft: ViewDraft, e: SessionViewEvent): void {
  if (e.type === 'SessionOpened') return draft.addSession(openedSession(e), 0);
  if (e.type === 'SessionForked') {
    const forked = forkedSession(e, e.payload);
    return draft.addSession(forked, forked.history.length);
  }
  const s = draft.session(e.aggregateId);
  if (!s) return; // nothing to fold into: a log may hold anything
  s.version = e.aggregateSeq;
  // A query's life first: most of a log, and never undoable, so it skips the undoable check (a set lookup per event).
  switch (e.type) {
    case 'QueryStarted':
      return queryStarted(draft, s, e);
    case 'ExecutionBegan':
      return executionBegan(draft, s, e);
    case 'QueryCompleted':
      return queryCompleted(draft, s, e);
    case 'QueryFailed':
      return queryFailed(draft, s, e);
    case 'QueryCancelled':
      return queryCancelled(draft, s, e);
    case 'ActionUndone':
    case 'ActionRedone':
      return undoOrRedo(draft, s, e);
  }
  if (isUndoable(e.type)) recordUndoable(draft, s, e);
  switch (e.type) {
    case 'SessionRenamed':
      s.title = e.payload.title;
      return;
    case 'SessionClosed':
      return closeSession(s, e.globalSeq);
    case 'SessionReopened':
      return reopenSession(s, e.globalSeq);
    case 'SessionActivated':
      s.activatedSeq = e.globalSeq;
      return;
    case 'DraftSaved':
      s.draft = e.payload.sql;
      return;
    case 'DatasetAttached':
      draft.ownDatasetIds(s).push(e.payload.datasetId);
      return;
    case 'ResultExported':
      return resultExported(draft, s, e);
    case 'ResultViewSet':
      return resultViewSet(draft, s, e);
    case 'ChartSet':
      return chartSet(draft, s, e);
    case 'PivotSet':
      return pivotSet(draft, s, e);
    default:
      return assertNever(e);
  }
}

function applyDataset(draft: ViewDraft, e: DatasetViewEvent): void {
  switch (e.type) {
    case 'DatasetRequested':
      return requestDataset(draft, e);
    case 'DatasetRegistered':
    case 'DatasetFailed':
    case 'DatasetChanged':
      return updateDataset(draft, e);
    case 'DatasetRemoved':
    case 'ActionUndone':
    case 'ActionRedone':
      return removeOrBringBack(draft, e);
    default:
      return assertNever(e);
  }
}

export { activeSession, canRun, currentQuery, datasetList, lastClosedSession, lastResult, openSessions, sessionTabs, viewForPattern, type SessionTab } from './appViewSelectors';

import { Map as PersistentMap } from 'immutable';
import type { SessionCommand } from '../contracts/commands';
import { withoutStack, type Rejection } from '../contracts/errors';
import type { SessionEvent } from '../contracts/events';
import type { SessionForkedPayload } from '../contracts/sessionForked';
import { assertNever, isRejection, reject, type Decider } from './decider';
import { type InFlightPhase, isCompleted, isInFlight, isPending, phaseAfter, type QueryPhase } from './queryLifecycle';
import { decideResultView, viewKey } from './resultView';
import { applySessionUndo, deciderUndo, type SessionUndoEntry } from './sessionUndo';
import { sessionUndoEntry } from './sessionUndoable';
import { counted, decideRedo, decideUndo, emptyUndoLog, recorded, redone, undone, type UndoLog } from './undoable';
import { chartKey, decideChart } from './chartSetting';
import { decidePivot, pivotKey } from './pivotSetting';
import { holdsStatement, NO_STATEMENT } from '../sql/statementSpans';

/** The session's current (or last) query, if it ran one. One query in flight per session. */
export type LatestQuery = { readonly phase: 'Idle' } | { readonly phase: QueryPhase; readonly queryId: string };
type QueryInFlight = { readonly phase: InFlightPhase; readonly queryId: string };
const inFlight = (q: LatestQuery): q is QueryInFlight => q.phase !== 'Idle' && isInFlight(q.phase);

/** What a session keeps while closed, so reopening it brings it back as it was. */
interface SessionContent {
  readonly title: string;
  readonly datasetIds: readonly string[];
  /** The editor's last saved text. */
  readonly draft: string;
  /**
   * Completed queries of this session, by id: what a SetResultView may address. A persistent map, so
   * each state shares all but a path with the one before: a fold over a session of n queries would
   * otherwise copy O(n²) entries (a 10,000-query import checks its history with this fold).
   */
  readonly results: PersistentMap<string, CompletedResult>;
  /** Undoable actions and what they replaced (docs/undo.md). */
  readonly undo: UndoLog<SessionUndoEntry>;
}

export interface CompletedResult {
  readonly columnCount: number;
  /** The current view's key (viewKey), so setting the same view again records nothing. */
  readonly view: string;
  /** The current chart's key (chartKey), so setting the same chart again records nothing. */
  readonly chart: string;
  /** Its column names (absent in states folded before pivots), for SetPivot to check. */
  readonly columnNames?: readonly string[];
  /** Its column types, by position as columnNames (absent in states folded before pivot grains), for SetPivot's grains. */
  readonly columnTypes?: readonly string[];
  /** The current pivot's key (pivotKey), so setting the same pivot again records nothing. */
  readonly pivot?: string;
}

export type QuerySessionState =
  | { readonly status: 'Unopened' }
  | ({ readonly status: 'Open'; readonly query: LatestQuery } & SessionContent)
  | ({ readonly status: 'Closed' } & SessionContent);

/** The id of the session's query in flight (Pending or Executing), if one is. */
export const runningQueryOf = (state: QuerySessionState): string | undefined => (state.status === 'Open' && inFlight(state.query) ? state.query.queryId : undefined);

/** Whether the session has `queryId`'s completed result, which its view, chart, pivot and exports are of. */
export const hasResult = (state: QuerySessionState, queryId: string): boolean => state.status !== 'Unopened' && state.results.get(queryId) !== undefined;

function decide(command: SessionCommand, state: QuerySessionState): readonly SessionEvent[] | Rejection {
  if (command.type === 'OpenSession') {
    return state.status === 'Unopened'
      ? [{ type: 'SessionOpened', payload: { title: command.title } }]
      : reject('SESSION_ALREADY_OPEN', 'This session already exists.');
  }
  if (command.type === 'ForkSession') {
    const { title, from, draft, datasetIds, history } = command;
    return state.status === 'Unopened'
      ? [{ type: 'SessionForked', payload: { title, from, draft, datasetIds: [...datasetIds], history: [...history] } }]
      : reject('SESSION_ALREADY_OPEN', 'This session already exists.');
  }
  if (state.status === 'Unopened') return reject('SESSION_NOT_FOUND', 'There is no such session.');
  // Before the closed check: undoing a close is how a closed session comes back.
  if (command.type === 'UndoSessionAction' || command.type === 'RedoSessionAction') return decideUndoOrRedo(command, state);
  if (command.type === 'ReopenSession') {
    return state.status === 'Closed'
      ? [{ type: 'SessionReopened', payload: {} }]
      : reject('SESSION_ALREADY_OPEN', 'This session is already open.');
  }
  if (state.status === 'Closed') return reject('SESSION_CLOSED', 'This session is closed.');
  const q = state.query;

  switch (command.type) {
    case 'RenameSession':
      return command.title === state.title ? [] : [{ type: 'SessionRenamed', payload: { title: command.title } }];
    case 'CloseSession': {
      // Closing a session cancels what runs in it first, so no query is left dangling.
      const cancel: SessionEvent[] = inFlight(q)
        ? [{ type: 'QueryCancelled', payload: { queryId: q.queryId, reason: 'session closed' } }]
        : [];
      return [...cancel, { type: 'SessionClosed', payload: {} }];
    }
    case 'ActivateSession':
      // The decider cannot know which tab is shown (that spans sessions); the UI sends it on a switch.
      return [{ type: 'SessionActivated', payload: {} }];
    case 'SaveDraft':
      return command.sql === state.draft ? [] : [{ type: 'DraftSaved', payload: { sql: command.sql } }];
    case 'AttachDataset':
      return state.datasetIds.includes(command.datasetId)
        ? []
        : [{ type: 'DatasetAttached', payload: { datasetId: command.datasetId } }];
    case 'StartQuery':
      // Refused as an empty editor is (INVALID_COMMAND): nothing to run is no query, nor a line of history.
      if (!holdsStatement(command.sql)) return reject('INVALID_COMMAND', NO_STATEMENT);
      return inFlight(q)
        ? reject('QUERY_IN_FLIGHT', 'A query is already running in this session; cancel it or wait.', {
            queryId: q.queryId,
          })
        : [{ type: 'QueryStarted', payload: { queryId: command.queryId, sql: command.sql, ...(command.rerunOf ? { rerunOf: command.rerunOf } : {}) } }];
    case 'CancelQuery':
      return inFlight(q)
        ? [{ type: 'QueryCancelled', payload: { queryId: q.queryId, reason: command.reason, ...measured(command) } }]
        : reject('NO_QUERY_RUNNING', 'No query is running in this session.');
    case 'BeginExecution':
      return inFlight(q) && isPending(q.phase) && q.queryId === command.queryId
        ? [{ type: 'ExecutionBegan', payload: { queryId: command.queryId } }]
        : mismatch(q, command.queryId);
    case 'CompleteQuery':
      return inFlight(q) && q.queryId === command.queryId
        ? [
            {
              type: 'QueryCompleted',
              payload: {
                queryId: command.queryId,
                rowCount: command.rowCount,
                columns: [...command.columns],
                durationMs: command.durationMs,
                ...(command.inputs ? { inputs: command.inputs } : {}),
              },
            },
          ]
        : mismatch(q, command.queryId);
    case 'SetResultView':
      return decideResultView(command, state.results.get(command.queryId));
    case 'SetChart':
      return decideChart(command, state.results.get(command.queryId));
    case 'SetPivot':
      return decidePivot(command, state.results.get(command.queryId));
    case 'FailQuery':
      return inFlight(q) && q.queryId === command.queryId
        ? [{ type: 'QueryFailed', payload: { queryId: command.queryId, error: withoutStack(command.error), ...measured(command), ...(command.inputs ? { inputs: command.inputs } : {}) } }]
        : mismatch(q, command.queryId);
    case 'RecordExport': {
      const { queryId, format, target, rows, bytes } = command;
      return [{ type: 'ResultExported', payload: { queryId, format, target, rows, bytes } }];
    }
    default:
      return assertNever(command);
  }
}

/** Undo or redo of the top action; one that closes the session cancels what runs in it first, as closing does. */
function decideUndoOrRedo(command: Extract<SessionCommand, { type: 'UndoSessionAction' | 'RedoSessionAction' }>, state: Exclude<QuerySessionState, { status: 'Unopened' }>): readonly SessionEvent[] | Rejection {
  const back = command.type === 'UndoSessionAction';
  const decided: readonly SessionEvent[] | Rejection = back ? decideUndo(state.undo, command.seq) : decideRedo(state.undo, command.seq);
  if (isRejection(decided) || state.status !== 'Open' || !inFlight(state.query)) return decided;
  const top = (back ? state.undo.undo : state.undo.redo).at(-1);
  const closes = top?.type === (back ? 'SessionReopened' : 'SessionClosed');
  return closes ? [{ type: 'QueryCancelled', payload: { queryId: state.query.queryId, reason: 'session closed' } }, ...decided] : decided;
}

/** The run's duration main measured, carried into the end's event when there is one. */
const measured = (command: { readonly durationMs?: number | undefined }): { durationMs?: number } => (command.durationMs === undefined ? {} : { durationMs: command.durationMs });

function mismatch(q: LatestQuery, queryId: string): Rejection {
  return reject('QUERY_MISMATCH', `Query ${queryId} is not the one in flight in this session.`, {
    queryId,
    phase: q.phase,
  });
}

type UndoEvent = Extract<SessionEvent, { type: 'ActionUndone' | 'ActionRedone' }>;

/** Every event counts in the undo log (its seq is the event's aggregateSeq); undoable ones push an entry. */
function evolve(state: QuerySessionState, event: SessionEvent): QuerySessionState {
  if (event.type === 'ActionUndone' || event.type === 'ActionRedone') return state.status === 'Unopened' ? state : undoOrRedo(state, event);
  const next = evolveContent(state, event);
  if (next.status === 'Unopened') return next;
  const log = counted(next.undo);
  const entry = state.status === 'Unopened' ? undefined : sessionUndoEntry(deciderUndo, state, event, log.seq);
  return { ...next, undo: entry ? recorded(log, entry) : log };
}

function undoOrRedo(state: Exclude<QuerySessionState, { status: 'Unopened' }>, event: UndoEvent): QuerySessionState {
  const log = counted(state.undo);
  const back = event.type === 'ActionUndone';
  const top = (back ? log.undo : log.redo).at(-1);
  if (!top || top.seq !== event.payload.seq) return { ...state, undo: log };
  return { ...applySessionUndo(state, top, back ? 'undo' : 'redo'), undo: back ? undone(log) : redone(log) };
}

// A new result's keys, worked out once rather than per QueryCompleted folded.
const UNSORTED = viewKey({ orderBy: [], filter: [] });
const NO_CHART = chartKey(null);

function evolveContent(state: QuerySessionState, event: Exclude<SessionEvent, UndoEvent>): QuerySessionState {
  if (event.type === 'SessionOpened') return { status: 'Open', title: event.payload.title, datasetIds: [], draft: '', results: PersistentMap(), query: { phase: 'Idle' }, undo: emptyUndoLog() };
  if (event.type === 'SessionForked') return forkedState(event.payload);
  if (event.type === 'SessionReopened') {
    // Closing cancelled whatever ran, so a reopened session starts idle.
    return state.status === 'Closed' ? { ...state, status: 'Open', query: { phase: 'Idle' } } : state;
  }
  if (state.status !== 'Open') return state;
  switch (event.type) {
    case 'SessionRenamed':
      return { ...state, title: event.payload.title };
    case 'SessionClosed': {
      const { query: _query, ...content } = state;
      return { ...content, status: 'Closed' };
    }
    case 'SessionActivated':
    case 'ResultExported':
      return state;
    case 'DraftSaved':
      return { ...state, draft: event.payload.sql };
    case 'DatasetAttached':
      return { ...state, datasetIds: [...state.datasetIds, event.payload.datasetId] };
    case 'ResultViewSet': {
      const result = state.results.get(event.payload.queryId);
      return result ? { ...state, results: state.results.set(event.payload.queryId, { ...result, view: viewKey(event.payload) }) } : state;
    }
    case 'ChartSet': {
      const result = state.results.get(event.payload.queryId);
      return result ? { ...state, results: state.results.set(event.payload.queryId, { ...result, chart: chartKey(event.payload.spec) }) } : state;
    }
    case 'PivotSet': {
      const result = state.results.get(event.payload.queryId);
      return result ? { ...state, results: state.results.set(event.payload.queryId, { ...result, pivot: pivotKey(event.payload.spec) }) } : state;
    }
    case 'QueryCompleted': {
      const results = state.results.set(event.payload.queryId, { columnCount: event.payload.columns.length, view: UNSORTED, chart: NO_CHART, columnNames: event.payload.columns.map((c) => c.name), columnTypes: event.payload.columns.map((c) => c.type) });
      return { ...state, results, query: { phase: phaseAfter[event.type], queryId: event.payload.queryId } };
    }
    case 'QueryStarted':
    case 'ExecutionBegan':
    case 'QueryFailed':
    case 'QueryCancelled':
      return { ...state, query: { phase: phaseAfter[event.type], queryId: event.payload.queryId } };
    default:
      return assertNever(event);
  }
}

/** A fork starts open and idle, with the original's content: its completed results may be sorted and filtered as there. */
function forkedState(p: SessionForkedPayload): QuerySessionState {
  // Built in one pass (a fork carries thousands of results), not grown one key at a time.
  const completed: [string, CompletedResult][] = [];
  for (const h of p.history) {
    if (isCompleted(h.phase)) completed.push([h.queryId, { columnCount: h.columns?.length ?? 0, view: viewKey(h.view ?? { orderBy: [], filter: [] }), chart: chartKey(h.chart ?? null), ...(h.columns ? { columnNames: h.columns.map((c) => c.name), columnTypes: h.columns.map((c) => c.type) } : {}), ...(h.pivot ? { pivot: pivotKey(h.pivot) } : {}) }]);
  }
  const results = PersistentMap(completed);
  return { status: 'Open', title: p.title, datasetIds: p.datasetIds, draft: p.draft, results, query: { phase: 'Idle' }, undo: emptyUndoLog() };
}

export const querySessionDecider: Decider<SessionCommand, SessionEvent, QuerySessionState> = {
  initialState: { status: 'Unopened' },
  decide,
  evolve,
};

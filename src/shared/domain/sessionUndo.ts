import type { SessionEvent } from '../contracts/events';
import type { QuerySessionState } from './querySession';
import { chartKey } from './chartSetting';
import { pivotKey } from './pivotSetting';
import { viewKey } from './resultView';
import type { UndoableEventType } from './undoable';

type SessionUndoable = Extract<SessionEvent['type'], UndoableEventType>;
type Started = Exclude<QuerySessionState, { status: 'Unopened' }>;

/** What the session decider keeps to take an action back: per undoable event type, the value it replaced. */
export type SessionUndoEntry = { readonly seq: number } & (
  | { readonly type: 'SessionRenamed'; readonly before: string; readonly after: string }
  | { readonly type: 'SessionClosed' }
  | { readonly type: 'SessionReopened' }
  /** The result's view keys (viewKey) before and after, so setting the same view again stays a no-op. */
  | { readonly type: 'ResultViewSet'; readonly queryId: string; readonly before: string; readonly after: string }
  /** The chart's and the pivot's keys before and after, for the same reason. */
  | { readonly type: 'ChartSet'; readonly queryId: string; readonly before: string; readonly after: string }
  | { readonly type: 'PivotSet'; readonly queryId: string; readonly before: string | undefined; readonly after: string }
);
// Every undoable session event has an entry, and nothing else does.
type Covered = SessionUndoEntry['type'] extends SessionUndoable ? (SessionUndoable extends SessionUndoEntry['type'] ? true : never) : never;
const _covered: Covered = true;

/** The undo entry `event` records, from the state just before it; undefined when it is not undoable. */
export function sessionUndoEntry(state: Started, event: SessionEvent, seq: number): SessionUndoEntry | undefined {
  switch (event.type) {
    case 'SessionRenamed':
      return { seq, type: 'SessionRenamed', before: state.title, after: event.payload.title };
    case 'SessionClosed':
      return { seq, type: 'SessionClosed' };
    case 'SessionReopened':
      return { seq, type: 'SessionReopened' };
    case 'ResultViewSet': {
      const result = state.results.get(event.payload.queryId);
      return result && { seq, type: 'ResultViewSet', queryId: event.payload.queryId, before: result.view, after: viewKey(event.payload) };
    }
    case 'ChartSet': {
      const result = state.results.get(event.payload.queryId);
      return result && { seq, type: 'ChartSet', queryId: event.payload.queryId, before: result.chart, after: chartKey(event.payload.spec) };
    }
    case 'PivotSet': {
      const result = state.results.get(event.payload.queryId);
      return result && { seq, type: 'PivotSet', queryId: event.payload.queryId, before: result.pivot, after: pivotKey(event.payload.spec) };
    }
    default:
      return undefined;
  }
}

/** The session with `entry` taken back (`undo`) or applied again (`redo`). */
export function applySessionUndo(state: Started, entry: SessionUndoEntry, direction: 'undo' | 'redo'): Started {
  const back = direction === 'undo';
  switch (entry.type) {
    case 'SessionRenamed':
      return { ...state, title: back ? entry.before : entry.after };
    case 'SessionClosed':
    case 'SessionReopened':
      return back === (entry.type === 'SessionClosed') ? opened(state) : closed(state);
    case 'ResultViewSet': {
      const result = state.results.get(entry.queryId);
      return result ? { ...state, results: state.results.set(entry.queryId, { ...result, view: back ? entry.before : entry.after }) } : state;
    }
    case 'ChartSet': {
      const result = state.results.get(entry.queryId);
      return result ? { ...state, results: state.results.set(entry.queryId, { ...result, chart: back ? entry.before : entry.after }) } : state;
    }
    case 'PivotSet': {
      const result = state.results.get(entry.queryId);
      if (!result) return state;
      const { pivot: _pivot, ...rest } = result;
      const pivot = back ? entry.before : entry.after;
      return { ...state, results: state.results.set(entry.queryId, pivot === undefined ? rest : { ...rest, pivot }) };
    }
  }
}

// Closing cancelled whatever ran, so a session opened again starts idle.
const opened = (state: Started): Started => (state.status === 'Closed' ? { ...state, status: 'Open', query: { phase: 'Idle' } } : state);

function closed(state: Started): Started {
  if (state.status === 'Closed') return state;
  const { query: _query, ...content } = state;
  return { ...content, status: 'Closed' };
}

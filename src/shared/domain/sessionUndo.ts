import type { QuerySessionState } from './querySession';
import { chartKey } from './chartSetting';
import { pivotKey } from './pivotSetting';
import { viewKey } from './resultView';
import type { SessionUndoable, SessionUndoRecorders } from './sessionUndoable';

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

/** What the decider records per undoable session action (sessionUndoable.ts); `seq` is the event's aggregateSeq. */
export const deciderUndo: SessionUndoRecorders<Started, number, SessionUndoEntry> = {
  SessionRenamed: (state, event, seq) => ({ seq, type: 'SessionRenamed', before: state.title, after: event.payload.title }),
  SessionClosed: (_state, _event, seq) => ({ seq, type: 'SessionClosed' }),
  SessionReopened: (_state, _event, seq) => ({ seq, type: 'SessionReopened' }),
  ResultViewSet: (state, event, seq) => {
    const result = state.results.get(event.payload.queryId);
    return result && { seq, type: 'ResultViewSet', queryId: event.payload.queryId, before: result.view, after: viewKey(event.payload) };
  },
  ChartSet: (state, event, seq) => {
    const result = state.results.get(event.payload.queryId);
    return result && { seq, type: 'ChartSet', queryId: event.payload.queryId, before: result.chart, after: chartKey(event.payload.spec) };
  },
  PivotSet: (state, event, seq) => {
    const result = state.results.get(event.payload.queryId);
    return result && { seq, type: 'PivotSet', queryId: event.payload.queryId, before: result.pivot, after: pivotKey(event.payload.spec) };
  },
};

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

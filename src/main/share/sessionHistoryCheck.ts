import type { SessionEvent } from '../../shared/contracts/events';
import { hasResult, querySessionDecider, runningQueryOf } from '../../shared/domain/querySession';
import type { ImportedEvent } from '../store/eventStore';

/** What a session's events, as a log file gives them, amount to. */
export type SessionHistoryCheck =
  /** `runningFrom`: the seq of the QueryStarted of a query still in flight at the file's end (exported mid-run). */
  | { readonly ok: true; readonly runningFrom?: number }
  /** A history no Sextant could have written: `seq` is the first event that breaks it. */
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/**
 * Checks a session's events (its own, in aggregate order from 1) against the session decider's
 * state, folded with its own evolve as they come: the first opens or forks the session and nothing
 * opens it again; a query starts under a new id while none is in flight, and only the query in
 * flight begins or ends; a view, chart, pivot or export is of a completed result the session has;
 * an undo or redo names an earlier event. The line checks (schema, order, ids) came first; this is
 * the history's shape, which no line shows alone (docs/share.md).
 */
export function checkSessionHistory(events: readonly ImportedEvent[]): SessionHistoryCheck {
  const { initialState, evolve } = querySessionDecider;
  let state = initialState;
  const started = new Set<string>();
  let runningFrom: number | undefined;
  for (const e of events) {
    if (e.aggregateType !== 'QuerySession') continue;
    const event = { type: e.type, payload: e.payload } as SessionEvent;
    const broken = (reason: string): SessionHistoryCheck => ({ ok: false, seq: e.aggregateSeq, reason });
    const opens = event.type === 'SessionOpened' || event.type === 'SessionForked';
    if (state.status === 'Unopened' && !opens) return broken(`its first event is ${event.type}, not the session's opening`);
    if (state.status !== 'Unopened' && opens) return broken(`it opens the session again (${event.type})`);
    const running = runningQueryOf(state);
    switch (event.type) {
      case 'QueryStarted':
        if (started.has(event.payload.queryId)) return broken(`it starts query ${event.payload.queryId} a second time`);
        if (running !== undefined) return broken(`it starts a query while query ${running} is still running`);
        started.add(event.payload.queryId);
        runningFrom = e.aggregateSeq;
        break;
      case 'ExecutionBegan':
      case 'QueryCompleted':
      case 'QueryFailed':
      case 'QueryCancelled':
        if (running !== event.payload.queryId) return broken(`${event.type} names query ${event.payload.queryId}, which is not running`);
        break;
      case 'ResultViewSet':
      case 'ResultExported':
      case 'ChartSet':
      case 'PivotSet':
        if (!hasResult(state, event.payload.queryId)) return broken(`${event.type} names query ${event.payload.queryId}, which has no result in the session`);
        break;
      case 'ActionUndone':
      case 'ActionRedone':
        if (event.payload.seq >= e.aggregateSeq) return broken(`${event.type} names event ${event.payload.seq}, which is not an earlier one`);
        break;
      default:
        break;
    }
    state = evolve(state, event);
  }
  return runningQueryOf(state) !== undefined && runningFrom !== undefined ? { ok: true, runningFrom } : { ok: true };
}

import type { ImportedEvent } from '../store/eventStore';

/** What a session's events, as a log file gives them, amount to. */
export type SessionHistoryCheck =
  /** `runningFrom`: the seq of the QueryStarted of a query still in flight at the file's end (exported mid-run). */
  | { readonly ok: true; readonly runningFrom?: number }
  /** A history no Sextant could have written: `seq` is the first event that breaks it. */
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/**
 * Checks a session's events (its own, in aggregate order from 1) as the session decider would
 * have let them happen: the first opens or forks the session and nothing opens it again; a query
 * starts under a new id while no other is in flight, and only a query in flight begins or ends; a
 * view, chart, pivot or export names a query the session has; an undo or redo names an earlier
 * event. The line checks (schema, order, ids) came first; this is the history's shape, which no
 * line shows alone (docs/share.md).
 */
export function checkSessionHistory(events: readonly ImportedEvent[]): SessionHistoryCheck {
  const queries = new Set<string>();
  let running: { readonly queryId: string; readonly from: number } | undefined;
  for (const e of events) {
    if (e.aggregateType !== 'QuerySession') continue;
    const broken = (reason: string): SessionHistoryCheck => ({ ok: false, seq: e.aggregateSeq, reason });
    const opens = e.type === 'SessionOpened' || e.type === 'SessionForked';
    if (e.aggregateSeq === 1 && !opens) return broken(`its first event is ${e.type}, not the session's opening`);
    if (e.aggregateSeq > 1 && opens) return broken(`it opens the session again (${e.type})`);
    switch (e.type) {
      case 'SessionForked':
        for (const h of e.payload.history) queries.add(h.queryId);
        break;
      case 'QueryStarted':
        if (queries.has(e.payload.queryId)) return broken(`it starts query ${e.payload.queryId} a second time`);
        if (running) return broken(`it starts a query while query ${running.queryId} is still running`);
        queries.add(e.payload.queryId);
        running = { queryId: e.payload.queryId, from: e.aggregateSeq };
        break;
      case 'ExecutionBegan':
      case 'QueryCompleted':
      case 'QueryFailed':
      case 'QueryCancelled':
        if (running?.queryId !== e.payload.queryId) return broken(`${e.type} names query ${e.payload.queryId}, which is not running`);
        if (e.type !== 'ExecutionBegan') running = undefined;
        break;
      case 'ResultViewSet':
      case 'ResultExported':
      case 'ChartSet':
      case 'PivotSet':
        if (!queries.has(e.payload.queryId)) return broken(`${e.type} names query ${e.payload.queryId}, which the session never ran`);
        break;
      case 'ActionUndone':
      case 'ActionRedone':
        if (e.payload.seq >= e.aggregateSeq) return broken(`${e.type} names event ${e.payload.seq}, which is not an earlier one`);
        break;
      default:
        break;
    }
  }
  return running ? { ok: true, runningFrom: running.from } : { ok: true };
}

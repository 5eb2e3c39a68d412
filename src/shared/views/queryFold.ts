/** A query's life in its session's history: started, executing, then one outcome with what it read; each phase the lifecycle's (phaseAfter). */
import type { HistoryEntry, SessionViewEvent } from './appView';
import { endedRunMs, isInFlight, phaseAfter } from '../domain/queryLifecycle';
import type { DraftSession, Mutable, ViewDraft } from './viewDraft';

export function queryStarted(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'QueryStarted'>): void {
  // A session most often runs again the SQL it ran last (Run, edit, Run; a re-run): that text is checked first.
  const entry: Mutable<HistoryEntry> = { queryId: e.payload.queryId, sql: draft.shared.text(e.payload.sql, s.history[s.history.length - 1]?.sql), phase: phaseAfter.QueryStarted, startedAt: e.occurredAt };
  if (e.payload.rerunOf) entry.rerunOf = e.payload.rerunOf;
  draft.ownHistory(s).push(entry);
}

export function executionBegan(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'ExecutionBegan'>): void {
  const h = draft.writableEntry(s, e.payload.queryId);
  if (h) h.phase = phaseAfter.ExecutionBegan;
}

// Finishing replaces the entry with a new object. One whose query is still in flight holds only what
// QueryStarted gave it, so its finished form is one literal with every field in place rather than
// the entry grown field by field.

/** Completed, with its provenance: the datasets it read as they were, and the query it ran again. */
export function queryCompleted(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'QueryCompleted'>): void {
  draft.replaceEntry(s, e.payload.queryId, (h) => {
    const { rowCount, durationMs, inputs } = e.payload;
    const columns = draft.shared.columns(e.payload.columns);
    // Provenance is added to the new entry, not spread from a throwaway object: most queries have none.
    let next: Mutable<HistoryEntry>;
    if (isInFlight(h.phase)) {
      next = { queryId: h.queryId, sql: h.sql, phase: phaseAfter.QueryCompleted, startedAt: h.startedAt, rowCount, columns, durationMs };
      if (h.rerunOf) next.rerunOf = h.rerunOf;
    } else next = { ...h, phase: phaseAfter.QueryCompleted, rowCount, columns, durationMs };
    if (inputs) next.inputs = inputs;
    return next;
  });
}

export function queryFailed(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'QueryFailed'>): void {
  draft.replaceEntry(s, e.payload.queryId, (h) => {
    const { error } = e.payload;
    const took = endedRunMs(h.startedAt, e.occurredAt, e.payload);
    const durationMs = took === undefined ? {} : { durationMs: took };
    return isInFlight(h.phase)
      ? { queryId: h.queryId, sql: h.sql, phase: phaseAfter.QueryFailed, startedAt: h.startedAt, error, ...durationMs }
      : { ...h, phase: phaseAfter.QueryFailed, error, ...durationMs };
  });
}

export function queryCancelled(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'QueryCancelled'>): void {
  draft.replaceEntry(s, e.payload.queryId, (h) => {
    const cancelReason = draft.shared.text(e.payload.reason);
    const took = endedRunMs(h.startedAt, e.occurredAt, e.payload);
    const durationMs = took === undefined ? {} : { durationMs: took };
    return isInFlight(h.phase)
      ? { queryId: h.queryId, sql: h.sql, phase: phaseAfter.QueryCancelled, startedAt: h.startedAt, cancelReason, ...durationMs }
      : { ...h, phase: phaseAfter.QueryCancelled, cancelReason, ...durationMs };
  });
}

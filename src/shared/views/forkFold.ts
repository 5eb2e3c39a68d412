import type { SessionForkedPayload } from '../contracts/sessionForked';
import type { HistoryEntry, ViewEvent } from './appView';
import type { DraftSession } from './viewDraft';

/**
 * A fork is an opened session that starts with the original's content. The event's arrays are
 * copied, never written: the draft is told its history entries are inherited.
 */
export function forkedSession(e: ViewEvent, p: SessionForkedPayload): DraftSession {
  const history: HistoryEntry[] = [...p.history];
  return {
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
}

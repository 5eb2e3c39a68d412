import type { SessionEvent } from '../contracts/events';
import type { SessionView, ViewEvent } from './appView';
import type { DraftSession, Mutable } from './viewDraft';

type Opened = ViewEvent & Extract<SessionEvent, { type: 'SessionOpened' }>;

/** A new tab: empty, and the one to show. */
export function openedSession(e: Opened): DraftSession {
  return {
    id: e.aggregateId,
    title: e.payload.title,
    closed: false,
    version: e.aggregateSeq,
    openedSeq: e.globalSeq,
    activatedSeq: e.globalSeq,
    draft: '',
    datasetIds: [],
    history: [],
  };
}

/** Closed at `globalSeq`: the latest closed is the one "reopen closed session" brings back. */
export function closeSession(s: Mutable<SessionView>, globalSeq: number): void {
  s.closed = true;
  s.closedSeq = globalSeq;
}

/** Open again at `globalSeq`, and shown (the latest activated tab is the one to show). */
export function reopenSession(s: Mutable<SessionView>, globalSeq: number): void {
  s.closed = false;
  delete s.closedSeq;
  s.activatedSeq = globalSeq;
}

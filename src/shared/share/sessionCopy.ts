import type { EventEnvelope, EventMetadata, SessionEvent } from '../contracts/events';
import type { ForkedHistoryEntry } from '../contracts/sessionForked';
import { sessionTopic } from '../contracts/topics';

/** An event as a session log gives it: everything the store keeps but the global seq, which the log it joins gives. */
export type LogEvent = EventEnvelope extends infer E ? (E extends unknown ? Omit<E, 'globalSeq'> : never) : never;

/** A copy's title, from a title the file gives the session: the person tells the two tabs apart by it. */
export const copyTitle = (title: string, suffix = ' (copy)'): string => `${title}${suffix}`;

export interface SessionCopyKeys {
  /** A fresh id, never one the log holds (main's UUIDv7). */
  newId(): string;
  /** The copy's title for a title the file gives (its opening's, a fork's, each rename's). */
  title(title: string): string;
}

export interface SessionCopy {
  readonly sessionId: string;
  /** The file's events in the file's order: the session's re-keyed, the datasets' as they were. */
  readonly events: LogEvent[];
}

/**
 * "Import as a copy" (docs/share.md): a session log whose session this log holds with another
 * history becomes a NEW session. Its session, its events and its queries get fresh ids, every
 * reference inside the events re-keyed the same way (a query's `rerunOf`, a view's, chart's, pivot's
 * or export's `queryId`, a fork's carried history, its origin when that is the file's own session,
 * an event's causation when it is an event of the file's session, the commands and correlations
 * that tie events together), so its results, re-run on demand into tables named after the query id,
 * never meet the original's. Aggregate seqs stay: an undo names the copy's own event by them. The
 * datasets' events are left as they are (matched against this catalog as any import's are).
 */
export function sessionCopy(events: readonly LogEvent[], sessionId: string, keys: SessionCopyKeys): SessionCopy {
  const copyId = keys.newId();
  const rekey = (map: Map<string, string>) => (id: string) => {
    let next = map.get(id);
    if (next === undefined) map.set(id, (next = keys.newId()));
    return next;
  };
  const queryId = rekey(new Map());
  const commandId = rekey(new Map());
  const eventIds = new Map<string, string>();
  const eventId = rekey(eventIds);
  const copied = events.map((e): LogEvent => {
    if (e.aggregateType !== 'QuerySession' || e.aggregateId !== sessionId) return e;
    const metadata: EventMetadata = {
      ...e.metadata,
      commandId: commandId(e.metadata.commandId),
      correlationId: commandId(e.metadata.correlationId),
      // a cause among the session's earlier events is the copy's; one outside the file (a dataset's) stays
      ...(e.metadata.causationId !== undefined ? { causationId: eventIds.get(e.metadata.causationId) ?? e.metadata.causationId } : {}),
    };
    const event = copyPayload({ type: e.type, payload: e.payload } as SessionEvent, { queryId, title: keys.title, sessionId, copyId });
    return { ...e, ...event, eventId: eventId(e.eventId), aggregateId: copyId, topic: sessionTopic(copyId), metadata } as LogEvent;
  });
  return { sessionId: copyId, events: copied };
}

interface PayloadKeys {
  queryId(id: string): string;
  title(title: string): string;
  /** The file's session and its copy: a fork's origin naming the first is re-pointed at the second. */
  readonly sessionId: string;
  readonly copyId: string;
}

function copyPayload(event: SessionEvent, keys: PayloadKeys): SessionEvent {
  const { queryId } = keys;
  switch (event.type) {
    case 'SessionOpened':
    case 'SessionRenamed':
      return { ...event, payload: { ...event.payload, title: keys.title(event.payload.title) } };
    case 'SessionForked': {
      const { from, history } = event.payload;
      return {
        ...event,
        payload: {
          ...event.payload,
          title: keys.title(event.payload.title),
          from: from.sessionId === keys.sessionId ? { ...from, sessionId: keys.copyId } : from,
          history: history.map((h): ForkedHistoryEntry => ({ ...h, queryId: queryId(h.queryId), ...(h.rerunOf !== undefined ? { rerunOf: queryId(h.rerunOf) } : {}) })),
        },
      };
    }
    case 'QueryStarted':
      return { ...event, payload: { ...event.payload, queryId: queryId(event.payload.queryId), ...(event.payload.rerunOf !== undefined ? { rerunOf: queryId(event.payload.rerunOf) } : {}) } };
    case 'ExecutionBegan':
    case 'QueryCompleted':
    case 'QueryFailed':
    case 'QueryCancelled':
    case 'ResultExported':
    case 'ResultViewSet':
    case 'ChartSet':
    case 'PivotSet':
      return { ...event, payload: { ...event.payload, queryId: queryId(event.payload.queryId) } } as SessionEvent;
    case 'SessionClosed':
    case 'SessionReopened':
    case 'SessionActivated':
    case 'DraftSaved':
    case 'DatasetAttached':
    case 'ActionUndone':
    case 'ActionRedone':
      // nothing of the session's own ids: a dataset keeps its id, an undo names the copy's own seq
      return event;
  }
}

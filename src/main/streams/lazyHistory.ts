import type { HistoryEntry, SessionView } from '../../shared/views/appView';

/** A restored session's last query, kept beside its unread history (not enumerable: no view, frame or copy carries it). */
const LAST_QUERY = Symbol('lastQuery');

/**
 * Gives a session parsed from a snapshot head a history that loads on first read and is then a
 * plain data property, in the same place among the keys as the fold puts it. Until then the
 * session holds its last query (what a start needs to know: whether one was left in flight).
 */
export function defineLazyHistory(session: object, last: HistoryEntry | undefined, load: () => readonly HistoryEntry[]): void {
  Object.defineProperty(session, LAST_QUERY, { value: last, enumerable: false });
  Object.defineProperty(session, 'history', {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const history = load();
      Object.defineProperty(this, 'history', { value: history, enumerable: true, configurable: true, writable: true });
      return history;
    },
  });
}

/** Whether reading the session's history costs nothing: folded, or restored and read already. */
export function historyLoaded(session: SessionView): boolean {
  return Object.getOwnPropertyDescriptor(session, 'history')?.get === undefined;
}

/** The session's last query, without loading a restored history to find it. */
export function lastQuery(session: SessionView): HistoryEntry | undefined {
  return historyLoaded(session) ? session.history.at(-1) : (session as unknown as Record<symbol, HistoryEntry | undefined>)[LAST_QUERY];
}

/**
 * The history entry of `queryId` in `session`: its last query without loading a restored history,
 * else searched from the end (a query ends before the next starts, so one that just ended is at
 * most a few entries back). A session that ran a query here has its history loaded already: the
 * fold copied the session to append the QueryStarted.
 */
export function queryEntry(session: SessionView | undefined, queryId: string): HistoryEntry | undefined {
  if (!session) return undefined;
  const last = lastQuery(session);
  return last?.queryId === queryId ? last : session.history.findLast((h) => h.queryId === queryId);
}

import { CATALOG_TOPIC, matchTopic, sessionTopic } from '../contracts/topics';
import { canStartQuery, isCompleted, isInFlight } from '../domain/queryLifecycle';
import type { AppView, DatasetView, HistoryEntry, SessionView } from './appView';

/* Selectors over the view: what the UI, the menu and the stream manager read from it. */

/** The part of a view a subscription to `pattern` is entitled to see. */
export function viewForPattern(view: AppView, pattern: string): AppView {
  const sessions: Record<string, SessionView> = {};
  for (const [id, s] of Object.entries(view.sessions)) if (matchTopic(pattern, sessionTopic(id))) sessions[id] = s;
  const catalog = matchTopic(pattern, CATALOG_TOPIC);
  return { sessions, datasets: catalog ? view.datasets : {}, ...(catalog && view.removedDatasets ? { removedDatasets: view.removedDatasets } : {}) };
}

/** Open sessions in the order they were opened: the tab strip. */
export function openSessions(view: AppView): SessionView[] {
  return Object.values(view.sessions)
    .filter((s) => !s.closed)
    .sort((a, b) => a.openedSeq - b.openedSeq);
}

/** What a tab of the strip shows of its session. */
export interface SessionTab {
  readonly id: string;
  readonly title: string;
  /** A query of it is in flight: a tab in the background says so, as its status bar would. */
  readonly running: boolean;
  /** Forked from another session: marked, since a narrow tab cuts "Session 1 (fork)" to "Session 1…". */
  readonly forked: boolean;
}

/**
 * The tab strip's tabs, in `openSessions` order: `previous` itself while no tab was opened, closed,
 * moved, renamed, or started or ended a query, so a memoized strip is not rendered again by every
 * event of a session (each gives the session, and `openSessions`' array, a new object).
 */
export function sessionTabs(sessions: readonly SessionView[], previous?: readonly SessionTab[]): readonly SessionTab[] {
  const tabs = sessions.map((s) => ({ id: s.id, title: s.title, running: isInFlight(currentQuery(s)?.phase), forked: s.forkedFrom !== undefined }));
  const same = (t: SessionTab, i: number): boolean => t.id === previous?.[i]?.id && t.title === previous[i].title && t.running === previous[i].running;
  return previous?.length === tabs.length && tabs.every(same) ? previous : tabs;
}

/**
 * The tab to show: the open session switched to (or opened, or reopened) last. Closing the shown tab
 * falls back to the one used before it, as an editor's tab history does.
 */
export function activeSession(view: AppView): SessionView | undefined {
  let best: SessionView | undefined;
  for (const s of Object.values(view.sessions)) if (!s.closed && (!best || s.activatedSeq > best.activatedSeq)) best = s;
  return best;
}

/** The session "reopen closed session" brings back: the one closed last. */
export function lastClosedSession(view: AppView): SessionView | undefined {
  let best: SessionView | undefined;
  for (const s of Object.values(view.sessions)) if (s.closed && (!best || (s.closedSeq ?? 0) > (best.closedSeq ?? 0))) best = s;
  return best;
}

export function datasetList(datasets: AppView['datasets']): DatasetView[] {
  return Object.values(datasets).sort((a, b) => a.requestedSeq - b.requestedSeq);
}

export const currentQuery = (s: SessionView): HistoryEntry | undefined => s.history.at(-1);

/** Whether the session may start a query now: none of its queries is in flight. */
export const canRun = (s: SessionView): boolean => canStartQuery(currentQuery(s)?.phase);

/** The latest completed query of a history: the result a session last had (the grid shows it unless a query is executing). */
export const lastCompleted = (history: readonly HistoryEntry[]): HistoryEntry | undefined => history.findLast((h) => isCompleted(h.phase));

/** The latest completed query of a session (lastCompleted). */
export const lastResult = (s: SessionView): HistoryEntry | undefined => lastCompleted(s.history);

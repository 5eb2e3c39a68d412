import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/contracts/events';
import { foldAppView, type AppView, type HistoryEntry, type SessionView, type ViewEvent } from '../../shared/views/appView';
import { defineLazyHistory, historyLoaded, queryEntry } from './lazyHistory';

const entry = (queryId: string, phase: HistoryEntry['phase']): HistoryEntry => ({ queryId, sql: 'select 1', phase, startedAt: '2026-01-01T10:00:00.000Z' });

/** A session as a snapshot restores it: its history read from its part on first access, counted in `loads`. */
function restored(history: readonly HistoryEntry[]): { session: SessionView; loads: () => number } {
  let loads = 0;
  const session = { id: 's1', title: 't', closed: false, version: 1, openedSeq: 1, activatedSeq: 1, draft: '', datasetIds: [] } as unknown as SessionView;
  defineLazyHistory(session, history.at(-1), () => {
    loads++;
    return history;
  });
  return { session, loads: () => loads };
}

describe('queryEntry: the phase of a query the runner ran, read from main’s view', () => {
  it('given a restored session whose last query is asked for, then it answers without loading the history', () => {
    const { session, loads } = restored([entry('q1', 'Completed'), entry('q2', 'Cancelled')]);
    expect(queryEntry(session, 'q2')?.phase).toBe('Cancelled');
    expect(loads()).toBe(0);
  });

  it('given an earlier query (a newer one started after its cancel), then it is found in the history', () => {
    const { session } = restored([entry('q1', 'Cancelled'), entry('q2', 'Pending')]);
    expect(queryEntry(session, 'q1')?.phase).toBe('Cancelled');
    expect(queryEntry(session, 'q3')).toBeUndefined();
    expect(queryEntry(undefined, 'q1')).toBeUndefined();
  });

  it('given a restored session a query starts in, then the fold has loaded its history already: reading it at the query’s end costs nothing more', () => {
    const { session, loads } = restored([entry('q1', 'Completed')]);
    const started = { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } } satisfies SessionEvent;
    const event = { ...started, globalSeq: 2, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq: 2, occurredAt: '2026-01-01T10:00:01.000Z' } as ViewEvent;
    const view = foldAppView({ sessions: { s1: session }, datasets: {} } as AppView, [event]);
    const after = view.sessions['s1']!;
    expect([historyLoaded(after), loads()]).toEqual([true, 1]);
    expect(queryEntry(after, 'q2')?.phase).toBe('Pending');
    expect(loads()).toBe(1);
  });
});

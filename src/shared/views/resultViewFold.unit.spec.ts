import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, type AppView, type ViewEvent } from './appView';

let seq = 0;
const at = (e: SessionEvent, aggregateId = 's'): ViewEvent => {
  seq++;
  return { ...e, globalSeq: seq, aggregateType: 'QuerySession', aggregateId, aggregateSeq: seq, occurredAt: '2026-01-01T00:00:00.000Z' } as ViewEvent;
};
const columns = [{ name: 'a', type: 'INTEGER' }];
const base: SessionEvent[] = [
  { type: 'SessionOpened', payload: { title: 'S' } },
  { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
  { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 1 } },
  { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } },
  { type: 'QueryCompleted', payload: { queryId: 'q2', rowCount: 1, columns, durationMs: 1 } },
];
const given = (...events: SessionEvent[]): AppView => foldAppView(emptyView(), events.map((e) => at(e)));
const entry = (view: AppView, queryId: string) => view.sessions['s']!.history.find((h) => h.queryId === queryId)!;

describe('app view: ResultViewSet', () => {
  it('given a view set on a query, then its history entry carries it and the other entries do not', () => {
    const view = given(...base, { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0, descending: true }], filter: [{ column: 0, op: 'gt', value: '5' }] } });
    expect(entry(view, 'q1').view).toEqual({ orderBy: [{ column: 0, descending: true }], filter: [{ column: 0, op: 'gt', value: '5' }] });
    expect(entry(view, 'q2').view).toBeUndefined();
  });

  it('given a later view, then it replaces the earlier one; given a cleared view, then the entry has none', () => {
    const sorted: SessionEvent = { type: 'ResultViewSet', payload: { queryId: 'q2', orderBy: [{ column: 0 }], filter: [] } };
    const filtered: SessionEvent = { type: 'ResultViewSet', payload: { queryId: 'q2', orderBy: [], filter: [{ column: 0, op: 'isNull' }] } };
    const cleared: SessionEvent = { type: 'ResultViewSet', payload: { queryId: 'q2', orderBy: [], filter: [] } };
    expect(entry(given(...base, sorted, filtered), 'q2').view).toEqual({ orderBy: [], filter: [{ column: 0, op: 'isNull' }] });
    expect(entry(given(...base, sorted, cleared), 'q2')).not.toHaveProperty('view');
  });

  it('never changes the view it was given: an earlier fold keeps its entry as it was', () => {
    const before = given(...base);
    const after = foldAppView(before, [at({ type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0 }], filter: [] } })]);
    expect(entry(before, 'q1').view).toBeUndefined();
    expect(entry(after, 'q1').view).toEqual({ orderBy: [{ column: 0 }], filter: [] });
    expect(entry(after, 'q2')).toBe(entry(before, 'q2'));
  });

  it('given a view for a query the session does not have, then nothing changes', () => {
    const before = given(...base);
    const after = foldAppView(before, [at({ type: 'ResultViewSet', payload: { queryId: 'q9', orderBy: [{ column: 0 }], filter: [] } })]);
    expect(after.sessions['s']!.history).toBe(before.sessions['s']!.history);
  });
});

import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventEnvelope } from '../contracts/events';
import { emptyView, evolveAppView, lastResult, openSessions, viewForPattern, type AppView } from './appView';

let seq = 0;
const versions = new Map<string, number>();
function envelope(aggregateId: string, event: DomainEvent): EventEnvelope {
  const isSession = !event.type.startsWith('Dataset');
  const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
  versions.set(aggregateId, aggregateSeq);
  return {
    ...event,
    globalSeq: ++seq,
    eventId: `e${seq}`,
    aggregateType: isSession ? 'QuerySession' : 'Dataset',
    aggregateId,
    aggregateSeq,
    schemaVersion: 1,
    topic: isSession ? `session/${aggregateId}` : 'catalog',
    metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
    occurredAt: `2026-01-01T00:00:0${seq % 10}.000Z`,
  } as EventEnvelope;
}
const given = (...events: EventEnvelope[]): AppView => events.reduce(evolveAppView, emptyView());

describe('app view', () => {
  it('given a session that ran a query, then its history holds the query with rows and duration', () => {
    const view = given(
      envelope('a', { type: 'SessionOpened', payload: { title: 'A' } }),
      envelope('a', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 42' } }),
      envelope('a', { type: 'ExecutionBegan', payload: { queryId: 'q1' } }),
      envelope('a', {
        type: 'QueryCompleted',
        payload: { queryId: 'q1', rowCount: 1, columns: [{ name: '42', type: 'INTEGER' }], durationMs: 5 },
      }),
    );
    const a = view.sessions['a']!;
    expect(a.version).toBe(4);
    expect(a.history).toEqual([
      expect.objectContaining({ queryId: 'q1', sql: 'select 42', status: 'completed', rowCount: 1, durationMs: 5 }),
    ]);
    expect(lastResult(a)?.queryId).toBe('q1');
  });

  it('given a failed query after a completed one, then the last result is still the completed one', () => {
    const error = { id: 'err-1', code: 'SQL_ERROR', message: 'Parser Error' };
    const view = given(
      envelope('b', { type: 'SessionOpened', payload: { title: 'B' } }),
      envelope('b', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }),
      envelope('b', { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns: [], durationMs: 1 } }),
      envelope('b', { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'selec' } }),
      envelope('b', { type: 'QueryFailed', payload: { queryId: 'q2', error } }),
    );
    const b = view.sessions['b']!;
    expect(b.history.map((h) => h.status)).toEqual(['completed', 'failed']);
    expect(b.history[1]?.error).toEqual(error);
    expect(lastResult(b)?.queryId).toBe('q1');
  });

  it('given closed and open sessions, then the tab list holds the open ones in opening order', () => {
    const view = given(
      envelope('c1', { type: 'SessionOpened', payload: { title: 'one' } }),
      envelope('c2', { type: 'SessionOpened', payload: { title: 'two' } }),
      envelope('c3', { type: 'SessionOpened', payload: { title: 'three' } }),
      envelope('c2', { type: 'SessionClosed', payload: {} }),
    );
    expect(openSessions(view).map((s) => s.title)).toEqual(['one', 'three']);
  });

  it('given datasets, then a registered one is ready with columns and a removed one is gone', () => {
    const view = given(
      envelope('d1', { type: 'DatasetRequested', payload: { source: '/x/cars.json' } }),
      envelope('d1', {
        type: 'DatasetRegistered',
        payload: { name: 'cars', source: '/x/cars.json', format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }] },
      }),
      envelope('d2', { type: 'DatasetRequested', payload: { source: '/x/gone.csv' } }),
      envelope('d2', { type: 'DatasetFailed', payload: { source: '/x/gone.csv', error: { id: 'e', code: 'DATASET_MISSING', message: 'm' } } }),
      envelope('d2', { type: 'DatasetRemoved', payload: {} }),
    );
    expect(view.datasets['d1']).toMatchObject({ status: 'ready', name: 'cars', columns: [{ name: 'Name', type: 'VARCHAR' }] });
    expect(view.datasets['d2']).toBeUndefined();
  });

  it('a pattern sees only its own sessions, and the catalog only when it matches', () => {
    const view = given(
      envelope('p', { type: 'SessionOpened', payload: { title: 'P' } }),
      envelope('q', { type: 'SessionOpened', payload: { title: 'Q' } }),
      envelope('d', { type: 'DatasetRequested', payload: { source: '/x/a.csv' } }),
    );
    expect(Object.keys(viewForPattern(view, 'session/p').sessions)).toEqual(['p']);
    expect(viewForPattern(view, 'session/p').datasets).toEqual({});
    expect(Object.keys(viewForPattern(view, 'session/*').sessions).sort()).toEqual(['p', 'q']);
    expect(Object.keys(viewForPattern(view, 'catalog').datasets)).toEqual(['d']);
  });
});

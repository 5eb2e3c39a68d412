import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventEnvelope } from '../../shared/contracts/events';
import { HistoryRows, noChanges } from './historyRows';

let seq = 0;
const at = (s: number): string => new Date(Date.UTC(2026, 0, 5, 9, 0, s)).toISOString();
const envelope = (aggregateId: string, event: DomainEvent, second: number): EventEnvelope => ({
  ...event,
  globalSeq: ++seq,
  eventId: `e${seq}`,
  aggregateType: event.type.startsWith('Dataset') ? 'Dataset' : 'QuerySession',
  aggregateId,
  aggregateSeq: seq,
  schemaVersion: 1,
  topic: event.type.startsWith('Dataset') ? 'catalog' : `session/${aggregateId}`,
  metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
  occurredAt: at(second),
}) as EventEnvelope;

describe('history rows folded from the log', () => {
  it('given a started query, when it fails, then its row carries the failure, its code and the time it took, and every event is a row of events', () => {
    const rows = new HistoryRows();
    const first = noChanges();
    rows.apply(envelope('s1', { type: 'SessionOpened', payload: { title: 'Flights' } }, 0), first);
    rows.apply(envelope('s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select nope' } }, 1), first);
    expect([...first.queries.values()]).toMatchObject([{ queryId: 'q1', sessionId: 's1', status: 'running', finishedAt: null }]);
    const second = noChanges();
    rows.apply(envelope('s1', { type: 'QueryFailed', payload: { queryId: 'q1', error: { id: 'x', code: 'SQL_ERROR', message: 'Binder Error', stack: 'Error: at /home/me/sextant/out/main/duckdbWorker.js:1' } } }, 3), second);
    // A change sends the whole row, so the worker can replace it by id.
    expect([...second.queries.values()]).toEqual([
      { queryId: 'q1', sessionId: 's1', sql: 'select nope', startedAt: at(1), finishedAt: at(3), durationMs: 2000, rows: null, status: 'failed', errorCode: 'SQL_ERROR', errorMessage: 'Binder Error', datasetsRead: [] },
    ]);
    // sextant.events shows the error's id, code and message; the stack (internal paths) stays in the log.
    expect(second.events.map((e) => [e.type, JSON.parse(e.payload)])).toEqual([['QueryFailed', { queryId: 'q1', error: { id: 'x', code: 'SQL_ERROR', message: 'Binder Error' } }]]);
    expect(second.sessions.size).toBe(0);
  });

  it('given a registered dataset, when it is removed, then its row says so and keeps its name', () => {
    const rows = new HistoryRows();
    const changes = noChanges();
    rows.apply(envelope('d1', { type: 'DatasetRequested', payload: { source: '/data/trips.csv' } }, 0), changes);
    rows.apply(envelope('d1', { type: 'DatasetRegistered', payload: { name: 'trips', source: '/data/trips.csv', format: 'csv', columns: [] } }, 1), changes);
    rows.apply(envelope('d1', { type: 'DatasetRemoved', payload: {} }, 2), changes);
    expect(changes.datasets.get('d1')).toEqual({ datasetId: 'd1', name: 'trips', source: '/data/trips.csv', format: 'csv', status: 'removed', requestedAt: at(0), registeredAt: at(1), errorCode: null });
  });

  it('given failed and cancelled queries, then each row’s duration is the one the history panel says: main’s measure, unknown for an end found at the next start', () => {
    const rows = new HistoryRows();
    const changes = noChanges();
    for (const q of ['q1', 'q2', 'q3', 'q4']) rows.apply(envelope('s1', { type: 'QueryStarted', payload: { queryId: q, sql: 'select 1' } }, 1), changes);
    // each end stored at second 21: 20 s after its start (a full disk waited, or Sextant was down)
    rows.apply(envelope('s1', { type: 'QueryFailed', payload: { queryId: 'q1', error: { id: 'a', code: 'SQL_ERROR', message: 'no' }, durationMs: 4000 } }, 21), changes);
    rows.apply(envelope('s1', { type: 'QueryCancelled', payload: { queryId: 'q2', reason: 'user', durationMs: 812 } }, 21), changes);
    rows.apply(envelope('s1', { type: 'QueryFailed', payload: { queryId: 'q3', error: { id: 'b', code: 'INTERRUPTED', message: 'Sextant stopped while this query was running.' } } }, 21), changes);
    rows.apply(envelope('s1', { type: 'QueryCancelled', payload: { queryId: 'q4', reason: 'session closed' } }, 21), changes);
    expect([...changes.queries.values()].map((q) => [q.queryId, q.status, q.durationMs])).toEqual([
      ['q1', 'failed', 4000],
      ['q2', 'cancelled', 812],
      ['q3', 'failed', null],
      ['q4', 'cancelled', 20_000],
    ]);
  });

  it('given a failed query whose end names the datasets its SQL reads, then its row lists them in datasets_read', () => {
    const rows = new HistoryRows();
    const changes = noChanges();
    rows.apply(envelope('s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select nope from flights' } }, 1), changes);
    rows.apply(envelope('s1', { type: 'QueryFailed', payload: { queryId: 'q1', error: { id: 'a', code: 'SQL_ERROR', message: 'no' }, inputs: [{ datasetId: 'd1', name: 'flights' }] } }, 2), changes);
    expect(changes.queries.get('q1')).toMatchObject({ status: 'failed', datasetsRead: ['flights'] });
  });

  it('an end for a query it never saw start changes no row (and is still an event)', () => {
    const changes = noChanges();
    new HistoryRows().apply(envelope('s1', { type: 'QueryCancelled', payload: { queryId: 'q9', reason: 'user' } }, 0), changes);
    expect(changes.queries.size).toBe(0);
    expect(changes.events).toHaveLength(1);
  });

  it('given a fork, then it is a session row of its own, which its later events change', () => {
    const rows = new HistoryRows();
    const changes = noChanges();
    const from = { sessionId: 's1', seq: 3, title: 'Flights', occurredAt: at(0) };
    rows.apply(envelope('f1', { type: 'SessionForked', payload: { title: 'Flights (fork)', from, draft: '', datasetIds: [], history: [] } }, 4), changes);
    rows.apply(envelope('f1', { type: 'SessionRenamed', payload: { title: 'Delays' } }, 5), changes);
    expect(changes.sessions.get('f1')).toEqual({ sessionId: 'f1', title: 'Delays', openedAt: at(4), closedAt: null, status: 'open' });
  });

  it('given a rename, a close and a removal, when each is undone and redone, then the rows follow', () => {
    const rows = new HistoryRows();
    const changes = noChanges();
    const apply = (id: string, event: DomainEvent, second: number) => {
      const e = { ...envelope(id, event, second), ...(id.startsWith('d') ? { aggregateType: 'Dataset', topic: 'catalog' } : {}) } as EventEnvelope;
      rows.apply(e, changes);
      return e.aggregateSeq;
    };
    apply('s1', { type: 'SessionOpened', payload: { title: 'Flights' } }, 0);
    const rename = apply('s1', { type: 'SessionRenamed', payload: { title: 'Delays' } }, 1);
    apply('s1', { type: 'ActionUndone', payload: { seq: rename } }, 2);
    expect(changes.sessions.get('s1')).toMatchObject({ title: 'Flights', status: 'open' });
    apply('s1', { type: 'ActionRedone', payload: { seq: rename } }, 3);
    expect(changes.sessions.get('s1')).toMatchObject({ title: 'Delays' });
    const close = apply('s1', { type: 'SessionClosed', payload: {} }, 4);
    apply('s1', { type: 'ActionUndone', payload: { seq: close } }, 5);
    expect(changes.sessions.get('s1')).toMatchObject({ title: 'Delays', status: 'open', closedAt: null });
    apply('s1', { type: 'ActionRedone', payload: { seq: close } }, 6);
    expect(changes.sessions.get('s1')).toMatchObject({ status: 'closed', closedAt: at(6) });

    apply('d1', { type: 'DatasetRequested', payload: { source: '/data/trips.csv' } }, 7);
    apply('d1', { type: 'DatasetRegistered', payload: { name: 'trips', source: '/data/trips.csv', format: 'csv', columns: [] } }, 8);
    const removal = apply('d1', { type: 'DatasetRemoved', payload: {} }, 9);
    apply('d1', { type: 'ActionUndone', payload: { seq: removal } }, 10);
    expect(changes.datasets.get('d1')).toMatchObject({ status: 'registered' });
    apply('d1', { type: 'ActionRedone', payload: { seq: removal } }, 11);
    expect(changes.datasets.get('d1')).toMatchObject({ status: 'removed' });
  });
});

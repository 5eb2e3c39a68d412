import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventEnvelope } from '../contracts/events';
import { activeSession, emptyView, evolveAppView, lastClosedSession, lastResult, openSessions, viewForPattern, type AppView } from './appView';

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
      expect.objectContaining({ queryId: 'q1', sql: 'select 42', phase: 'Completed', rowCount: 1, durationMs: 5 }),
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
    expect(b.history.map((h) => h.phase)).toEqual(['Completed', 'Failed']);
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

describe('app view: the workbench (tabs, drafts, reopening)', () => {
  const open = (id: string) => envelope(id, { type: 'SessionOpened', payload: { title: id.toUpperCase() } });
  const activate = (id: string) => envelope(id, { type: 'SessionActivated', payload: {} });
  const close = (id: string) => envelope(id, { type: 'SessionClosed', payload: {} });
  const reopen = (id: string) => envelope(id, { type: 'SessionReopened', payload: {} });

  it('given sessions opened one after another, then the last opened is the shown tab', () => {
    expect(activeSession(given(open('w1'), open('w2')))?.id).toBe('w2');
  });

  it('given a switch back to an older tab, then that tab is shown', () => {
    expect(activeSession(given(open('w3'), open('w4'), activate('w3')))?.id).toBe('w3');
  });

  it('given the shown tab is closed, then the tab used before it is shown', () => {
    const view = given(open('w5'), open('w6'), open('w7'), activate('w5'), activate('w7'), close('w7'));
    expect(activeSession(view)?.id).toBe('w5');
  });

  it('given two closed sessions, then reopen brings back the one closed last, in its old place, shown, with its history', () => {
    const history = [open('w8'), envelope('w8', { type: 'QueryStarted', payload: { queryId: 'q8', sql: 'select 8' } }), open('w9'), open('w10'), close('w9'), close('w8')];
    expect(lastClosedSession(given(...history))?.id).toBe('w8');
    const view = given(...history, reopen('w8'));
    expect(openSessions(view).map((s) => s.id)).toEqual(['w8', 'w10']);
    expect(activeSession(view)?.id).toBe('w8');
    expect(view.sessions['w8']?.history.map((h) => h.sql)).toEqual(['select 8']);
    expect(lastClosedSession(view)?.id).toBe('w9');
  });

  it('given no closed session, then there is nothing to reopen', () => {
    expect(lastClosedSession(given(open('w11')))).toBeUndefined();
  });

  it('given saved drafts, then the session holds the latest one and a new session starts empty', () => {
    const view = given(
      open('w12'),
      envelope('w12', { type: 'DraftSaved', payload: { sql: 'select' } }),
      envelope('w12', { type: 'DraftSaved', payload: { sql: 'select 1 from cars' } }),
      open('w13'),
    );
    expect(view.sessions['w12']?.draft).toBe('select 1 from cars');
    expect(view.sessions['w13']?.draft).toBe('');
  });
  it('given datasets, when only a session changes, then the datasets record is the same object (the window rebuilds its catalog by identity)', () => {
    const before = given(envelope('d9', { type: 'DatasetRequested', payload: { source: '/x/keep.csv' } }), envelope('s9', { type: 'SessionOpened', payload: { title: 'S' } }));
    const after = evolveAppView(before, envelope('s9', { type: 'QueryStarted', payload: { queryId: 'q9', sql: 'select 1' } }));
    expect(after.datasets).toBe(before.datasets);
    const changed = evolveAppView(after, envelope('d9', { type: 'DatasetRemoved', payload: {} }));
    expect(changed.datasets).not.toBe(before.datasets);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportedEvent } from '../store/eventStore';
import { checkSessionHistory } from './sessionHistoryCheck';

/** A session's events as a log gives them, numbered from 1 in the order given. */
const history = (...events: [string, unknown][]): ImportedEvent[] =>
  events.map(
    ([type, payload], i) =>
      ({
        eventId: `e${i + 1}`,
        aggregateType: 'QuerySession',
        aggregateId: 's',
        aggregateSeq: i + 1,
        schemaVersion: 1,
        topic: 'session/s',
        metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
        occurredAt: '2026-01-01T00:00:00.000Z',
        type,
        payload,
      }) as ImportedEvent,
  );

const opened: [string, unknown] = ['SessionOpened', { title: 'T' }];
const ran = (queryId: string): [string, unknown][] => [
  ['QueryStarted', { queryId, sql: 'select 1' }],
  ['ExecutionBegan', { queryId }],
  ['QueryCompleted', { queryId, rowCount: 1, columns: [], durationMs: 1 }],
];

describe('checking a session’s history as a log file gives it', () => {
  it('given a session that opened, ran queries, sorted one and undid it, then it is a history', () => {
    expect(checkSessionHistory(history(opened, ...ran('q1'), ...ran('q2'), ['ResultViewSet', { queryId: 'q1', orderBy: [], filter: [] }], ['ActionUndone', { seq: 8 }]))).toEqual({ ok: true });
  });

  it('given a fork, then the queries it carries can be sorted and charted', () => {
    const forked = ['SessionForked', { title: 'F', from: { sessionId: 'o', seq: 3, title: 'O', occurredAt: 'x' }, draft: '', datasetIds: [], history: [{ queryId: 'q0', sql: 's', phase: 'Completed', startedAt: 'x' }] }] as [string, unknown];
    expect(checkSessionHistory(history(forked, ['ChartSet', { queryId: 'q0', spec: null }]))).toEqual({ ok: true });
  });

  it('given a query still running at the end (exported mid-run), then it says from which event', () => {
    expect(checkSessionHistory(history(opened, ...ran('q1'), ['QueryStarted', { queryId: 'q2', sql: 's' }], ['ExecutionBegan', { queryId: 'q2' }], ['DraftSaved', { sql: 'x' }]))).toEqual({ ok: true, runningFrom: 5 });
  });

  it.each([
    ['no opening', history(...ran('q1')), 1, /first event is QueryStarted/],
    ['a second opening', history(opened, ...ran('q1'), opened), 5, /opens the session again/],
    ['an end with no start', history(opened, ['QueryCompleted', { queryId: 'q9', rowCount: 1, columns: [], durationMs: 1 }]), 2, /q9, which is not running/],
    ['a query started twice', history(opened, ...ran('q1'), ['QueryStarted', { queryId: 'q1', sql: 's' }]), 5, /a second time/],
    ['two queries in flight', history(opened, ['QueryStarted', { queryId: 'q1', sql: 's' }], ['QueryStarted', { queryId: 'q2', sql: 's' }]), 3, /q1 is still running/],
    ['a sort of a query never run', history(opened, ['ResultViewSet', { queryId: 'q1', orderBy: [], filter: [] }]), 2, /has no result/],
    ['an undo of a later event', history(opened, ['ActionUndone', { seq: 2 }]), 2, /not an earlier one/],
  ])('given %s, then it names the first event that breaks it', (_, events, seq, reason) => {
    const checked = checkSessionHistory(events);
    expect(checked.ok ? 'a history' : checked.seq).toBe(seq);
    expect(checked.ok ? '' : checked.reason).toMatch(reason);
  });
});

import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventEnvelope } from '../contracts/events';
import type { DatasetFingerprint, QueryInput } from '../contracts/fingerprint';
import { emptyView, evolveAppView, openSessions, type AppView } from './appView';
import { changedInputs } from './inputChanges';

let seq = 0;
function envelope(aggregateId: string, event: DomainEvent): EventEnvelope {
  const isSession = !event.type.startsWith('Dataset');
  seq++;
  return {
    ...event,
    globalSeq: seq,
    eventId: `e${seq}`,
    aggregateType: isSession ? 'QuerySession' : 'Dataset',
    aggregateId,
    aggregateSeq: seq,
    schemaVersion: 1,
    topic: isSession ? `session/${aggregateId}` : 'catalog',
    metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
    occurredAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`,
  } as EventEnvelope;
}
const given = (...events: EventEnvelope[]): AppView => events.reduce(evolveAppView, emptyView());

const first: DatasetFingerprint = { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const touched: DatasetFingerprint = { ...first, modifiedMs: 5 };
const rewritten: DatasetFingerprint = { ...first, bytes: 12, modifiedMs: 9, sha256: 'b'.repeat(64) };
const input: QueryInput = { datasetId: 'd1', name: 'weather', fingerprint: first };

const registered = [
  envelope('d1', { type: 'DatasetRequested', payload: { source: '/w.csv' } }),
  envelope('d1', { type: 'DatasetRegistered', payload: { name: 'weather', source: '/w.csv', format: 'csv', columns: [], fingerprint: first } }),
  envelope('s', { type: 'SessionOpened', payload: { title: 'S' } }),
  envelope('s', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'from weather' } }),
  envelope('s', { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3, columns: [], durationMs: 1, inputs: [input] } }),
];
const q1 = (view: AppView) => openSessions(view)[0]!.history.find((h) => h.queryId === 'q1')!;

describe('provenance in the app view', () => {
  it('given a registered dataset and a query over it, then the dataset has its fingerprint and the result its inputs, unflagged', () => {
    const view = given(...registered);
    expect(view.datasets['d1']?.fingerprint).toEqual(first);
    expect(view.datasets['d1']?.changedAt).toBeUndefined();
    expect(q1(view).inputs).toEqual([input]);
    expect(changedInputs(q1(view), view.datasets)).toEqual([]);
  });

  it('given its file touched without new content, then the new time is kept and nothing is flagged', () => {
    const view = given(...registered, envelope('d1', { type: 'DatasetChanged', payload: { fingerprint: touched } }));
    expect(view.datasets['d1']?.fingerprint).toEqual(touched);
    expect(view.datasets['d1']?.changedAt).toBeUndefined();
    expect(changedInputs(q1(view), view.datasets)).toEqual([]);
  });

  it('given its file rewritten, then the catalog marks it changed and the result built from it is flagged', () => {
    const change = envelope('d1', { type: 'DatasetChanged', payload: { fingerprint: rewritten } });
    const view = given(...registered, change);
    expect(view.datasets['d1']?.changedAt).toBe(change.occurredAt);
    expect(changedInputs(q1(view), view.datasets)).toEqual([input]);
  });

  it('given a re-run after the change, then it records both fingerprints, knows what it re-ran, and is not flagged', () => {
    const view = given(
      ...registered,
      envelope('d1', { type: 'DatasetChanged', payload: { fingerprint: rewritten } }),
      envelope('s', { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'from weather', rerunOf: 'q1' } }),
      envelope('s', { type: 'QueryCompleted', payload: { queryId: 'q2', rowCount: 4, columns: [], durationMs: 1, inputs: [{ ...input, fingerprint: rewritten, before: first }] } }),
    );
    const q2 = openSessions(view)[0]!.history.at(-1)!;
    expect(q2).toMatchObject({ queryId: 'q2', rerunOf: 'q1', inputs: [{ datasetId: 'd1', fingerprint: rewritten, before: first }] });
    expect(changedInputs(q2, view.datasets)).toEqual([]);
    expect(changedInputs(q1(view), view.datasets)).toHaveLength(1);
  });

  it('given an older log (no fingerprints, no inputs), then nothing is flagged', () => {
    const view = given(
      envelope('d2', { type: 'DatasetRequested', payload: { source: '/old.csv' } }),
      envelope('d2', { type: 'DatasetRegistered', payload: { name: 'old', source: '/old.csv', format: 'csv', columns: [] } }),
      envelope('t', { type: 'SessionOpened', payload: { title: 'T' } }),
      envelope('t', { type: 'QueryStarted', payload: { queryId: 'q9', sql: 'from old' } }),
      envelope('t', { type: 'QueryCompleted', payload: { queryId: 'q9', rowCount: 1, columns: [], durationMs: 1 } }),
    );
    const q9 = view.sessions['t']!.history[0]!;
    expect(q9.inputs).toBeUndefined();
    expect(changedInputs(q9, view.datasets)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { DatasetEvent } from '../contracts/events';
import type { DatasetFingerprint } from '../contracts/fingerprint';
import { emptyView, foldAppView, type AppView, type ViewEvent } from './appView';

let seq = 0;
const at = (event: DatasetEvent): ViewEvent => {
  seq++;
  return { ...event, globalSeq: seq, aggregateType: 'Dataset', aggregateId: 'd1', aggregateSeq: seq, occurredAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z` } as ViewEvent;
};
const given = (...events: DatasetEvent[]): AppView => foldAppView(emptyView(), events.map(at));

const added: DatasetFingerprint = { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const rewritten: DatasetFingerprint = { ...added, bytes: 12, modifiedMs: 9, sha256: 'b'.repeat(64) };
const two = [
  { name: 'id', type: 'BIGINT' },
  { name: 'v', type: 'BIGINT' },
];
const four = [...two, { name: 'extra', type: 'BIGINT' }, { name: 'more', type: 'VARCHAR' }];
const registered: DatasetEvent[] = [
  { type: 'DatasetRequested', payload: { source: '/d/mutable.csv' } },
  { type: 'DatasetRegistered', payload: { name: 'mutable', source: '/d/mutable.csv', format: 'csv', columns: two, fingerprint: added } },
];

describe('a dataset changed on disk, in the view', () => {
  it('given a changed file, when it holds again what was added, then it is no longer "changed since it was added"', () => {
    const changed = given(...registered, { type: 'DatasetChanged', payload: { fingerprint: rewritten } });
    expect(changed.datasets['d1']?.changedAt).toBeDefined();
    const back = given(...registered, { type: 'DatasetChanged', payload: { fingerprint: rewritten } }, { type: 'DatasetChanged', payload: { fingerprint: { ...added, modifiedMs: 20 }, asAdded: true } });
    expect(back.datasets['d1']).not.toHaveProperty('changedAt');
    expect(back.datasets['d1']?.fingerprint).toEqual({ ...added, modifiedMs: 20 });
  });

  it('given a change recorded with its columns now, then the catalog shows them; one without keeps those it had', () => {
    const wider = given(...registered, { type: 'DatasetChanged', payload: { fingerprint: rewritten, columns: four } });
    expect(wider.datasets['d1']?.columns).toEqual(four);
    const unreadable = given(...registered, { type: 'DatasetChanged', payload: { fingerprint: rewritten } });
    expect(unreadable.datasets['d1']?.columns).toEqual(two);
  });

  it('given a Windows-1252 dataset whose change says it is read from its source now, then its copy and reading are gone from the view; a change without keeps them', () => {
    const cp1252: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'mutable', source: '/d/mutable.csv', format: 'csv', columns: two, location: '/data/datasets/d1.csv', reading: { encoding: 'windows-1252', ragged: true }, fingerprint: added } };
    const plain = given(registered[0]!, cp1252, { type: 'DatasetChanged', payload: { fingerprint: rewritten, readAs: { reading: { ragged: true } } } });
    expect(plain.datasets['d1']).not.toHaveProperty('location');
    expect(plain.datasets['d1']?.reading).toEqual({ ragged: true });
    const kept = given(registered[0]!, cp1252, { type: 'DatasetChanged', payload: { fingerprint: rewritten } });
    expect(kept.datasets['d1']).toMatchObject({ location: '/data/datasets/d1.csv', reading: { encoding: 'windows-1252', ragged: true } });
  });

  it('given the view as it was before the change (the log up to then), then it keeps the columns true then', () => {
    const before = given(...registered);
    given(...registered, { type: 'DatasetChanged', payload: { fingerprint: rewritten, columns: four } });
    expect(before.datasets['d1']?.columns).toEqual(two);
  });
});

describe('a failed dataset asked for again, in the view', () => {
  it('given a failed dataset, when it is requested again ("Try again"), then it is loading again in the place it had', () => {
    const view = given({ type: 'DatasetRequested', payload: { source: '/d/x.csv' } }, { type: 'DatasetFailed', payload: { source: '/d/x.csv', error: { id: 'e1', code: 'DATASET_NOT_FOUND', message: 'No file at x.csv.' } } }, { type: 'DatasetRequested', payload: { source: '/d/x.csv' } });
    expect(view.datasets['d1']).toMatchObject({ status: 'loading', requestedSeq: seq - 2 });
  });
});

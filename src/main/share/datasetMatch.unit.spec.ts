import { describe, expect, it } from 'vitest';
import type { DatasetRegistered, EventMetadata } from '../../shared/contracts/events';
import type { AppView, DatasetView } from '../../shared/views/appView';
import type { ImportedEvent } from '../store/eventStore';
import { planDatasets } from './datasetMatch';

const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'system' };
const registered = (datasetId: string, payload: Partial<DatasetRegistered>): ImportedEvent => ({
  type: 'DatasetRegistered',
  payload: { name: 'cars', source: '/data/cars.json', format: 'json', columns: [], ...payload },
  eventId: `e-${datasetId}`,
  aggregateType: 'Dataset',
  aggregateId: datasetId,
  aggregateSeq: 2,
  schemaVersion: 1,
  topic: 'catalog',
  metadata,
  occurredAt: '2026-12-01T00:00:00Z',
});
const local = (id: string, name: string, source: string): DatasetView => ({ id, name, source, requestedSeq: 1, status: 'ready', format: 'json', columns: [] });
const viewOf = (...datasets: DatasetView[]): AppView => ({ sessions: {}, datasets: Object.fromEntries(datasets.map((d) => [d.id, d])) });
const nothingHere = () => false;
const noFiles = () => false;
const noTables: ReadonlySet<string> = new Set();

describe('which of the file’s datasets an import brings', () => {
  it('given a dataset this log already holds, then it is kept as it is here (the file’s events for it left out) and counted as matched and reused', () => {
    expect(planDatasets([registered('d1', {})], viewOf(), (id) => id === 'd1', noTables, noFiles)).toEqual({ dropped: new Set(['d1']), relocated: [], matched: 1, reused: 1, missing: [] });
  });

  it('given the same source in this catalog under another id, then the local one stands in and the file’s events are left out', () => {
    const plan = planDatasets([registered('d1', {})], viewOf(local('mine', 'cars', '/data/cars.json')), nothingHere, noTables, noFiles);
    expect([...plan.dropped]).toEqual(['d1']);
    expect(plan).toMatchObject({ matched: 1, reused: 1, missing: [] });
  });

  it('given its name taken here by other data, then it is left out and listed with its original source', () => {
    const plan = planDatasets([registered('d1', {})], viewOf(local('mine', 'cars', '/elsewhere/cars.csv')), nothingHere, noTables, noFiles);
    expect([...plan.dropped]).toEqual(['d1']);
    expect(plan.missing).toEqual([{ datasetId: 'd1', name: 'cars', source: '/data/cars.json', reason: 'name-taken' }]);
    expect(plan).toMatchObject({ matched: 0, reused: 0 });
  });

  it('given a source this machine lacks, then it is imported and listed as not found; one it has is imported quietly', () => {
    const gone = planDatasets([registered('d1', {})], viewOf(), nothingHere, noTables, noFiles);
    expect(gone).toEqual({ dropped: new Set(), relocated: [], matched: 0, reused: 0, missing: [{ datasetId: 'd1', name: 'cars', source: '/data/cars.json', reason: 'not-found' }] });
    expect(planDatasets([registered('d1', {})], viewOf(), nothingHere, noTables, () => true).missing).toEqual([]);
    // A URL is fetched again when needed: never listed as missing.
    expect(planDatasets([registered('d1', { source: 'https://example.org/cars.json', location: '/cache/x.json' })], viewOf(), nothingHere, noTables, noFiles).missing).toEqual([]);
  });

  it('given its content here under another name and its file not on this machine, then it is imported under its own name and located at that file', () => {
    const fingerprint = { bytes: 100, modifiedMs: 1, duckdbVersion: 'v1.5.0', sha256: 'ab'.repeat(32) };
    const autos = { ...local('mine', 'autos', '/here/autos.json'), fingerprint: { ...fingerprint, modifiedMs: 2 } };
    const onlyHere = (path: string) => path === '/here/autos.json';
    const plan = planDatasets([registered('d1', { fingerprint })], viewOf(autos), nothingHere, noTables, onlyHere);
    // Not left out: the session's SQL says `cars`, so `cars` must exist here.
    expect(plan).toEqual({
      dropped: new Set(),
      relocated: [{ path: '/here/autos.json', dataset: { datasetId: 'd1', name: 'cars', source: '/data/cars.json', reason: 'not-found' } }],
      // matched, not reused: its events are imported, under its own name
      matched: 1,
      reused: 0,
      missing: [],
    });
    // Its own file is here: imported as it is, nothing to locate.
    expect(planDatasets([registered('d1', { fingerprint })], viewOf(autos), nothingHere, noTables, () => true)).toMatchObject({ relocated: [], missing: [], matched: 0 });
    // Other content under another name is no stand-in: listed as not found.
    const other = { ...autos, fingerprint: { ...fingerprint, sha256: 'cd'.repeat(32) } };
    expect(planDatasets([registered('d1', { fingerprint })], viewOf(other), nothingHere, noTables, onlyHere)).toMatchObject({ relocated: [], matched: 0, missing: [{ datasetId: 'd1', reason: 'not-found' }] });
  });

  it('given a dataset under a name no dataset may take here, then it is left out and listed as reserved, whatever its file', () => {
    const plan = (name: string, format: DatasetRegistered['format'] = 'csv', tables: ReadonlySet<string> = noTables) =>
      planDatasets([registered('d1', { name, format })], viewOf(), nothingHere, tables, () => true);
    // never a name the catalog gives: empty, quoted, upper case
    for (const name of ['', 'tr"ips; drop view cars; --', 'Cars']) expect(plan(name)).toMatchObject({ dropped: new Set(['d1']), missing: [{ datasetId: 'd1', name, reason: 'name-reserved' }] });
    // a database file attached as `sextant` would read the history instead of itself
    expect(plan('sextant', 'duckdb').missing).toEqual([{ datasetId: 'd1', name: 'sextant', source: '/data/cars.json', reason: 'name-reserved' }]);
    // a person's table, view or database in the workspace
    expect(plan('orders', 'csv', new Set(['orders'])).missing).toMatchObject([{ reason: 'name-reserved' }]);
    // what the catalog would give is imported
    expect(plan('cars_2').missing).toEqual([]);
  });
});

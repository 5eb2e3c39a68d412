import { describe, it } from 'vitest';
import type { DatasetEvent } from '../contracts/events';
import type { DatasetFingerprint } from '../contracts/fingerprint';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { datasetDecider } from './dataset';

const spec = deciderSpec(datasetDecider);
const source = '/data/weather.csv';
const first: DatasetFingerprint = { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const now: DatasetFingerprint = { ...first, bytes: 12, modifiedMs: 2, sha256: 'b'.repeat(64) };
const requested: DatasetEvent = { type: 'DatasetRequested', payload: { source } };
const registered: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'weather', source, format: 'csv', columns: [], fingerprint: first } };
const changed: DatasetEvent = { type: 'DatasetChanged', payload: { fingerprint: now } };
const mark = { type: 'MarkDatasetChanged', datasetId: 'd1', fingerprint: now } as const;

describe('a dataset whose file changed on disk', () => {
  it('given a registered dataset, when its file is seen changed, then DatasetChanged carries the new fingerprint', () =>
    spec.given([requested, registered]).when(mark).then([changed]));

  it('given one already marked changed, when it changes again, then it is recorded again (each change has its fingerprint)', () =>
    spec.given([requested, registered, changed]).when({ ...mark, fingerprint: { ...now, bytes: 13 } }).then([{ type: 'DatasetChanged', payload: { fingerprint: { ...now, bytes: 13 } } }]));

  it('given a dataset still being added, failed or removed, when a change is reported, then it is refused', () => {
    spec.given([requested]).when(mark).thenRejects('DATASET_NOT_FOUND');
    spec.given([requested, { type: 'DatasetFailed', payload: { source, error: { id: 'e', code: 'DATASET_MISSING', message: 'gone' } } }]).when(mark).thenRejects('DATASET_NOT_FOUND');
    spec.given([requested, registered, { type: 'DatasetRemoved', payload: {} }]).when(mark).thenRejects('DATASET_NOT_FOUND');
  });

  it('given a changed dataset, when its file holds again what was added (a new time), then the change says so', () =>
    spec
      .given([requested, registered, changed])
      .when({ ...mark, fingerprint: { ...first, modifiedMs: 3 } })
      .then([{ type: 'DatasetChanged', payload: { fingerprint: { ...first, modifiedMs: 3 }, asAdded: true } }]));

  it('given a dataset located since it was added, when its file is seen as first added, then that is what it is compared with', () => {
    const located: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'weather', source: '/elsewhere/weather.csv', format: 'csv', columns: [], fingerprint: now } };
    spec.given([requested, registered, changed, located]).when({ ...mark, fingerprint: first }).then([{ type: 'DatasetChanged', payload: { fingerprint: first, asAdded: true } }]);
    spec.given([requested, registered, changed, located]).when(mark).then([changed]);
  });

  it('given a dataset added without a fingerprint (an older log), when a change is seen, then it is never said to be as added', () =>
    spec
      .given([requested, { type: 'DatasetRegistered', payload: { name: 'weather', source, format: 'csv', columns: [] } }])
      .when({ ...mark, fingerprint: first })
      .then([{ type: 'DatasetChanged', payload: { fingerprint: first } }]));

  it('given a change with the columns DuckDB describes now, then they are recorded with it', () => {
    const columns = [{ name: 'id', type: 'BIGINT' }];
    spec.given([requested, registered]).when({ ...mark, ...{ columns } }).then([{ type: 'DatasetChanged', payload: { fingerprint: now, columns } }]);
  });

  it('given a change recorded, when the dataset is removed, then it is removed as any registered one', () => {
    spec.given([requested, registered, changed]).when({ type: 'RemoveDataset', datasetId: 'd1' }).then([{ type: 'DatasetRemoved', payload: {} }]);
  });
});

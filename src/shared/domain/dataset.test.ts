import { describe, it } from 'vitest';
import type { DatasetCommand } from '../contracts/commands';
import type { DatasetEvent } from '../contracts/events';
import { deciderSpec } from '../testing/deciderSpec';
import { datasetDecider } from './dataset';

const spec = deciderSpec(datasetDecider);
const datasetId = 'd1';
const source = '/data/cars.json';
const requested: DatasetEvent = { type: 'DatasetRequested', payload: { source } };
const register: DatasetCommand = { type: 'RegisterDataset', datasetId, name: 'cars', source, format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }] };
const registered: DatasetEvent = {
  type: 'DatasetRegistered',
  payload: { name: 'cars', source, format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }] },
};
const error = { id: 'e1', code: 'DATASET_MISSING', message: 'No file at /data/cars.json' };

describe('Dataset', () => {
  it('records a request for a new source', () =>
    spec.given([]).when({ type: 'RequestDataset', datasetId, source }).then([requested]));
  it('refuses to request the same dataset twice', () =>
    spec.given([requested]).when({ type: 'RequestDataset', datasetId, source }).thenRejects('DATASET_ALREADY_EXISTS'));
  it('registers a requested dataset with its columns', () => spec.given([requested]).when(register).then([registered]));
  it('records where a downloaded, converted or multi-table source is read from', () => {
    const db: DatasetCommand = {
      type: 'RegisterDataset',
      datasetId,
      name: 'shop',
      source: 'https://example.com/shop.duckdb',
      format: 'duckdb',
      columns: [],
      location: '/cache/shop.duckdb',
      tables: [{ name: 'orders', columns: [{ name: 'id', type: 'BIGINT' }] }],
      download: { bytes: 12288, sha256: 'a'.repeat(64) },
    };
    const { type: _t, datasetId: _d, ...payload } = db;
    spec.given([requested]).when(db).then([{ type: 'DatasetRegistered', payload }]);
  });
  it('refuses to register a dataset nobody requested', () => spec.given([]).when(register).thenRejects('DATASET_NOT_PENDING'));
  it('refuses to register twice', () => spec.given([requested, registered]).when(register).thenRejects('DATASET_NOT_PENDING'));
  it('fails a requested dataset', () =>
    spec.given([requested]).when({ type: 'FailDataset', datasetId, source, error }).then([
      { type: 'DatasetFailed', payload: { source, error } },
    ]));
  it('refuses to fail a registered dataset', () =>
    spec.given([requested, registered]).when({ type: 'FailDataset', datasetId, source, error }).thenRejects('DATASET_NOT_PENDING'));
  it('removes a registered or failed dataset', () => {
    spec.given([requested, registered]).when({ type: 'RemoveDataset', datasetId }).then([{ type: 'DatasetRemoved', payload: {} }]);
    spec.given([requested, { type: 'DatasetFailed', payload: { source, error } }]).when({ type: 'RemoveDataset', datasetId }).then([
      { type: 'DatasetRemoved', payload: {} },
    ]);
  });
  it('refuses to remove what is unknown or still loading', () => {
    spec.given([]).when({ type: 'RemoveDataset', datasetId }).thenRejects('DATASET_NOT_FOUND');
    spec.given([requested]).when({ type: 'RemoveDataset', datasetId }).thenRejects('DATASET_NOT_FOUND');
  });
});

import { describe, expect, it } from 'vitest';
import type { DatasetView } from '../../../shared/views/appView';
import { datasetQuery } from './sqlName';

const dataset = (d: Partial<DatasetView>): DatasetView => ({ id: 'd', source: '/x', requestedSeq: 1, status: 'ready', columns: [], ...d });

describe('"Query this dataset"', () => {
  it('reads a file dataset by its name, quoted when it must be', () => {
    expect(datasetQuery(dataset({ name: 'cars', format: 'json' }))).toBe('select * from cars limit 100');
    expect(datasetQuery(dataset({ name: 'select', format: 'csv' }))).toBe('select * from "select" limit 100');
  });
  it('reads a DuckDB database file by its first table, as the command line opens it', () => {
    const tables = [{ name: 'Cars', columns: [] }, { name: 'weather', columns: [] }];
    expect(datasetQuery(dataset({ name: 'two', format: 'duckdb', tables }))).toBe('select * from two."Cars" limit 100');
  });
});

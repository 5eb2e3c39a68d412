import { describe, expect, it } from 'vitest';
import type { DatasetView } from '../../../shared/views/appView';
import { datasetQuery, datasetQueryLabel, exampleQuery, tableQuery } from './sqlName';

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

describe('the empty editor’s example', () => {
  it('given datasets, then it is the first ready one’s query; given none ready, one that needs no data', () => {
    expect(exampleQuery([dataset({ status: 'loading' }), dataset({ name: 'select', format: 'csv' }), dataset({ name: 'cars', format: 'json' })])).toBe('select * from "select" limit 100');
    expect(exampleQuery([dataset({ status: 'failed', name: 'gone', format: 'csv' })])).toBe('select 42 as answer');
    expect(exampleQuery([])).toBe('select 42 as answer');
  });
});

describe('a DuckDB database file’s tables', () => {
  const tables = [{ name: 'Cars', columns: [] }, { name: 'select', columns: [] }];
  it('"Query this table" reads `<db>.<table>`, each name quoted when it must be', () => {
    expect(tableQuery({ name: 'two' }, { name: 'weather' })).toBe('select * from two.weather limit 100');
    expect(tableQuery({ name: 'my db' }, { name: 'select' })).toBe('select * from "my db"."select" limit 100');
    expect(tableQuery({ name: 'two' }, { name: 'a "quoted" name' })).toBe('select * from two."a ""quoted"" name" limit 100');
    expect(tableQuery({}, { name: 'weather' })).toBeUndefined();
  });
  it('a table outside the main schema is read as `<db>.<schema>.<table>` and named `schema.table`', () => {
    expect(tableQuery({ name: 'shop' }, { name: 'events', schema: 'Staging' })).toBe('select * from shop."Staging".events limit 100');
    expect(datasetQueryLabel(dataset({ name: 'shop', format: 'duckdb', tables: [{ name: 'events', schema: 'staging', columns: [] }] }))).toBe('Query this dataset (first table: staging.events)');
  });
  it('"Query this dataset" says which table it reads', () => {
    expect(datasetQueryLabel(dataset({ name: 'two', format: 'duckdb', tables }))).toBe('Query this dataset (first table: Cars)');
    expect(datasetQueryLabel(dataset({ name: 'cars', format: 'json' }))).toBe('Query this dataset');
  });
});

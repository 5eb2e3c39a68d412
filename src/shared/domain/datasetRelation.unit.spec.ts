import { describe, expect, it } from 'vitest';
import { datasetRelation } from './datasetRelation';

const q = (name: string) => `[${name}]`;

describe('datasetRelation', () => {
  it('reads a file dataset by its name', () => {
    expect(datasetRelation({ name: 'cars', format: 'json' }, q)).toBe('[cars]');
  });
  it('reads a DuckDB database file by its first table, a database being a schema and not a table', () => {
    const tables = [{ name: 'cars', columns: [] }, { name: 'weather', columns: [] }];
    expect(datasetRelation({ name: 'two', format: 'duckdb', tables }, q)).toBe('[two].[cars]');
  });
  it('has nothing to read without a name, or in a database without tables', () => {
    expect(datasetRelation({ format: 'csv' }, q)).toBeUndefined();
    expect(datasetRelation({ name: 'empty', format: 'duckdb', tables: [] }, q)).toBeUndefined();
  });
});

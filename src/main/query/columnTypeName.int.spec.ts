import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { columnTypeName } from './columnTypeName.worker';

it('given JSON nested in lists and arrays, when a result column is named, then it reads as written, and every other type as DuckDB’s own name', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    const reader = await c.runAndReadAll(`SELECT '1'::JSON AS j, ['1'::JSON] AS list, ['1'::JSON, '2'::JSON]::JSON[2] AS arr, [['1'::JSON]] AS lists,
      [[1]] AS ints, [1, 2]::INTEGER[2] AS pair, {'k': 1} AS s, MAP {'a': 1} AS m, 1.5::DECIMAL(9, 2) AS d`);
    // before, a JSON list read VARCHAR[] (toString() drops the alias of a list's element)
    expect(reader.columnTypes().map(columnTypeName)).toEqual(['JSON', 'JSON[]', 'JSON[2]', 'JSON[][]', 'INTEGER[][]', 'INTEGER[2]', 'STRUCT("k" INTEGER)', 'MAP(VARCHAR, INTEGER)', 'DECIMAL(9,2)']);
    // a type without an alias is DuckDB's own name, whatever its nesting
    const plain = await c.runAndReadAll(`SELECT [[1]] AS ints, [1, 2]::INTEGER[2] AS pair, [{'k': [1.5::DOUBLE]}] AS deep`);
    expect(plain.columnTypes().map(columnTypeName)).toEqual(plain.columnTypes().map((t) => t.toString()));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
});

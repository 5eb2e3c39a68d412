import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

/**
 * Raw DuckDB beside the app, for specs that check the app's figures against it: an in-memory
 * instance holding table `t` made by `createSql` (`CREATE TABLE t AS …`), opened before the spec's
 * tests and closed after them. `raw()` is its connection.
 */
export function useRawTable(createSql: string): { raw(): DuckDBConnection } {
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(createSql);
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });
  return {
    raw: () => {
      if (!connection) throw new Error('useRawTable: raw DuckDB is not open (use it inside a test)');
      return connection;
    },
  };
}

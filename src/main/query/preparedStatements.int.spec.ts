import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEPT, PreparedStatements } from './preparedStatements.worker';

describe('PreparedStatements (real DuckDB)', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  let other: DuckDBConnection;
  let statements: PreparedStatements;
  const above = 'SELECT n::VARCHAR AS n FROM t WHERE n > $1::BIGINT ORDER BY n';
  const numbers = async (sql: string, value: string) => (await statements.readAll(sql, [value])).getRowObjectsJS().map((r) => r.n);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    other = await instance.connect();
  });
  beforeEach(async () => {
    statements = new PreparedStatements(c);
    await other.run('CREATE OR REPLACE TABLE t AS SELECT range AS n FROM range(10)');
  });
  afterAll(() => {
    other.closeSync();
    c.closeSync();
    instance.closeSync();
  });

  it('keeps one statement per SQL text and reads each call with its own values', async () => {
    expect(await numbers(above, '6')).toEqual(['7', '8', '9']);
    expect(await numbers(above, '7')).toEqual(['8', '9']);
    expect(statements.size).toBe(1);
    // A value, never SQL: the cast fails, the statement is not kept, and the table is still there.
    await expect(numbers(above, "8'); DROP TABLE t; --")).rejects.toThrow(/Could not convert string/);
    expect(statements.size).toBe(0);
    expect(await numbers(above, '8')).toEqual(['9']);
  });

  it('gives concurrent calls of one SQL their own values', async () => {
    await numbers(above, '0'); // kept: the first call below takes it, the second must not rebind it
    const [first, second] = await Promise.all([numbers(above, '7'), numbers(above, '8')]);
    expect(first).toEqual(['8', '9']);
    expect(second).toEqual(['9']);
    expect(statements.size).toBe(1);
  });

  it('reads a table dropped and made again with other columns, and does not keep a statement that failed', async () => {
    const all = 'SELECT * FROM t WHERE n >= $1::BIGINT';
    expect((await statements.readAll(all, ['9'])).columnNames()).toEqual(['n']);
    await other.run("CREATE OR REPLACE TABLE t AS SELECT range AS n, 'x' AS label FROM range(20)");
    const after = await statements.readAll(all, ['9']);
    expect(after.columnNames()).toEqual(['n', 'label']);
    expect(after.currentRowCount).toBe(11);
    await other.run('DROP TABLE t');
    await expect(statements.readAll(all, ['9'])).rejects.toThrow(/Table with name t does not exist/);
    expect(statements.size).toBe(0);
  });

  it(`keeps the ${KEPT} most recently used`, async () => {
    for (let i = 0; i < KEPT + 4; i++) await numbers(`${above} LIMIT ${i + 1}`, '0');
    expect(statements.size).toBe(KEPT);
    expect(await numbers(`${above} LIMIT ${KEPT + 4}`, '5')).toEqual(['6', '7', '8', '9']);
  });

  it('runs SQL without values as it is, keeping nothing', async () => {
    expect((await statements.readAll('SELECT count(*)::VARCHAR AS n FROM t')).getRowObjectsJS()).toEqual([{ n: '10' }]);
    expect(statements.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { runIntoTable, type RunCallbacks } from './resultWriter.worker';
import { RESULTS_SCHEMA } from './sql';
import { streamFailure } from './streamFailure.worker';

/** A run's callbacks that remember the rows it said were committed. */
function told(): { cb: RunCallbacks; rows: number[] } {
  const rows: number[] = [];
  const cb: RunCallbacks = { progress: () => {}, columns: () => {}, head: () => {}, rows: (n) => rows.push(n), cancelled: () => false, stopped: () => {} };
  return { cb, rows };
}

describe('a query DuckDB fails part-way through its rows (real DuckDB)', () => {
  const duck = useRunSlot();
  const tables = async () => {
    const other = await duck.instance().connect();
    const n = Number((await other.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${RESULTS_SCHEMA}'`)).getRowsJS()[0]?.[0]);
    other.closeSync();
    return n;
  };

  // node-api reads the failed fetch as the end of the rows: this run was stored complete with 2,455,552 of them.
  it.each([
    ["error() at row 2,500,000", "select x, case when x < 2500000 then x::varchar else error('boom at ' || x) end as y from range(3000000) t(x)", /^Invalid Input Error: boom at 2500000/],
    ['a cast that fails at row 2,500,000', "select (case when x < 2500000 then x::varchar else 'abc' end)::integer as n from range(3000000) t(x)", /^Conversion Error: Could not convert string 'abc' to INT32/],
    ['the last statement of two failing', "select 1; -- then\nselect x, case when x < 2500000 then x::varchar else error('boom at ' || x) end as y from range(3000000) t(x);", /Invalid Input Error: boom at 2500000/],
  ])('given %s, then the run fails with DuckDB’s own words, after committing some rows, and leaves no table', async (_, sql, words) => {
    const { cb, rows } = told();
    const run = runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.r1` }, { progressIntervalMs: 60_000, flushIntervalMs: 0, headRows: 100 }, cb);
    await expect(run).rejects.toThrow(words);
    expect(rows.length).toBeGreaterThan(0); // pages of it were readable while it ran
    expect(await tables()).toBe(0);
  });

  it('given a statement that is not a SELECT, then it is not run a second time for its words: the refusal says what is known', async () => {
    const c = duck.slot().query;
    await c.run('create table ledger (id integer)');
    const insert = await c.prepare('insert into ledger values (1) returning *');
    const error = await streamFailure(c, insert, 'insert into ledger values (1) returning *', 7);
    insert.destroySync();
    expect(error).toMatchObject({ error: { code: 'SQL_ERROR', details: { rowsBefore: 7 } } });
    expect((error as Error).message).toMatch(/^DuckDB stopped this query with an error after 7 rows, and its words for it could not be read/);
    expect(Number((await c.runAndReadAll('select count(*) from ledger')).getRowsJS()[0]?.[0])).toBe(0);
  });
});

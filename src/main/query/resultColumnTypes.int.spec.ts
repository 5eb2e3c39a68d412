import { describe, expect, it } from 'vitest';
import { useRunSlot } from '../../../test/support/useRunSlot';
import type { Column } from '../../shared/contracts/events';
import type { PageView } from '../../shared/contracts/protocol';
import { parseFilterInput } from '../../shared/explore/filterInput';
import { viewHeadSql } from './pageView';
import { runIntoTable, type RunCallbacks } from './resultWriter.worker';
import { RESULTS_SCHEMA } from './sql';

const SQL = `select j::JSON j, 'x' v from (values ('{"a":1}'), ('"Hello"'), ('[1, 2]'), (null)) t(j)`;

describe('a result column of DuckDB’s JSON type', () => {
  const duck = useRunSlot();

  const cb: RunCallbacks = { progress: () => {}, columns: () => {}, head: () => {}, rows: () => {}, cancelled: () => false, stopped: () => {} };
  const timing = { progressIntervalMs: 60_000, flushIntervalMs: 60_000, headRows: 100 };
  const table = `${RESULTS_SCHEMA}.r1`;
  /** A page of the stored result as the grid reads it, under `view`. */
  async function page(columns: readonly Column[], view: PageView): Promise<unknown[][]> {
    const { sql, params } = viewHeadSql(table, columns, view, 0, 100).first;
    return (await duck.slot().writer.runAndReadAll(sql, [...params])).getRowsJS();
  }

  it('given `select … ::JSON j, … v`, then its columns say JSON and VARCHAR, and a filter box, a sort and `=` run on the JSON column', async () => {
    const { columns, rowCount } = await runIntoTable(duck.slot(), { sql: SQL, resultTable: table }, timing, cb);
    expect(columns).toEqual([
      { name: 'j', type: 'JSON' },
      { name: 'v', type: 'VARCHAR' },
    ]);
    expect(rowCount).toBe(4);
    // the result table's DDL (`c0 JSON`) holds DuckDB's text of each document, a quoted string as "Hello"
    expect((await duck.slot().writer.runAndReadAll(`SELECT column_type FROM (DESCRIBE ${table})`)).getRowsJS()).toEqual([['JSON'], ['VARCHAR']]);
    expect(await page(columns, {})).toEqual([['{"a":1}', 'x'], ['"Hello"', 'x'], ['[1, 2]', 'x'], [null, 'x']]);

    const filtered = (text: string) => {
      const input = parseFilterInput(text, 0, columns[0]!.type);
      if (!input.ok) throw new Error(input.message);
      return page(columns, { filter: input.filters });
    };
    expect(await filtered('hello')).toEqual([['"Hello"', 'x']]);
    expect(await filtered('=[1, 2]')).toEqual([['[1, 2]', 'x']]);
    // not a JSON document: no row, not a conversion error
    expect(await filtered('=hello')).toEqual([]);
    expect((await page(columns, { orderBy: [{ column: 0, descending: true }] })).map((r) => r[0])).toEqual(['{"a":1}', '[1, 2]', '"Hello"', null]);
  });
});

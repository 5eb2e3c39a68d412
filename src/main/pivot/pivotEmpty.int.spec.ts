import { beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import type { PivotPage } from '../../shared/pivot/pivotPage';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import { pivotAggregates, type PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows } from '../../../test/support/usePivotResult';
import { useTestSession } from '../../../test/support/useTestSession';
import { PivotService } from './pivotService';

/**
 * Empty cells: a combination of a group and a column key with no rows is empty (PivotPage.empty,
 * its value NULL), apart from an aggregate that is NULL over rows that exist (a Sum of only NULLs)
 * and from a Count of such rows (0). Even numbers are never `false`, the NULL category's `cat` is
 * NULL (its Count of cat is 0), "nulls" has only NULL values, and `odd` has a NULL flag.
 */
const SQL = `select * from (values
  ('odd', 'a', true, 1), ('odd', 'b', false, 2), ('odd', 'a', false, NULL), ('odd', 'b', NULL, 7),
  ('even', 'a', true, 4), ('even', 'b', true, NULL),
  (NULL, 'a', false, 5), (NULL, 'b', true, NULL),
  ('nulls', 'a', false, NULL), ('nulls', 'a', true, NULL)
) t(cat, sub, flag, v)`;
/** 50 keys of 20 rows each in r0 and r1, and 10 of one row each in r1 only: "Other" is empty for r0. */
const CAPPED = `select CASE WHEN m >= 50 THEN 'r1' ELSE 'r' || (i % 2) END AS g, m, i AS w
from (select i, CASE WHEN i < 1000 THEN i % 50 ELSE 50 + i % 10 END AS m from range(1010) r(i))`;

const AGG: Record<(typeof pivotAggregates)[number], (v: string) => string> = { Count: (v) => `count(${v})`, Sum: (v) => `sum(${v})`, Average: (v) => `avg(${v})`, Median: (v) => `median(${v})`, Min: (v) => `min(${v})`, Max: (v) => `max(${v})` };
/** A text compared as a column's text, NULL as NULL. */
const is = (column: string, text: string | null) => (text === null ? `${column} IS NULL` : `${column}::VARCHAR = '${text.replaceAll("'", "''")}'`);

describe('a pivot’s cells with no rows, over a real result', () => {
  const app = useTestSession('all');
  const { raw } = useRawTable(`CREATE TABLE t AS ${SQL}; CREATE TABLE capped AS ${CAPPED}`);
  let pivots: PivotService;
  const results: Record<string, { queryId: string; columns: readonly Column[] }> = {};
  beforeAll(async () => {
    pivots = new PivotService(app.core().queryWorker, app.core().runner, () => app.core().projections.current.view);
    for (const [name, sql] of [['t', SQL], ['capped', CAPPED]] as const) {
      const ran = await app.run(sql);
      results[name] = { queryId: ran.queryId, columns: ran.end.type === 'QueryCompleted' ? ran.end.payload.columns : [] };
    }
  });

  /** Every row of the pivot and its empty value columns, read in pages of 3 (the head, then the table). */
  async function all(table: string, spec: PivotSpec, filter: readonly PageFilter[] = []) {
    const rows: (string | null)[][] = [];
    const empty: (readonly number[])[] = [];
    let first: PivotPage | undefined;
    do {
      const p = await pivots.page(results[table]!.queryId, spec, rows.length, 3, filter);
      if (!p.ok) throw new Error(p.error.message);
      first ??= p.value;
      rows.push(...pivotRows(p.value));
      empty.push(...(p.value.empty ?? pivotRows(p.value).map(() => [])));
    } while (rows.length < first.totalRows);
    return { first, rows, empty };
  }

  /**
   * Checks every cell against raw DuckDB: a combination with no rows is empty and NULL, any other
   * cell DuckDB's aggregate of its rows (never empty); the Total is never empty.
   */
  async function checkCells(table: string, spec: PivotSpec, fields: readonly string[], keyColumns: readonly string[], value: string) {
    const { first, rows, empty } = await all(table, spec);
    const shown = first.keys.values;
    const capped = first.keys.distinct > shown.length;
    const keyOf = (key: readonly (string | null)[]) => key.map((k, j) => is(keyColumns[j]!, k)).join(' AND ');
    const keyConditions = [...shown.map(keyOf), ...(capped ? [`NOT (${shown.map((k) => `coalesce(${keyOf(k)}, false)`).join(' OR ')})`] : []), 'true'];
    let empties = 0;
    for (const [r, row] of rows.entries()) {
      const level = Number(row[0]);
      const group = fields.slice(0, level).map((f, i) => is(f, row[1 + i]!));
      for (const [j, key] of keyConditions.entries()) {
        const where = [...group, key].join(' AND ') || 'true';
        const [[n, x]] = (await raw().runAndReadAll(`SELECT count(*)::VARCHAR, (${AGG[spec.aggregate](value)})::VARCHAR FROM ${table} WHERE ${where}`)).getRowsJS() as [[string, string | null]];
        const cell = row[1 + spec.rows.length + j] ?? null;
        const label = `${JSON.stringify(spec)} row ${r} column ${j}`;
        expect(empty[r]!.includes(j), label).toBe(n === '0');
        if (n === '0') empties++;
        if (x === null || n === '0') expect(cell, label).toBeNull();
        else expect(Number(cell), label).toBeCloseTo(Number(x), 9);
      }
    }
    return empties;
  }

  it('given categories × flags with empty combinations, NULL groups and only-NULL values, then each empty combination is empty for every aggregate, every other cell DuckDB’s', async () => {
    for (const aggregate of pivotAggregates) {
      const empties = await checkCells('t', { rows: ['cat'], columns: ['flag'], values: 'v', aggregate }, ['cat'], ['flag'], 'v');
      // even/false, even/NULL, NULL/NULL, nulls/NULL
      expect(empties, aggregate).toBe(4);
    }
  });

  it('given a Count of the row field itself, then the NULL group counts 0 where it has rows and is empty where it has none', async () => {
    const { rows, empty, first } = await all('t', { rows: ['cat'], columns: ['flag'], values: 'cat', aggregate: 'Count' });
    expect(first.columns.map((c) => c.name)).toEqual(['level', 'cat', 'false', 'true', 'null', 'Total']);
    const nullGroup = rows.findIndex((row) => row[0] === '1' && row[1] === null);
    expect(rows[nullGroup]!.slice(2)).toEqual(['0', '0', null, '0']);
    expect(empty[nullGroup]).toEqual([2]);
    const even = rows.findIndex((row) => row[1] === 'even');
    expect(rows[even]!.slice(2)).toEqual([null, '2', null, '2']);
    expect(empty[even]).toEqual([0, 2]);
    await checkCells('t', { rows: ['cat'], columns: ['flag'], values: 'cat', aggregate: 'Count' }, ['cat'], ['flag'], 'cat');
  });

  it('given two row levels, sorted or not, then subtotals and details are empty only where they have no rows', async () => {
    for (const aggregate of ['Count', 'Sum', 'Median'] as const) {
      for (const sort of [undefined, { valueColumn: 1, descending: true }]) {
        const spec: PivotSpec = { rows: ['cat', 'sub'], columns: ['flag'], values: 'v', aggregate, ...(sort ? { sort } : {}) };
        expect(await checkCells('t', spec, ['cat', 'sub'], ['flag'], 'v')).toBeGreaterThan(4);
      }
    }
  });

  it('given two column fields, then a pair of values with no rows in a group is empty', async () => {
    expect(await checkCells('t', { rows: ['cat'], columns: ['flag', 'sub'], values: 'v', aggregate: 'Sum' }, ['cat'], ['flag', 'sub'], 'v')).toBeGreaterThan(0);
  });

  it('given 60 column values, then "Other" is empty in a group with no rows beyond the 50 shown', async () => {
    for (const aggregate of ['Count', 'Max'] as const) {
      const spec: PivotSpec = { rows: ['g'], columns: ['m'], values: 'w', aggregate };
      const { rows, empty, first } = await all('capped', spec);
      expect(first.keys.values).toHaveLength(50);
      const r0 = rows.findIndex((row) => row[1] === 'r0');
      expect(empty[r0]).toContain(50);
      expect(empty[rows.findIndex((row) => row[1] === 'r1')]).not.toContain(50);
      await checkCells('capped', spec, ['g'], ['m'], 'w');
    }
  });

  it('given no rows (a filter nobody passes), then the Total is what DuckDB’s aggregate gives over no rows: a Count 0, a Sum NULL, never empty', async () => {
    const none: PageFilter[] = [{ column: 0, op: 'eq', value: 'none' }];
    for (const columns of [[], ['flag']]) {
      for (const aggregate of pivotAggregates) {
        const { rows, empty } = await all('t', { rows: ['cat'], columns, values: 'v', aggregate }, none);
        const [[x]] = (await raw().runAndReadAll(`SELECT (${AGG[aggregate]('v')})::VARCHAR FROM t WHERE cat = 'none'`)).getRowsJS() as [[string | null]];
        expect(rows, `${aggregate} ${columns.join()}`).toEqual([['0', null, x]]);
        expect(empty).toEqual([[]]);
      }
    }
    const count = await all('t', { rows: [], columns: ['flag'], values: 'v', aggregate: 'Count' }, none);
    expect(count.rows).toEqual([['0', '0']]);
  });

  it('given empty cells, when opened as SQL, then raw DuckDB gives the same cells, an empty one as NULL', async () => {
    const { queryId, columns } = results['t']!;
    for (const spec of [
      { rows: ['cat'], columns: ['flag'], values: 'v', aggregate: 'Sum' },
      { rows: ['cat', 'sub'], columns: ['flag'], values: 'cat', aggregate: 'Count' },
      { rows: ['cat'], columns: ['flag'], values: 'v', aggregate: 'Median' },
    ] satisfies PivotSpec[]) {
      const { first, rows } = await all('t', spec);
      expect(first.queryId).toBe(queryId);
      const sql = pivotOpenAsSql(spec, SQL, { keys: first.keys.values, distinct: first.keys.distinct }, columns);
      const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
      expect(own, JSON.stringify(spec)).toEqual(rows.map((r) => r.slice(1)));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows, usePivotResult } from '../../../test/support/usePivotResult';

/**
 * Date and timestamp fields grouped by a grain, over a real result, against raw DuckDB's
 * date_trunc: a timestamp every 97 minutes for about eleven months (NULL one row in 13), a date over
 * two years, a text group and a number.
 */
const SQL = `select CASE WHEN range % 13 = 0 THEN NULL ELSE TIMESTAMP '2000-12-30 22:00:00' + INTERVAL (range * 97) MINUTE END AS "at",
  DATE '2000-06-15' + (range * 7 % 700)::INTEGER AS d, 'g' || (range % 3) AS g, (range % 17)::BIGINT AS v
from range(5000)`;
const quarter = (x: string) => `(strftime(date_trunc('quarter', ${x}), '%Y') || '-Q' || quarter(${x}))`;

describe('a pivot of date and timestamp fields by a grain, over a real result', () => {
  const { result } = usePivotResult(SQL);
  const { raw } = useRawTable(`CREATE TABLE t AS ${SQL}`);
  const rawRows = async (sql: string) => (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS() as (string | null)[][];
  async function all(spec: PivotSpec) {
    const first = await result.pivots.page(result.queryId, spec, 0, 7, []);
    if (!first.ok) throw new Error(first.error.message);
    const rows = pivotRows(first.value);
    while (rows.length < first.value.totalRows) {
      const next = await result.pivots.page(result.queryId, spec, rows.length, 7, []);
      if (!next.ok) throw new Error(next.error.message);
      rows.push(...pivotRows(next.value));
    }
    return { first: first.value, rows };
  }
  /** Raw DuckDB's ROLLUP over the truncated fields, in the pivot's order (the total, then each month, its subtotal first). */
  const rawByMonth = (cells: string) =>
    rawRows(`SELECT 2 - grouping(m) - grouping(g), strftime(m, '%Y-%m'), g, ${cells} FROM (SELECT date_trunc('month', "at") AS m, ${quarter('d')} AS q, * EXCLUDE (d) FROM t)
      GROUP BY ROLLUP (m, g) ORDER BY grouping(m) DESC, m NULLS LAST, grouping(g) DESC, g NULLS LAST`);

  it('given rows by month of a timestamp and a text, columns by quarter of a date, when summed, then every cell, key and group is raw DuckDB’s', async () => {
    const spec: PivotSpec = { rows: ['at', 'g'], columns: ['d'], values: 'v', aggregate: 'Sum', grains: { at: 'month', d: 'quarter' } };
    const { first, rows } = await all(spec);
    const quarters = (await rawRows(`SELECT DISTINCT date_trunc('quarter', d) AS q0, ${quarter('d')} FROM t ORDER BY q0`)).map((r) => [r[1]]);
    expect(first.keys.values).toEqual(quarters);
    expect(first.columns.map((c) => c.name)).toEqual(['level', 'at', 'g', ...quarters.map(([q]) => q), 'Total']);
    const [[groups]] = (await rawRows(`SELECT count(DISTINCT (date_trunc('month', "at"), g)) FROM t`)) as [[string]];
    expect(String(first.groups)).toBe(groups);
    const expected = await rawByMonth([...quarters.map(([q]) => `sum(v) FILTER (WHERE q = '${q}')`), 'sum(v)'].join(', '));
    expect(rows.map((r) => r.slice(0, -1).concat(r.at(-1)!))).toEqual(expected);
    // chronological, months 2000-12 … 2001-11, the NULL group last
    expect(rows.filter((r) => r[0] === '1').map((r) => r[1])).toEqual([...(await rawRows(`SELECT DISTINCT strftime(date_trunc('month', "at"), '%Y-%m') m FROM t WHERE "at" IS NOT NULL ORDER BY m`)).map((r) => r[0]), null]);
  });

  it('given the Min of the timestamp grouped by its own month, then each cell is the group’s first instant, not its month', async () => {
    const spec: PivotSpec = { rows: ['at'], columns: [], values: 'at', aggregate: 'Min', grains: { at: 'month' } };
    const { rows } = await all(spec);
    const expected = await rawRows(`SELECT 1 - grouping(m), strftime(m, '%Y-%m'), min("at") FROM (SELECT date_trunc('month', "at") AS m, "at" FROM t) GROUP BY ROLLUP (m) ORDER BY grouping(m) DESC, m NULLS LAST`);
    expect(rows.map((r) => r.slice(0, 3))).toEqual(expected);
    expect(rows[2]![2]).toBe('2001-01-01 01:29:00');
  });

  it('given a week of a date and a day of a timestamp, when the Median is taken (read from the rows), then raw DuckDB’s medians', async () => {
    const spec: PivotSpec = { rows: ['d'], columns: ['at'], values: 'v', aggregate: 'Median', grains: { d: 'week', at: 'year' } };
    const { first, rows } = await all(spec);
    expect(first.keys.values).toEqual([['2000'], ['2001'], [null]]);
    const expected = await rawRows(`SELECT 1 - grouping(w), strftime(w, '%Y-%m-%d'), median(v) FILTER (WHERE y = 2000), median(v) FILTER (WHERE y = 2001), median(v) FILTER (WHERE y IS NULL), median(v)
      FROM (SELECT date_trunc('week', d) AS w, year("at") AS y, v FROM t) GROUP BY ROLLUP (w) ORDER BY grouping(w) DESC, w NULLS LAST`);
    expect(rows.map((r) => r.slice(0, 6))).toEqual(expected);
  });

  it('given a month collapsed by its text, then only its subtotal row is left of it', async () => {
    const spec: PivotSpec = { rows: ['at', 'g'], columns: [], values: 'v', aggregate: 'Count', grains: { at: 'month' }, collapsed: ['2001-03', null] };
    const { rows } = await all(spec);
    expect(rows.filter((r) => r[1] === '2001-03').map((r) => r[0])).toEqual(['1']);
    expect(rows.filter((r) => r[1] === null).map((r) => r[0])).toEqual(['0', '1']);
    expect(rows.filter((r) => r[1] === '2001-04').map((r) => r[0])).toEqual(['1', '2', '2', '2']);
  });

  it('given the pivot opened as SQL and run in raw DuckDB, then the same groups and cells', async () => {
    const spec: PivotSpec = { rows: ['at', 'g'], columns: ['d'], values: 'v', aggregate: 'Sum', grains: { at: 'month', d: 'quarter' } };
    const { first, rows } = await all(spec);
    const sql = pivotOpenAsSql(spec, SQL, { keys: first.keys.values, distinct: first.keys.distinct }, result.columns);
    expect(await rawRows(sql)).toEqual(rows.map((r) => r.slice(1)));
  });

  it('given a grain on the text field, then the service refuses it in words', async () => {
    const got = await result.pivots.page(result.queryId, { rows: ['g'], columns: [], values: 'v', aggregate: 'Sum', grains: { g: 'month' } }, 0, 7, []);
    expect(got.ok ? 'answered' : `${got.error.code}: ${got.error.message}`).toBe('INVALID_COMMAND: Only a date or timestamp field can be grouped by month; "g" is VARCHAR.');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import { leftOutNote } from '../../shared/explore/finiteValues';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows } from '../../../test/support/usePivotResult';
import { useTestSession } from '../../../test/support/useTestSession';
import { PivotService } from './pivotService';

/**
 * The profile's rule in a pivot: a DOUBLE of 1, 2, NaN, Infinity and NULL (under a name to quote),
 * in two groups and two column keys. Every aggregate but Count is raw DuckDB's over the finite
 * values, in every cell, subtotal and total, and the page counts the 2 values left out.
 */
const SQL = `SELECT * FROM (VALUES ('a', 'p', 1::DOUBLE), ('a', 'q', 'nan'::DOUBLE), ('b', 'p', 2::DOUBLE), ('b', 'q', 'inf'::DOUBLE), ('b', 'p', NULL::DOUBLE)) AS t(g, k, "x ""v""")`;
const X = 'x "v"';


describe('a pivot of a DOUBLE holding NaN and Infinity', () => {
  const app = useTestSession('all');
  const { raw } = useRawTable(`CREATE TABLE t AS SELECT g, k, "x ""v""" AS x FROM (${SQL})`);
  let pivots: PivotService;
  let queryId: string;
  let columns: readonly Column[];
  beforeAll(async () => {
    const core = app.core();
    pivots = new PivotService(core.queryWorker, core.runner, () => core.projections.current.view);
    const ran = await app.run(SQL);
    queryId = ran.queryId;
    columns = ran.end.type === 'QueryCompleted' ? ran.end.payload.columns : [];
  });

  const page = async (spec: PivotSpec, filter: Parameters<PivotService['page']>[4] = []) => {
    const p = await pivots.page(queryId, spec, 0, 100, filter);
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };
  const rawOf = async (sql: string): Promise<number | null> => {
    const v = (await raw().runAndReadAll(sql)).getRowsJS()[0]?.[0];
    return v === null || v === undefined ? null : Number(v);
  };
  const same = (app: string | null, expected: number | null, what: string) => (expected === null ? expect(app, what).toBeNull() : expect(Number(app), what).toBeCloseTo(expected, 12));

  it('given Sum, Average, Median, Min and Max, then every cell, subtotal and total is raw DuckDB’s over the finite values, and 1 NaN, 1 inf are said left out', async () => {
    for (const aggregate of ['Sum', 'Average', 'Median', 'Min', 'Max'] as const) {
      const spec: PivotSpec = { rows: ['g'], columns: ['k'], values: X, aggregate };
      const fn = { Sum: 'sum', Average: 'avg', Median: 'median', Min: 'min', Max: 'max' }[aggregate];
      // the head (the pivot's query), then its table: both the same
      for (const p of [await page(spec), await page(spec)]) {
        const rows = pivotRows(p);
        expect(rows).toHaveLength(3);
        for (const [level, g, ...cells] of rows) {
          const group = level === '0' ? 'true' : `g = '${g}'`;
          for (const [i, key] of ['p', 'q', undefined].entries()) {
            const where = `${group}${key ? ` AND k = '${key}'` : ''}`;
            same(cells[i]!, await rawOf(`SELECT ${fn}(x) FILTER (WHERE isfinite(x)) FROM t WHERE ${where}`), `${aggregate} ${where}`);
          }
        }
        expect(p.leftOut).toEqual({ nan: 1, inf: 1, negInf: 0 });
      }
      // the grand total's average: (1 + 2) / 2, not nan
      if (aggregate === 'Average') expect(pivotRows(await page(spec))[0]?.at(-1)).toBe('1.5');
    }
    expect(leftOutNote((await page({ rows: ['g'], columns: [], values: X, aggregate: 'Average' })).leftOut, 'DOUBLE', `average of ${X}`)).toBe('1 NaN, 1 inf left out of the average of x "v"');
  });

  it('given Count, then NaN and Infinity are counted as values, as a profile’s non-null count, and nothing is said left out', async () => {
    const p = await page({ rows: ['g'], columns: [], values: X, aggregate: 'Count' });
    expect(pivotRows(p)).toEqual([
      ['0', null, String(await rawOf('SELECT count(x) FROM t'))],
      ['1', 'a', '2'],
      ['1', 'b', '2'],
    ]);
    expect(p.leftOut).toBeUndefined();
  });

  it('given a grid filter, then only the rows it keeps are counted left out', async () => {
    const p = await page({ rows: [], columns: [], values: X, aggregate: 'Max' }, [{ column: 0, op: 'eq', value: 'a' }]);
    expect(pivotRows(p)).toEqual([['0', '1.0']]);
    expect(p.leftOut).toEqual({ nan: 1, inf: 0, negInf: 0 });
  });

  it('given "Open as SQL" (ROLLUP over the rows), then raw DuckDB gives the app’s rows', async () => {
    for (const aggregate of ['Average', 'Median'] as const) {
      const spec: PivotSpec = { rows: ['g'], columns: ['k'], values: X, aggregate };
      const p = await page(spec);
      const sql = pivotOpenAsSql(spec, SQL, { keys: p.keys.values, distinct: p.keys.distinct }, columns);
      const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
      expect(own, aggregate).toEqual(pivotRows(p).map((r) => r.slice(1)));
    }
  });
});

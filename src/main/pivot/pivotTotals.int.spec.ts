import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../shared/contracts/pageView';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import { pivotAggregates, type PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows, usePivotResult } from '../../../test/support/usePivotResult';

/**
 * A pivot of totals only (no row field): one row, the grand total, its columns pivoted when column
 * fields are set. Hostile names, NULL values and a NULL column key, and 60 keys (50 shown, "Other").
 */
const SQL = `select CASE WHEN range % 13 = 0 THEN NULL ELSE 'o' || (range % 3) END AS "Ori""gin 🌍",
  range % 60 AS "mo nth", CASE WHEN range % 7 = 0 THEN NULL ELSE (range * 7 % 101)::BIGINT END AS "Horse power"
from range(3000) -- trailing comment`;
const O = 'Ori"gin 🌍';
const M = 'mo nth';
const V = 'Horse power';

const SQL_OF: Record<(typeof pivotAggregates)[number], string> = { Count: 'count(v)', Sum: 'sum(v)', Average: 'avg(v)', Median: 'median(v)', Min: 'min(v)', Max: 'max(v)' };

describe('a pivot with no row field, over a real result', () => {
  const { result } = usePivotResult(SQL);
  const { raw } = useRawTable(`CREATE TABLE t AS SELECT "Ori""gin 🌍" AS o, "mo nth" AS m, "Horse power" AS v FROM (${SQL}\n)`);
  const one = async (sql: string) => (await raw().runAndReadAll(`SELECT (${sql})::VARCHAR AS x`)).getRowsJS()[0]![0] as string | null;
  const page = async (spec: PivotSpec, offset = 0, limit = 10, filter: readonly PageFilter[] = []) => {
    const p = await result.pivots.page(result.queryId, spec, offset, limit, filter);
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };
  const close = (app: string | null, expected: string | null) => (expected === null ? expect(app).toBeNull() : expect(Number(app)).toBeCloseTo(Number(expected), 9));

  it('given no row and no column field, when pivoted, then one row whose one cell is raw DuckDB’s aggregate of every row, for every aggregate', async () => {
    for (const aggregate of pivotAggregates) {
      const p = await page({ rows: [], columns: [], values: V, aggregate });
      expect(p.totalRows, aggregate).toBe(1);
      expect(p.rowFields).toBe(0);
      expect(p.columns.map((c) => c.name)).toEqual(['level', aggregate === 'Count' ? 'Count' : `${aggregate} of ${V}`]);
      expect(pivotRows(p)).toHaveLength(1);
      expect(pivotRows(p)[0]![0]).toBe('0');
      close(pivotRows(p)[0]![1]!, await one(`SELECT ${SQL_OF[aggregate]} FROM t`));
    }
  });

  it('given a column field and no row field, when pivoted, then one row: each shown key, "Other" and "Total" as raw DuckDB computes them', async () => {
    for (const aggregate of ['Count', 'Sum', 'Average', 'Median'] as const) {
      const p = await page({ rows: [], columns: [M], values: V, aggregate });
      expect(p.totalRows).toBe(1);
      expect(p.keys.distinct).toBe(60);
      expect(p.keys.values).toHaveLength(50);
      const [row] = pivotRows(p);
      const shown = p.keys.values.map((k) => k[0]!);
      for (const [i, m] of shown.entries()) close(row![1 + i]!, await one(`SELECT ${SQL_OF[aggregate]} FROM t WHERE m = ${m}`));
      close(row![1 + 50]!, await one(`SELECT ${SQL_OF[aggregate]} FROM t WHERE m NOT IN (${shown.join(', ')})`));
      close(row![1 + 51]!, await one(`SELECT ${SQL_OF[aggregate]} FROM t`));
    }
  });

  it('given a NULL column key, when pivoted with no row field, then its column holds the NULL rows’ aggregate', async () => {
    const p = await page({ rows: [], columns: [O], values: V, aggregate: 'Sum' });
    expect(p.columns.map((c) => c.name)).toEqual(['level', 'o0', 'o1', 'o2', 'null', 'Total']);
    expect(pivotRows(p)[0]!.slice(1)).toEqual([
      await one('SELECT sum(v) FROM t WHERE o = \'o0\''),
      await one('SELECT sum(v) FROM t WHERE o = \'o1\''),
      await one('SELECT sum(v) FROM t WHERE o = \'o2\''),
      await one('SELECT sum(v) FROM t WHERE o IS NULL'),
      await one('SELECT sum(v) FROM t'),
    ]);
  });

  it('given no row field, when a page past its one row is asked for, then no rows and the same size; the table answers as the head did', async () => {
    const spec: PivotSpec = { rows: [], columns: [O], values: V, aggregate: 'Average' };
    const far = await page(spec, 2000, 5);
    expect(far.totalRows).toBe(1);
    expect(far.values.every((c) => c.length === 0)).toBe(true);
    const again = await page(spec, 1, 5);
    expect(again.values.every((c) => c.length === 0)).toBe(true);
    const fresh = { ...spec, aggregate: 'Max' } as const;
    const head = await page(fresh);
    await page(fresh, 2000, 1);
    expect(await page(fresh)).toEqual(head);
    expect(head.groups).toBe(1);
  });

  it('given the grid’s filters, when pivoted with no row field, then the totals of the rows the grid shows', async () => {
    const filter: PageFilter[] = [{ column: 1, op: 'lt', value: '10' }];
    const p = await page({ rows: [], columns: [O], values: V, aggregate: 'Count' }, 0, 10, filter);
    expect(pivotRows(p)[0]!.slice(1)).toEqual([
      await one("SELECT count(v) FROM t WHERE m < 10 AND o = 'o0'"),
      await one("SELECT count(v) FROM t WHERE m < 10 AND o = 'o1'"),
      await one("SELECT count(v) FROM t WHERE m < 10 AND o = 'o2'"),
      await one('SELECT count(v) FROM t WHERE m < 10 AND o IS NULL'),
      await one('SELECT count(v) FROM t WHERE m < 10'),
    ]);
  });

  it('given no row field, when opened as SQL, then raw DuckDB gives the same one row (filtered or not, sorted or not)', async () => {
    const specs: PivotSpec[] = [
      { rows: [], columns: [], values: V, aggregate: 'Sum' },
      { rows: [], columns: [M], values: V, aggregate: 'Average', sort: { valueColumn: 3, descending: true } },
      { rows: [], columns: [O, M], values: V, aggregate: 'Median' },
    ];
    for (const filter of [[], [{ column: 1, op: 'lt', value: '10' }]] as PageFilter[][]) {
      for (const spec of specs) {
        const p = await page(spec, 0, 10, filter);
        const sql = pivotOpenAsSql(spec, SQL, { keys: p.keys.values, distinct: p.keys.distinct }, result.columns, filter);
        const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
        expect(own, JSON.stringify(spec)).toEqual(pivotRows(p).map((r) => r.slice(1)));
      }
    }
  });
});

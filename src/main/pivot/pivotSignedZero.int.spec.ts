import { describe, expect, it } from 'vitest';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows, usePivotResult } from '../../../test/support/usePivotResult';

/**
 * A column field holding both -0.0 and 0.0 (round() of small negative numbers gives -0.0): DuckDB
 * groups them as one key, so every row of either is in that key's cells, as raw DuckDB sums them.
 * Before, a key's text was whichever zero came first, and rows of the other fell out of every cell.
 */
const SQL = `select * from (values (1, -0.0::double, 10), (1, 0.0::double, 20), (2, 0.0, 30), (2, -0.0, 40), (2, 1.0, 50), (3, -0.0, 60)) t(g, z, v)`;

describe('a pivot whose field holds -0.0 and 0.0, over a real result', () => {
  const { result } = usePivotResult(SQL);
  const { raw } = useRawTable(`CREATE TABLE t AS ${SQL}`);
  const rawRows = async (sql: string) => (await raw().runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v))));

  it.each(['Sum', 'Median', 'Count'] as const)('given z as the column field, when pivoted by %s, then each zero cell holds every row of either zero, as DuckDB groups them', async (aggregate) => {
    const spec: PivotSpec = { rows: ['g'], columns: ['z'], values: 'v', aggregate };
    const got = await result.pivots.page(result.queryId, spec, 0, 10, []);
    if (!got.ok) throw new Error(got.error.message);
    const fn = aggregate === 'Count' ? 'count(v)' : `${aggregate.toLowerCase()}(v)`;
    // level, g, the 0.0 key, the 1.0 key, Total: level 0 is the grand total
    const expected = await rawRows(`SELECT g, ${fn} FILTER (WHERE z = 0), ${fn} FILTER (WHERE z = 1), ${fn} FROM t GROUP BY ROLLUP (g) ORDER BY g NULLS FIRST`);
    const shown = pivotRows(got.value).map((r) => [r[1] ?? null, ...r.slice(2, 5).map((x) => (x === null ? null : String(Number(x))))]);
    expect(got.value.columns.map((c) => c.name).slice(2, 4)).toEqual(['0.0', '1.0']);
    // a key with no rows in a group is an empty cell, a Count's too (PIVOT_PRESENT), where FILTER counts 0
    const cell = (x: string | null, i: number) => (x === null || (aggregate === 'Count' && i < 2 && x === '0') ? null : String(Number(x)));
    expect(shown).toEqual(expected.map((r) => [r[0] ?? null, ...r.slice(1).map(cell)]));
  });

  it('given the same pivot opened as SQL, then DuckDB gives the same zero cells from its text', async () => {
    const spec: PivotSpec = { rows: ['g'], columns: ['z'], values: 'v', aggregate: 'Sum' };
    const sql = pivotOpenAsSql(spec, SQL, { keys: [['0.0'], ['1.0']], distinct: 2 }, result.columns);
    const opened = await rawRows(sql);
    expect(opened.map((r) => r.slice(-3))).toEqual([['160', '50', '210'], ['30', null, '30'], ['70', '50', '120'], ['60', null, '60']]);
  });
});

import { describe, expect, it } from 'vitest';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows, usePivotResult } from '../../../test/support/usePivotResult';

/**
 * HUGEINT values near its top (±1.7e38), as a tester's file held: two of them overflow DuckDB's
 * exact sum, which avg uses too. `small` is a HUGEINT whose sums fit; `dec` a DECIMAL(38,10).
 * `edges` takes turns at 2^127 − 1, −2^127, 0 and 1, in each g (their sum is 0, as DuckDB's avg
 * adds them; as DOUBLEs, 2^127 − 1 is 2^127 and the 1s are left over); `uhuge` is 2^54 once and 1 after (DuckDB sums a UHUGEINT as DOUBLEs, losing 1s beside 2^54).
 */
const SQL = `select 'g' || (i % 2) AS g, i % 3 AS c,
  (170141183460469231731687303715884105727 - i)::HUGEINT AS huge,
  (i::HUGEINT * 1000000000000000000000000000000 + i)::HUGEINT AS small,
  (i * 12345678901234567890.1234567891)::DECIMAL(38,10) AS dec,
  (CASE i % 8 WHEN 0 THEN 170141183460469231731687303715884105727 WHEN 5 THEN 170141183460469231731687303715884105727
    WHEN 1 THEN -170141183460469231731687303715884105728 WHEN 4 THEN -170141183460469231731687303715884105728 WHEN 2 THEN 1 WHEN 7 THEN 1 ELSE 0 END)::HUGEINT AS edges,
  (CASE WHEN i = 0 THEN 18014398509481984 ELSE 1 END)::UHUGEINT AS uhuge
from range(20) t(i)`;


describe('pivots of HUGEINT values, against raw DuckDB', () => {
  const { result } = usePivotResult(SQL);
  const { raw } = useRawTable(`CREATE TABLE t AS ${SQL}`);

  const one = async (sql: string): Promise<string | null> => {
    const v = (await raw().runAndReadAll(`SELECT (${sql})::VARCHAR AS v FROM t`)).getRowObjectsJS()[0]?.['v'];
    return v === null || v === undefined ? null : String(v);
  };
  const page = async (spec: PivotSpec) => {
    const p = await result.pivots.page(result.queryId, spec, 0, 100);
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };

  /** Each cell of an Average of `values` by g across c, beside the exact sum (BIGNUM) over the count of its rows, as a DOUBLE's text. */
  const cellsAndExact = async (values: string) => {
    const p = await page({ rows: ['g'], columns: ['c'], values, aggregate: 'Average' });
    expect(p.columns.slice(2).map((c) => c.type)).toEqual(['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE']);
    const pairs: [string | null, string | null][] = [];
    for (const row of pivotRows(p)) {
      const where = row[0] === '0' ? 'true' : `g = '${row[1]}'`;
      for (const [i, c] of ['0', '1', '2', undefined].entries()) {
        const exact = await one(`(SELECT (sum(${values}::BIGNUM)::DOUBLE / count(${values})) FROM t WHERE ${where}${c === undefined ? '' : ` AND c = ${c}`})`);
        pairs.push([row[2 + i] ?? null, exact]);
      }
    }
    return { pairs, total: pivotRows(p)[0]?.[5] };
  };

  it('given HUGEINTs near the top, when averaged by g across c, then every cell is the exact sum over the count as a DOUBLE, where raw avg overflows', async () => {
    await expect(one('avg(huge)')).rejects.toThrow(/Overflow in HUGEINT addition/);
    const { pairs } = await cellsAndExact('huge');
    for (const [cell, exact] of pairs) {
      expect(exact).not.toBeNull();
      expect(cell).toBe(exact);
    }
  });

  it('given 2^127 − 1, −2^127, 0 and 1 in turns, when averaged by g across c, then the Total is raw avg’s 0 (as DOUBLEs it was 0.25) and every cell the exact mean', async () => {
    expect(await one('avg(edges)')).toBe('0.0');
    const { pairs, total } = await cellsAndExact('edges');
    expect(total).toBe('0.0');
    for (const [cell, exact] of pairs) expect(cell).toBe(exact);
  });

  it('given a UHUGEINT of 2^54 and 1s, when averaged, then every cell is the exact sum over the count, not DuckDB’s sum of DOUBLEs', async () => {
    const { pairs, total } = await cellsAndExact('uhuge');
    expect(total).toBe(String((2 ** 54 + 19) / 20));
    for (const [cell, exact] of pairs) expect(cell).toBe(exact);
  });

  it('given an Average of a HUGEINT, when its Open as SQL runs in raw DuckDB, then it gives the app’s numbers', async () => {
    for (const values of ['huge', 'edges']) {
      const spec: PivotSpec = { rows: ['g'], columns: ['c'], values, aggregate: 'Average' };
      const p = await page(spec);
      const sql = pivotOpenAsSql(spec, SQL, { keys: [['0'], ['1'], ['2']], distinct: 3 }, result.columns);
      const opened = (await raw().runAndReadAll(sql)).getRowsJS().map((r) => r.slice(1).map((v) => (v === null ? null : String(v))));
      expect(opened).toEqual(pivotRows(p).map((r) => r.slice(2).map((v) => (v === null ? null : String(Number(v))))));
    }
  });

  it('given HUGEINTs whose sum is beyond its range, when summed, then the error says so in plain words, with an error id', async () => {
    await expect(one('sum(huge)')).rejects.toThrow(/Overflow in HUGEINT addition/);
    const p = await result.pivots.page(result.queryId, { rows: ['g'], columns: [], values: 'huge', aggregate: 'Sum' }, 0, 100);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.error.message).toBe("The sum of huge is beyond HUGEINT's range, about ±1.7e38, so DuckDB cannot add it exactly. Average (computed as a DOUBLE), Min and Max still work.");
    expect(p.error.id).toMatch(/\S/);
    expect(p.error.cause?.message).toMatch(/Overflow in HUGEINT addition/);
  });

  it('given HUGEINTs and a DECIMAL(38,10) whose sums fit, when summed, then the sums stay exact, in their own types, digit for digit raw DuckDB’s', async () => {
    for (const values of ['small', 'dec']) {
      const p = await page({ rows: ['g'], columns: [], values, aggregate: 'Sum' });
      const [total, g0, g1] = pivotRows(p);
      expect(p.columns[2]?.type).toBe((await one(`typeof(sum(${values}))`))!);
      expect(p.columns[2]?.type).not.toBe('DOUBLE');
      expect([total?.[2], g0?.[2], g1?.[2]]).toEqual([await one(`sum(${values})`), await one(`sum(${values}) FILTER (WHERE g = 'g0')`), await one(`sum(${values}) FILTER (WHERE g = 'g1')`)]);
    }
  });

  it('given a BIGINT-range HUGEINT, when averaged, then DuckDB’s exact avg is kept', async () => {
    const p = await page({ rows: ['g'], columns: [], values: 'small', aggregate: 'Average' });
    expect(pivotRows(p)[0]?.[2]).toBe(await one('avg(small)'));
  });
});

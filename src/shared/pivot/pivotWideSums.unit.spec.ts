import { describe, expect, it } from 'vitest';
import type { AppError } from '../contracts/errors';
import { boundPivotSql } from './pivotBound';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { sumOverflowInWords } from './pivotOverflow';
import { sumsNearHugeintRange } from '../explore/columnKind';
import { pivotPartialSql, pivotSelectSql } from './pivotSql';
import type { PivotSpec } from './pivotSpec';

/** An Average or a Sum of a column DuckDB sums in a HUGEINT, which values near ±1.7e38 overflow. */
const average: PivotSpec = { rows: ['g'], columns: [], values: 'huge', aggregate: 'Average' };
const sum: PivotSpec = { ...average, aggregate: 'Sum' };
const keys = { keys: [['1']], distinct: 1 };
const options = { names: 'positional', value: () => '?' } as const;

describe('which Values columns DuckDB sums near HUGEINT’s range', () => {
  it('given HUGEINT and DECIMAL wider than 18 digits, then yes; narrower integers, decimals and floats, no', () => {
    expect(['HUGEINT', 'hugeint', 'DECIMAL(38,10)', 'DECIMAL(19,0)'].map(sumsNearHugeintRange)).toEqual([true, true, true, true]);
    expect(['BIGINT', 'UBIGINT', 'UHUGEINT', 'INTEGER', 'DECIMAL(18,3)', 'DOUBLE'].map(sumsNearHugeintRange)).toEqual([false, false, false, false, false, false]);
  });
});

describe('an Average of a HUGEINT', () => {
  it('given a HUGEINT, UHUGEINT or DECIMAL(38,0) Values column, when the partial groups are written, then they keep the sums of each value’s high and low 64 bits', () => {
    expect(pivotPartialSql(average, 'rel', 'HUGEINT')).toContain('sum((v >> 64)::BIGINT) AS sh, sum((v & 18446744073709551615)::UBIGINT) AS sl, count(v) AS n');
    expect(pivotPartialSql(average, 'rel', 'UHUGEINT')).toContain('sum((v >> 64)::UBIGINT) AS sh');
    expect(pivotPartialSql(average, 'rel', 'DECIMAL(38,0)')).toContain('sum((v::HUGEINT >> 64)::BIGINT) AS sh');
    expect(pivotPartialSql(average, 'rel', 'HUGEINT')).not.toContain('DOUBLE) AS');
  });

  it('given a DECIMAL(38,10), when the partial groups are written, then they sum DOUBLEs with Kahan’s fsum (as the profile’s favg)', () => {
    expect(pivotPartialSql(average, 'rel', 'DECIMAL(38,10)')).toContain('fsum(v::DOUBLE) AS s, count(v) AS n');
  });

  it('given a HUGEINT, when the pivot combines the parts (from a table, or over the rows), then the halves combine by sums, rounded to a DOUBLE once', () => {
    const parted = pivotSelectSql({ ...average, columns: ['c'] }, 'rel', keys, { ...options, partialTable: 'part', valueType: 'HUGEINT' });
    expect(parted).toContain('sum(CASE WHEN k = 1 THEN sh END) AS v0_sh, sum(CASE WHEN k = 1 THEN sl END) AS v0_sl');
    expect(parted).not.toContain('fsum');
    const rollup = pivotSelectSql(average, 'rel', keys, { ...options, valueType: 'HUGEINT' });
    expect(rollup).toContain('sum((v >> 64)::BIGINT) AS sh');
    expect(rollup).toMatch(/\(\(sum\(sh\) \+ \(sum\(sl\) >> 64\)\) \* 18446744073709551616 \+ \(sum\(sl\) & 18446744073709551615\)\)::DOUBLE/);
  });

  it('given a BIGINT or a DECIMAL(18,3), when averaged, then DuckDB’s exact sum is kept until the division', () => {
    for (const type of ['BIGINT', 'DECIMAL(18,3)']) {
      expect(pivotPartialSql(average, 'rel', type)).toContain('sum(v) AS s, count(v) AS n');
      expect(pivotPartialSql(average, 'rel', type)).not.toContain('DOUBLE');
    }
  });

  it('given a HUGEINT, when summed, then the sum stays exact (a HUGEINT, never a DOUBLE)', () => {
    expect(pivotPartialSql(sum, 'rel', 'HUGEINT')).toContain('sum(v) AS s');
    expect(pivotPartialSql(sum, 'rel', 'HUGEINT')).not.toContain('DOUBLE');
    expect(pivotPartialSql(sum, 'rel', 'DECIMAL(38,10)')).not.toContain('DOUBLE');
  });

  it('given the app’s bound SQL and Open as SQL, when averaging a HUGEINT, then both sum its halves, so the editor gives the app’s numbers', () => {
    const halves = 'sum((v >> 64)::BIGINT) AS sh';
    expect(boundPivotSql(average, { relation: 'rel', params: [], partialTable: undefined, valueType: 'HUGEINT' }, { keys: [], distinct: 0 }).sql).toContain(halves);
    expect(pivotOpenAsSql(average, 'select 1', { keys: [], distinct: 0 }, [{ name: 'g', type: 'VARCHAR' }, { name: 'huge', type: 'HUGEINT' }])).toContain(halves);
  });
});

describe('a Sum beyond HUGEINT’s range', () => {
  const duckdb: AppError = { id: 'e1', code: 'SQL_ERROR', message: 'Out of Range Error: Overflow in HUGEINT addition: 170141183460469231731687303715884105726 + 170141183460469231731687303715884105725' };

  it('given DuckDB’s overflow of a Sum of a HUGEINT, then it is said in plain words, with the same id and DuckDB’s words kept as the cause', () => {
    const said = sumOverflowInWords(duckdb, sum, 'HUGEINT');
    expect(said.message).toBe("The sum of huge is beyond HUGEINT's range, about ±1.7e38, so DuckDB cannot add it exactly. Average (computed as a DOUBLE), Min and Max still work.");
    expect(said.message).not.toContain('1701411834');
    expect(said).toMatchObject({ id: 'e1', code: 'SQL_ERROR', cause: { message: duckdb.message } });
  });

  it('given a DECIMAL(38,10), then it names the type DuckDB sums it in', () => {
    expect(sumOverflowInWords(duckdb, sum, 'DECIMAL(38,10)').message).toMatch(/^The sum of huge is beyond the range DuckDB sums a DECIMAL\(38,10\) in \(HUGEINT's\)/);
  });

  it('given another failure, or another aggregate, then the error is returned as it is', () => {
    const other: AppError = { ...duckdb, message: 'IO Error: disk full' };
    expect(sumOverflowInWords(other, sum, 'HUGEINT')).toBe(other);
    expect(sumOverflowInWords(duckdb, { ...sum, aggregate: 'Max' }, 'HUGEINT')).toBe(duckdb);
  });
});

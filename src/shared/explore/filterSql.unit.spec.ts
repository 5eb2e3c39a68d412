import { describe, expect, it } from 'vitest';
import { filterCondition } from './filterSql';

const param = (v: string) => `<${v}>`;

describe('filterCondition', () => {
  it('given null tests, when built, then they ignore the value renderer', () => {
    expect(filterCondition({ column: 0, op: 'isNull' }, 'c0', 'BIGINT', param)).toBe('c0 IS NULL');
    expect(filterCondition({ column: 0, op: 'notNull' }, 'c0', 'BIGINT', param)).toBe('c0 IS NOT NULL');
  });

  it('given contains, when built, then it matches the shown text ignoring case', () => {
    expect(filterCondition({ column: 1, op: 'contains', value: "O'Hare" }, '"origin"', 'VARCHAR', param)).toBe(`contains(lower(CAST("origin" AS VARCHAR)), lower(<O'Hare>))`);
  });

  it("given a comparison, when built, then it compares in the column's type, text as text", () => {
    expect(filterCondition({ column: 2, op: 'ge', value: '10' }, 'c2', 'BIGINT', param)).toBe('c2 >= TRY_CAST(<10> AS BIGINT)');
    expect(filterCondition({ column: 2, op: 'lt', value: '2001-01-01' }, 'c2', 'DATE', param)).toBe('c2 < TRY_CAST(<2001-01-01> AS DATE)');
    expect(filterCondition({ column: 3, op: 'ne', value: 'SFO' }, 'c3', 'VARCHAR', param)).toBe('c3 <> <SFO>');
  });

  it('given a date alone as <= or > on a timestamp column, when built, then it bounds by the next midnight in the column’s type, so the day is whole', () => {
    expect(filterCondition({ column: 2, op: 'le', value: '2001-03-31' }, 'c2', 'TIMESTAMP', param)).toBe('c2 < TRY_CAST(TRY_CAST(<2001-03-31> AS DATE) + 1 AS TIMESTAMP)');
    expect(filterCondition({ column: 2, op: 'gt', value: '2001-03-31' }, 'c2', 'TIMESTAMP WITH TIME ZONE', param)).toBe('c2 >= TRY_CAST(TRY_CAST(<2001-03-31> AS DATE) + 1 AS TIMESTAMP WITH TIME ZONE)');
    expect(filterCondition({ column: 2, op: 'le', value: '2001-03-31' }, 'c2', 'TIMESTAMP_NS', param)).toBe('c2 < TRY_CAST(TRY_CAST(<2001-03-31> AS DATE) + 1 AS TIMESTAMP_NS)');
    // a DATE is whole days already, a time keeps its instant, text compares as text, and < / >= start at midnight anyway
    expect(filterCondition({ column: 2, op: 'le', value: '2001-03-31' }, 'c2', 'DATE', param)).toBe('c2 <= TRY_CAST(<2001-03-31> AS DATE)');
    expect(filterCondition({ column: 2, op: 'le', value: '2001-03-31 00:00:00' }, 'c2', 'TIMESTAMP', param)).toBe('c2 <= TRY_CAST(<2001-03-31 00:00:00> AS TIMESTAMP)');
    expect(filterCondition({ column: 2, op: 'le', value: '2001-03-31' }, 'c2', 'VARCHAR', param)).toBe('c2 <= <2001-03-31>');
    expect(filterCondition({ column: 2, op: 'ge', value: '2001-03-01' }, 'c2', 'TIMESTAMP', param)).toBe('c2 >= TRY_CAST(<2001-03-01> AS TIMESTAMP)');
    expect(filterCondition({ column: 2, op: 'le', value: "2001-03-31'; drop table t; --" }, 'c2', 'TIMESTAMP', () => '$1')).toBe('c2 <= TRY_CAST($1 AS TIMESTAMP)');
  });

  it('given = or != and a date alone on a timestamp column, when built, then the day is whole: from its midnight to the next, or the rest', () => {
    expect(filterCondition({ column: 2, op: 'eq', value: '2001-03-31' }, 'c2', 'TIMESTAMP', param)).toBe('(c2 >= TRY_CAST(<2001-03-31> AS TIMESTAMP) AND c2 < TRY_CAST(TRY_CAST(<2001-03-31> AS DATE) + 1 AS TIMESTAMP))');
    expect(filterCondition({ column: 2, op: 'ne', value: '2001-03-31' }, 'c2', 'TIMESTAMPTZ', param)).toBe('(c2 < TRY_CAST(<2001-03-31> AS TIMESTAMPTZ) OR c2 >= TRY_CAST(TRY_CAST(<2001-03-31> AS DATE) + 1 AS TIMESTAMPTZ))');
    // a value with a time is that instant; a DATE column's day is its value
    expect(filterCondition({ column: 2, op: 'eq', value: '2001-03-31 00:00:00' }, 'c2', 'TIMESTAMP', param)).toBe('c2 = TRY_CAST(<2001-03-31 00:00:00> AS TIMESTAMP)');
    expect(filterCondition({ column: 2, op: 'eq', value: '2001-03-31' }, 'c2', 'DATE', param)).toBe('c2 = TRY_CAST(<2001-03-31> AS DATE)');
  });

  it('given a JSON column, when compared, then its text is compared as text, never the value cast to JSON (which is NULL or malformed for plain text)', () => {
    expect(filterCondition({ column: 4, op: 'ne', value: 'hello' }, 'c4', 'JSON', param)).toBe('CAST(c4 AS VARCHAR) <> <hello>');
    expect(filterCondition({ column: 4, op: 'eq', value: '"hello"' }, 'c4', 'JSON', param)).toBe('CAST(c4 AS VARCHAR) = <"hello">');
    expect(filterCondition({ column: 4, op: 'in', values: ['1', '[]'] }, 'c4', 'JSON', param)).toBe('CAST(c4 AS VARCHAR) IN (<1>, <[]>)');
    expect(filterCondition({ column: 4, op: 'range', lo: 'a', hi: 'b' }, 'c4', 'JSON', param)).toBe('(CAST(c4 AS VARCHAR) >= <a> AND CAST(c4 AS VARCHAR) < <b>)');
  });

  it('given an ENUM or an INTERVAL, when compared, then in its own type (DuckDB’s order), the value cast as a parameter', () => {
    expect(filterCondition({ column: 5, op: 'gt', value: 'sad' }, 'c5', "ENUM('sad', 'ok', 'happy')", param)).toBe("c5 > TRY_CAST(<sad> AS ENUM('sad', 'ok', 'happy'))");
    expect(filterCondition({ column: 6, op: 'le', value: '1 day' }, 'c6', 'INTERVAL', param)).toBe('c6 <= TRY_CAST(<1 day> AS INTERVAL)');
  });

  it('given any value, when built, then the value only ever goes through the renderer', () => {
    const hostile = "'); drop table t; --\u0000🙂";
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains'] as const) {
      const sql = filterCondition({ column: 0, op, value: hostile }, 'c0', 'INTEGER', () => '$1');
      expect(sql).not.toContain('drop table');
      expect(sql).toContain('$1');
    }
  });

  it('given a brush range, when built, then numbers compare as DOUBLE over [lo, hi) and its values only go through the renderer', () => {
    expect(filterCondition({ column: 0, op: 'range', lo: '1.5', hi: '2', chart: 1 }, 'c0', 'INTEGER', param)).toBe('(CAST(c0 AS DOUBLE) >= TRY_CAST(<1.5> AS DOUBLE) AND CAST(c0 AS DOUBLE) < TRY_CAST(<2> AS DOUBLE))');
    expect(filterCondition({ column: 0, op: 'range', lo: '2001-01-01', hi: '2002-01-01' }, 'c0', 'DATE', param)).toBe('(c0 >= TRY_CAST(<2001-01-01> AS DATE) AND c0 < TRY_CAST(<2002-01-01> AS DATE))');
    const hostile = "'); drop table t; --";
    const sql = filterCondition({ column: 0, op: 'range', lo: hostile, hi: hostile }, 'c0', 'DOUBLE', () => '$1');
    expect(sql).not.toContain('drop table');
  });

  it('given several categories brushed on bars, when built, then it is an IN of each value through the renderer, cast as eq casts', () => {
    expect(filterCondition({ column: 3, op: 'in', values: ['rain', 'sun'], chart: 1 }, 'c3', 'VARCHAR', param)).toBe('c3 IN (<rain>, <sun>)');
    expect(filterCondition({ column: 2, op: 'in', values: ['1', '10'] }, 'c2', 'BIGINT', param)).toBe('c2 IN (TRY_CAST(<1> AS BIGINT), TRY_CAST(<10> AS BIGINT))');
    const hostile = "'); drop table t; --";
    const bound: string[] = [];
    const sql = filterCondition({ column: 0, op: 'in', values: [hostile, 'x'] }, 'c0', 'VARCHAR', (v) => (bound.push(v), `$${bound.length}`));
    expect(sql).toBe('c0 IN ($1, $2)');
    expect(bound).toEqual([hostile, 'x']);
  });
});

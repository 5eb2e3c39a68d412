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

  it('given any value, when built, then the value only ever goes through the renderer', () => {
    const hostile = "'); drop table t; --\u0000🙂";
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains'] as const) {
      const sql = filterCondition({ column: 0, op, value: hostile }, 'c0', 'INTEGER', () => '$1');
      expect(sql).not.toContain('drop table');
      expect(sql).toContain('$1');
    }
  });
});

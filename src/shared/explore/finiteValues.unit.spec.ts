import { describe, expect, it } from 'vitest';
import { finiteAggregate, finiteOnly, holdsNonFinite, leftOutColumns, leftOutNote, nonFiniteCounts, readLeftOut } from './finiteValues';

describe('the one rule for NaN and infinities', () => {
  it('given floats, dates and timestamps, then they hold non-finite values; integers, decimals and text do not', () => {
    expect(['DOUBLE', 'FLOAT', 'DATE', 'TIMESTAMP WITH TIME ZONE'].map(holdsNonFinite)).toEqual([true, true, true, true]);
    expect(['BIGINT', 'DECIMAL(18,3)', 'VARCHAR', 'TIME'].map(holdsNonFinite)).toEqual([false, false, false, false]);
  });

  it('given a DOUBLE, when its finite values are taken, then a CASE keeps them and NULLs the rest; other types stay as they are', () => {
    expect(finiteOnly('DOUBLE', '"a""b"')).toBe('CASE WHEN isfinite("a""b") THEN "a""b" END');
    expect(finiteOnly('DATE', 'v0', 'epoch(v0)')).toBe('CASE WHEN isfinite(v0) THEN epoch(v0) END');
    expect(finiteOnly('INTEGER', '"n"')).toBe('"n"');
  });

  it('given a float, a date and text, then NaN is counted for the float only and infinities by their sign', () => {
    expect(nonFiniteCounts('DOUBLE', 'x')).toEqual({ nan: 'count(CASE WHEN isnan(x) THEN 1 END)', inf: 'count(CASE WHEN isinf(x) AND x > 0 THEN 1 END)', negInf: 'count(CASE WHEN isinf(x) AND x < 0 THEN 1 END)' });
    expect(nonFiniteCounts('DATE', 'd').nan).toBe('0');
    expect(nonFiniteCounts('DATE', 'd').negInf).toBe("count(CASE WHEN isinf(d) AND d < '1970-01-01' THEN 1 END)");
    expect(nonFiniteCounts('VARCHAR', 't')).toEqual({ nan: '0', inf: '0', negInf: '0' });
    expect(leftOutColumns('DOUBLE', 'x')).toMatch(/ AS nan, .* AS inf, .* AS neg_inf$/);
    expect(readLeftOut({ nan: 2n, inf: 0n, neg_inf: 1n })).toEqual({ nan: 2, inf: 0, negInf: 1 });
  });

  it('given each aggregate, then all but Count are of finite values', () => {
    expect((['Count', 'Sum', 'Average', 'Median', 'Min', 'Max'] as const).map(finiteAggregate)).toEqual([false, true, true, true, true, true]);
  });

  it('given what was left out, then it is said in the profile’s words, of what; nothing when nothing was', () => {
    expect(leftOutNote({ nan: 1, inf: 1, negInf: 0 }, 'DOUBLE', 'average of score')).toBe('1 NaN, 1 inf left out of the average of score');
    expect(leftOutNote({ nan: 0, inf: 0, negInf: 1234 }, 'TIMESTAMP', 'max of at')).toBe('1,234 -infinity left out of the max of at');
    expect(leftOutNote({ nan: 0, inf: 0, negInf: 0 }, 'DOUBLE', 'sum of x')).toBeUndefined();
    expect(leftOutNote(undefined, 'DOUBLE', 'sum of x')).toBeUndefined();
  });
});

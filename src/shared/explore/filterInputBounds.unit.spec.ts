import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../contracts/protocol';
import { parseFilterInput } from './filterInput';

const message = (text: string, type: string) => {
  const r = parseFilterInput(text, 0, type);
  return r.ok ? undefined : r.message;
};

describe('a number beyond its float type: said as such, not "not a number"', () => {
  it.each([
    ['1e309', 'DOUBLE', '“1e309” is beyond the range of DOUBLE (±1.8e308)'],
    ['>-1e309', 'DOUBLE', '“-1e309” is beyond the range of DOUBLE (±1.8e308)'],
    // DuckDB casts '1e39'::FLOAT to NULL: a filter by it would match no row
    ['1e39', 'FLOAT', '“1e39” is beyond the range of FLOAT (±3.4e38)'],
    // a half-open range compares as DOUBLE, so its ends are held to DOUBLE's range
    ['0..<1e309', 'INTEGER', '“1e309” is beyond the range of DOUBLE (±1.8e308)'],
  ])('given %j on %s, then it is refused with %j', (text, type, why) => {
    expect(message(text, type)).toBe(why);
  });

  it('given the largest DOUBLE and a FLOAT within its range, then they are filters', () => {
    expect(message('1.7976931348623157e308', 'DOUBLE')).toBeUndefined();
    expect(message('1e38', 'FLOAT')).toBeUndefined();
  });
});

describe('TIME’s end of day, 24:00:00, which DuckDB casts', () => {
  it.each([
    ['24:00:00', [{ column: 0, op: 'eq', value: '24:00:00' }]],
    ['24:00', [{ column: 0, op: 'eq', value: '24:00' }]],
    ['>=24:00:00.000', [{ column: 0, op: 'ge', value: '24:00:00.000' }]],
    [
      '23:00..24:00:00',
      [
        { column: 0, op: 'ge', value: '23:00' },
        { column: 0, op: 'le', value: '24:00:00' },
      ],
    ],
  ] as [string, PageFilter[]][])('given %j on TIME, then it is a filter', (text, filters) => {
    expect(parseFilterInput(text, 0, 'TIME')).toEqual({ ok: true, filters });
  });

  it.each(['24:00:01', '24:00:00.5', '24:01', '25:00'])('given %j, which DuckDB refuses as a TIME, then it is refused', (text) => {
    expect(message(text, 'TIME')).toBe(`“${text}” is not a time (hh:mm:ss)`);
  });

  it('given 24:00 on a timestamp, then it is still refused (a time of a day ends at 23:59:59)', () => {
    expect(message('2024-01-01 24:00', 'TIMESTAMP')).toMatch(/not a timestamp/);
  });
});

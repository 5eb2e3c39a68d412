import { describe, expect, it } from 'vitest';
import { columnKind } from './columnKind';
import { profileKind } from './columnProfile';
import { parseFilterInput } from './filterInput';

describe('what a DuckDB type name means for exploring', () => {
  it.each([
    ['BIGINT', { kind: 'integer', min: -(2n ** 63n), max: 2n ** 63n - 1n }],
    ['UTINYINT', { kind: 'integer', min: 0n, max: 255n }],
    ['UHUGEINT', { kind: 'integer', min: 0n, max: 2n ** 128n - 1n }],
    ['DECIMAL(38,10)', { kind: 'decimal', precision: 38, scale: 10 }],
    ['decimal(5, 2)', { kind: 'decimal', precision: 5, scale: 2 }],
    ['DOUBLE', { kind: 'float' }],
    ['DATE', { kind: 'date' }],
    ['TIMESTAMP_NS', { kind: 'timestamp', withTimeZone: false }],
    ['TIMESTAMP WITH TIME ZONE', { kind: 'timestamp', withTimeZone: true }],
    ['TIME', { kind: 'time' }],
    ['BOOLEAN', { kind: 'boolean' }],
    ['VARCHAR', { kind: 'text' }],
    ['JSON', { kind: 'text' }],
    ["ENUM('a', 'b')", { kind: 'text' }],
    ['INTEGER[]', { kind: 'other' }],
    ['STRUCT(a INTEGER)', { kind: 'other' }],
    ['UUID', { kind: 'other' }],
  ])('reads %s', (type, kind) => {
    expect(columnKind(type)).toEqual(kind);
  });

  it('given a JSON column (DuckDB’s VARCHAR with the alias JSON), then it is text: its filter box reads words as “contains”, its profile lists frequent values', () => {
    expect(columnKind('JSON')).toEqual(columnKind('VARCHAR'));
    expect(parseFilterInput('hello', 0, 'JSON')).toEqual({ ok: true, filters: [{ column: 0, op: 'contains', value: 'hello' }] });
    expect(profileKind('JSON')).toBe('categorical');
  });

  it('gives numbers moments, dates and timestamps a time histogram, the rest frequent values', () => {
    expect(['HUGEINT', 'DECIMAL(9,3)', 'FLOAT', 'DATE', 'TIMESTAMP', 'TIME', 'BOOLEAN', 'VARCHAR', 'BLOB'].map(profileKind)).toEqual([
      'number',
      'number',
      'number',
      'temporal',
      'temporal',
      'categorical',
      'categorical',
      'categorical',
      'categorical',
    ]);
  });
});

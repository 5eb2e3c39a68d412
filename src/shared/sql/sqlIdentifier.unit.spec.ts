import { describe, expect, it } from 'vitest';
import { sqlIdentifier } from './sqlIdentifier';

describe('sqlIdentifier', () => {
  it('leaves plain names bare, whatever their case, and words DuckDB reads as names', () => {
    expect(sqlIdentifier('seattle_weather')).toBe('seattle_weather');
    expect(sqlIdentifier('Miles_per_Gallon')).toBe('Miles_per_Gallon');
    expect(sqlIdentifier('Name')).toBe('Name');
    expect(sqlIdentifier('date')).toBe('date');
  });

  it('quotes names with spaces, quotes, unicode or a leading digit, and reserved words', () => {
    expect(sqlIdentifier('Miles per Gallon')).toBe('"Miles per Gallon"');
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
    expect(sqlIdentifier('naïve')).toBe('"naïve"');
    expect(sqlIdentifier('2024')).toBe('"2024"');
    expect(sqlIdentifier('select')).toBe('"select"');
    expect(sqlIdentifier('Order')).toBe('"Order"');
    expect(sqlIdentifier('left')).toBe('"left"');
    expect(sqlIdentifier('null')).toBe('"null"');
  });
});

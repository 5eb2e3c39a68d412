import { describe, expect, it } from 'vitest';
import { NOT_A_NAME, quoteIdent, sqlIdentifier } from './sqlIdentifier';

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

describe('NOT_A_NAME', () => {
  it('knows SQL keywords, and the sample datasets are no keywords', () => {
    for (const k of ['select', 'from', 'qualify', 'pivot']) expect(NOT_A_NAME.has(k)).toBe(true);
    for (const name of ['cars', 'seattle_weather', 'flights_3m', 'penguins']) expect(NOT_A_NAME.has(name)).toBe(false);
  });
  it('names as keywords only what a name cannot be: `semi` and `group` are, `name` and `bigint` are not', () => {
    for (const k of ['semi', 'asof', 'group', 'order']) expect(NOT_A_NAME.has(k), k).toBe(true);
    for (const k of ['name', 'bigint', 'year', 'json']) expect(NOT_A_NAME.has(k), k).toBe(false);
  });
});

describe('quoteIdent', () => {
  it('always quotes, doubling a quote: a keyword, a space or emoji stays a name', () => {
    expect(quoteIdent('cars')).toBe('"cars"');
    expect(quoteIdent('a"b c')).toBe('"a""b c"');
  });
});

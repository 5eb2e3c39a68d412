import { describe, expect, it } from 'vitest';
import { DUCKDB_KEYWORDS } from './duckdbDialect';

describe('DuckDB dialect', () => {
  it('knows SQL keywords, and the sample datasets are no keywords', () => {
    for (const k of ['select', 'from', 'qualify', 'pivot']) expect(DUCKDB_KEYWORDS.has(k)).toBe(true);
    for (const name of ['cars', 'seattle_weather', 'flights_3m', 'penguins']) expect(DUCKDB_KEYWORDS.has(name)).toBe(false);
  });
});

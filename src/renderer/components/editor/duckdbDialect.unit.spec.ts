import { describe, expect, it } from 'vitest';
import { DuckDB } from './duckdbDialect';

describe('DuckDB dialect', () => {
  it('knows DuckDB’s functions and not the SQL standard’s words DuckDB lacks', () => {
    const builtin = new Set((DuckDB.spec.builtin ?? '').split(/\s+/));
    for (const f of ['regexp_matches', 'read_parquet', 'list_value', 'approx_count_distinct']) expect(builtin.has(f), f).toBe(true);
    const all = new Set(`${DuckDB.spec.keywords ?? ''} ${DuckDB.spec.builtin ?? ''} ${DuckDB.spec.types ?? ''}`.split(/\s+/));
    for (const w of ['dlurlscheme', 'xmlschema', 'scope_name']) expect(all.has(w), w).toBe(false);
  });
  it('given the generated word lists, then every word reads as itself (no `\nall`) and DuckDB’s `__internal` functions are left out', () => {
    const listed = [DuckDB.spec.keywords, DuckDB.spec.builtin, DuckDB.spec.types].flatMap((list) => (list ?? '').split(' '));
    expect(listed.filter((w) => !/^\S+$/.test(w))).toEqual([]);
    for (const w of ['all', 'with', 'abs']) expect(listed, w).toContain(w);
    expect(listed.filter((w) => w.startsWith('__internal'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { errorOffset, previewSqlFor } from './previewSql.worker';
import { locateStatement } from './statementLocation.worker';

describe('where a DuckDB error points', () => {
  it('reads the caret of a short line', () => {
    const sql = 'SELECT * FROM (\nSELECT 1,\n  nope FROM t\n) LIMIT 3';
    const message = 'Binder Error: Referenced column "nope" not found in FROM clause!\n\nLINE 3:   nope FROM t\n          ^';
    expect(errorOffset(message, sql)).toBe(sql.indexOf('nope'));
  });

  it('finds the caret in a long line DuckDB cut with "..." (its own message, copied)', () => {
    const sql = `SELECT ${Array.from({ length: 40 }, (_, i) => `${i} AS col_${i}`).join(', ')}, nope, ${Array.from({ length: 40 }, (_, i) => `${i} AS z_${i}`).join(', ')}`;
    const message = [
      'Binder Error: Referenced column "nope" was not found because the FROM clause is missing',
      '',
      'LINE 1: ..., 36 AS col_36, 37 AS col_37, 38 AS col_38, 39 AS col_39, nope, 0 AS z_0, 1 AS z_1, 2 AS z_2, 3 AS z_3, 4 AS z_4,...',
      '                                                                     ^',
    ].join('\n');
    expect(errorOffset(message, sql)).toBe(sql.indexOf('nope'));
  });

  it('says nothing when the message has no place', () => {
    expect(errorOffset('Out of Memory Error: failed', 'SELECT 1')).toBeUndefined();
  });
});

describe('the preview SQL of a CTE step', () => {
  const text = 'SELECT 0;\nWITH a AS (SELECT 1 AS x), "B c" AS (SELECT x FROM a)\nSELECT * FROM "B c"';
  const at = (needle: string) => text.indexOf(needle);
  const build = (cursor: number, names: readonly string[] = ['a', 'B c']) => {
    const located = locateStatement(text, cursor)!;
    return previewSqlFor(text, located.span, located.tokens, cursor, (path) => (path.length === 0 ? names : []));
  };

  it('keeps the WITH clause up to the step, then selects from it, and maps offsets back', () => {
    const p = build(at('x FROM a'));
    expect(p.steps).toEqual(['B c']);
    expect(p.statement.sql).toBe('WITH a AS (SELECT 1 AS x), "B c" AS (SELECT x FROM a)\nSELECT * FROM "B c"');
    expect(p.statement.origin(p.statement.sql.indexOf('x FROM a'))).toBe(at('x FROM a'));
    const shown = p.shown('"c0"', 'p("c0")');
    expect(shown.sql).toBe('SELECT "c0" FROM (\nWITH a AS (SELECT 1 AS x), "B c" AS (SELECT x FROM a)\nSELECT * FROM "B c"\n) AS p("c0") LIMIT 101');
    expect(shown.origin(shown.sql.indexOf('x FROM a'))).toBe(at('x FROM a'));
    expect(shown.origin(shown.sql.indexOf('LIMIT'))).toBeUndefined();
  });

  it('uses no step when the located names differ from the parser\'s', () => {
    const p = build(at('x FROM a'), ['a', 'other']);
    expect(p.steps).toEqual([]);
    expect(p.statement.sql).toBe('WITH a AS (SELECT 1 AS x), "B c" AS (SELECT x FROM a)\nSELECT * FROM "B c"');
  });

  it('a cursor in the statement\'s own body previews the whole statement', () => {
    expect(build(text.length).steps).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../../shared/sql/sqlTokens';
import { fileWrites } from './fileWrites.worker';

const writes = (sql: string) => fileWrites(sql, tokenize(sql));

describe('the files a statement writes, read off its tokens', () => {
  it('given COPY … TO a string, then that string, as an expression DuckDB reads (escapes and all)', () => {
    expect(writes(`COPY (select 1 as a) TO '/tmp/out.csv' (FORMAT csv)`)).toEqual([{ kind: 'expression', sql: `'/tmp/out.csv'` }]);
    expect(writes(`copy lineitem to 'it''s.parquet'`)).toEqual([{ kind: 'expression', sql: `'it''s.parquet'` }]);
    expect(writes(`COPY t (a, b) TO E'a\\tb.csv'`)).toEqual([{ kind: 'expression', sql: `E'a\\tb.csv'` }]);
  });

  it('given a computed target, a quoted name or a bare path, then each as DuckDB takes it', () => {
    expect(writes(`COPY (select 1) TO (getvariable('p') || '.csv') (HEADER)`)).toEqual([{ kind: 'expression', sql: `(getvariable('p') || '.csv')` }]);
    expect(writes(`COPY main.t TO "odd ""name"".csv"`)).toEqual([{ kind: 'path', path: 'odd "name".csv' }]);
    expect(writes(`COPY t TO out.csv (FORMAT csv)`)).toEqual([{ kind: 'path', path: 'out.csv' }]);
  });

  it('given a COPY inside PREPARE or EXPLAIN ANALYZE, then its target too', () => {
    expect(writes(`PREPARE p AS COPY (select 1) TO 'x.csv'`)).toEqual([{ kind: 'expression', sql: `'x.csv'` }]);
    expect(writes(`EXPLAIN ANALYZE COPY t TO 'y.csv'`)).toEqual([{ kind: 'expression', sql: `'y.csv'` }]);
  });

  it('given EXPORT DATABASE, with or without a database name, then its directory', () => {
    expect(writes(`EXPORT DATABASE '/tmp/dump' (FORMAT parquet)`)).toEqual([{ kind: 'expression', sql: `'/tmp/dump'` }]);
    expect(writes(`EXPORT DATABASE mydb 'dump'`)).toEqual([{ kind: 'expression', sql: `'dump'` }]);
  });

  it('given a read, a copy between databases or no COPY at all, then nothing', () => {
    expect(writes(`COPY t FROM 'in.csv'`)).toEqual([]);
    expect(writes(`COPY FROM DATABASE a TO b`)).toEqual([]);
    expect(writes(`select 'copy t to x' as copy from t`)).toEqual([]);
    expect(writes(`select (copy) from t`)).toEqual([]);
  });
});

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

  it('given a source written with blanks or comments inside its name, then the target after its TO still', () => {
    expect(writes(`COPY main . t TO 'a.csv'`)).toEqual([{ kind: 'expression', sql: `'a.csv'` }]);
    expect(writes(`COPY main./**/t TO 'b.csv'`)).toEqual([{ kind: 'expression', sql: `'b.csv'` }]);
  });

  it('given string pieces on lines of their own, which DuckDB joins, then all of them as one expression', () => {
    expect(writes(`COPY t TO '/t'\n'mp/x.csv' (FORMAT csv)`)).toEqual([{ kind: 'expression', sql: `'/t'\n'mp/x.csv'` }]);
    expect(writes(`EXPORT DATABASE '/tmp/re'\n'vD/dump'`)).toEqual([{ kind: 'expression', sql: `'/tmp/re'\n'vD/dump'` }]);
    expect(writes(`COPY t TO 'c.csv' WITH (FORMAT csv)`)).toEqual([{ kind: 'expression', sql: `'c.csv'` }]);
  });

  it('given a parameter as the target, or a file name pattern that leaves the folder, then one that cannot be named beforehand', () => {
    expect(writes(`PREPARE p AS COPY (select 1) TO $1 (FORMAT csv)`)).toEqual([{ kind: 'unknown', written: '$1' }]);
    expect(writes(`PREPARE p AS COPY (select 1) TO ?`)).toEqual([{ kind: 'unknown', written: '?' }]);
    expect(writes(`COPY t TO 'out' (PARTITION_BY (a), FILENAME_PATTERN '../../data/events')`)).toEqual([
      { kind: 'expression', sql: `'out'` },
      { kind: 'unknown', written: `FILENAME_PATTERN '../../data/events'` },
    ]);
    expect(writes(`COPY t TO 'out' (PARTITION_BY (a), FILENAME_PATTERN 'part_{i}')`)).toEqual([{ kind: 'expression', sql: `'out'` }]);
  });

  it('given profiling_output set or pragma’d, then the file each query’s profile is written over', () => {
    expect(writes(`SET profiling_output = '/tmp/p.json'`)).toEqual([{ kind: 'expression', sql: `'/tmp/p.json'` }]);
    expect(writes(`set global profile_output to 'q.json'`)).toEqual([{ kind: 'expression', sql: `'q.json'` }]);
    expect(writes(`PRAGMA profiling_output('r.json')`)).toEqual([{ kind: 'expression', sql: `'r.json'` }]);
    // a column of that name is no setting
    expect(writes(`select profiling_output from runs`)).toEqual([]);
  });

  it('given another setting that names a file or folder DuckDB writes, or a log’s storage_path, then its target', () => {
    for (const setting of ['log_query_path', 'temp_directory', 'secret_directory', 'extension_directory']) {
      expect(writes(`SET ${setting} = '/d/x'`), setting).toEqual([{ kind: 'expression', sql: `'/d/x'` }]);
    }
    expect(writes(`CALL enable_logging(storage = 'file', storage_path = '/d/log')`)).toEqual([{ kind: 'expression', sql: `'/d/log'` }]);
    expect(writes(`CALL enable_logging(storage_path := '/d/log', storage = 'file')`)).toEqual([{ kind: 'expression', sql: `'/d/log'` }]);
  });

  it('given a read, a copy between databases or no COPY at all, then nothing', () => {
    expect(writes(`COPY t FROM 'in.csv'`)).toEqual([]);
    expect(writes(`COPY FROM DATABASE a TO b`)).toEqual([]);
    expect(writes(`select 'copy t to x' as copy from t`)).toEqual([]);
    expect(writes(`select (copy) from t`)).toEqual([]);
  });
});

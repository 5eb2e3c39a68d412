import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewAnswer } from '../../shared/instant/preview';
import { literal } from '../query/sql';
import { runPreview } from './previewRunner.worker';
import { PREVIEW_SAMPLE } from './previewSample.worker';

/**
 * The corpus of what may preview, through the real parser: DuckDB in memory, one small dataset
 * view `t` over a CSV, and a folder every write would land in (it must stay as it was).
 */
let dir: string;
let instance: DuckDBInstance;
let admin: DuckDBConnection;
let secret: string;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sextant-preview-corpus-'));
  secret = join(dir, 'secret.csv');
  writeFileSync(secret, 'password\nhunter2\n');
  writeFileSync(join(dir, 't.csv'), 'a,b\n1,x\n2,y\n');
  instance = await DuckDBInstance.create(':memory:');
  admin = await instance.connect();
  await admin.run(`CREATE VIEW t AS SELECT * FROM read_csv(${literal(join(dir, 't.csv'))})`);
});
afterAll(() => {
  admin.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const preview = (sql: string, cursor = sql.length): Promise<PreviewAnswer> => runPreview(instance, `p${n++}`, sql, cursor, PREVIEW_SAMPLE);

const out = () => join(dir, 'out.csv');

/** Statements a preview must never run, whatever hides them. */
const refused: readonly [string, () => string][] = [
  ['COPY … TO', () => `COPY (SELECT 1) TO ${literal(out())}`],
  ['COPY table TO', () => `COPY t TO ${literal(out())} (HEADER)`],
  ['COPY … FROM', () => `COPY t FROM ${literal(secret)}`],
  ['CREATE TABLE', () => 'CREATE TABLE leaked AS SELECT 1'],
  ['CREATE VIEW', () => 'CREATE VIEW leaked AS SELECT 1'],
  ['CREATE MACRO', () => 'CREATE MACRO leaked() AS 1'],
  ['INSERT', () => 'INSERT INTO t VALUES (3, \'z\')'],
  ['UPDATE', () => 'UPDATE t SET a = 0'],
  ['DELETE', () => 'DELETE FROM t'],
  ['DROP', () => 'DROP VIEW t'],
  ['ALTER', () => 'ALTER VIEW t RENAME TO u'],
  ['ATTACH', () => `ATTACH ${literal(join(dir, 'other.duckdb'))} AS other`],
  ['DETACH', () => 'DETACH other'],
  ['INSTALL', () => 'INSTALL httpfs'],
  ['LOAD', () => 'LOAD httpfs'],
  ['SET', () => 'SET threads = 1'],
  ['RESET', () => 'RESET threads'],
  ['PRAGMA', () => 'PRAGMA enable_profiling'],
  ['CALL', () => 'CALL pragma_version()'],
  ['EXPORT DATABASE', () => `EXPORT DATABASE ${literal(join(dir, 'export'))}`],
  ['IMPORT DATABASE', () => `IMPORT DATABASE ${literal(dir)}`],
  ['CHECKPOINT', () => 'CHECKPOINT'],
  ['BEGIN', () => 'BEGIN TRANSACTION'],
  ['EXPLAIN', () => 'EXPLAIN SELECT 1'],
  ['read_csv of any file', () => "SELECT * FROM read_csv('/etc/passwd')"],
  ['read_csv_auto', () => `SELECT * FROM read_csv_auto(${literal(secret)})`],
  ['read_parquet', () => `SELECT * FROM read_parquet(${literal(join(dir, 'x.parquet'))})`],
  ['read_json', () => `FROM read_json(${literal(secret)})`],
  ['read_json_auto', () => `FROM read_json_auto(${literal(secret)})`],
  ['read_ndjson', () => `FROM read_ndjson(${literal(secret)})`],
  ['read_text', () => `SELECT content FROM read_text(${literal(secret)})`],
  ['read_blob', () => `SELECT content FROM read_blob(${literal(secret)})`],
  ['glob', () => `SELECT * FROM glob(${literal(join(dir, '*'))})`],
  ['parquet_scan', () => `SELECT * FROM parquet_scan(${literal(join(dir, 'x.parquet'))})`],
  ['parquet_metadata', () => `SELECT * FROM parquet_metadata(${literal(join(dir, 'x.parquet'))})`],
  ['sniff_csv', () => `SELECT * FROM sniff_csv(${literal(secret)})`],
  ['a file named as a table', () => `SELECT * FROM ${literal(secret)}`],
  ['a file in FROM-first syntax', () => `FROM ${literal(secret)}`],
  ['a file as a quoted identifier', () => `SELECT * FROM "${secret}"`],
  ['query() runs SQL of its own', () => "SELECT * FROM query('SELECT 1')"],
  ['json_execute_serialized_sql', () => "SELECT json_execute_serialized_sql(json_serialize_sql('SELECT 1'))"],
  ['getenv', () => "SELECT getenv('HOME')"],
  ['a CTE that hides a file read', () => `WITH x AS (SELECT * FROM read_csv(${literal(secret)})) SELECT 1`],
  ['a subquery in FROM', () => `SELECT * FROM t, (SELECT * FROM read_csv(${literal(secret)}))`],
  ['a scalar subquery', () => `SELECT (SELECT count(*) FROM read_csv(${literal(secret)})) AS n`],
  ['an EXISTS in WHERE', () => `SELECT * FROM t WHERE EXISTS (SELECT 1 FROM read_text(${literal(secret)}))`],
  ['a UNION branch', () => `SELECT a::VARCHAR FROM t UNION ALL SELECT * FROM read_csv(${literal(secret)})`],
  ['a CTE name out of scope', () => `SELECT * FROM (WITH "${secret}" AS (SELECT 1) SELECT 1), "${secret}"`],
  ['a CTE named after a later one', () => `WITH a AS (SELECT * FROM "${secret}"), "${secret}" AS (SELECT 1) SELECT * FROM a`],
];

describe('what an instant preview may run (the real parser, a corpus of statements)', () => {
  it.each(refused)('refuses %s, and says why', async (_label, sql) => {
    const before = readdirSync(dir).sort();
    const a = await preview(sql());
    expect(a.kind).toBe('refused');
    if (a.kind === 'refused') expect(a.reason.length).toBeGreaterThan(20);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(out())).toBe(false);
  });

  it('leaves the catalog as it was after the corpus', async () => {
    const rows = (await admin.runAndReadAll("SELECT count(*)::INTEGER FROM duckdb_views() WHERE NOT internal AND view_name = 't'")).getRowsJS();
    expect(rows[0]?.[0]).toBe(1);
    expect((await admin.runAndReadAll("SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'leaked'")).getRowsJS()[0]?.[0]).toBe(0);
    expect((await admin.runAndReadAll("SELECT count(*)::INTEGER FROM duckdb_databases() WHERE database_name = 'other'")).getRowsJS()[0]?.[0]).toBe(0);
    expect((await admin.runAndReadAll("SELECT current_setting('threads')::INTEGER")).getRowsJS()[0]?.[0]).not.toBe(1);
  });

  it('a macro of the person’s named json_serialize_sql cannot answer for DuckDB’s: a write stays refused', async () => {
    // it would say every statement is `SELECT 1`, a query a preview may run
    await admin.run("CREATE MACRO json_serialize_sql(s) AS system.main.json_serialize_sql('SELECT 1')");
    try {
      expect((await preview('UPDATE t SET a = 0')).kind).toBe('refused');
      expect((await admin.runAndReadAll('SELECT sum(a)::INTEGER FROM t')).getRowsJS()[0]?.[0]).toBe(3);
    } finally {
      await admin.run('DROP MACRO json_serialize_sql');
    }
  });

  it('a write inside a CTE does not parse: DuckDB says so, nothing runs', async () => {
    const a = await preview("WITH w AS (INSERT INTO t VALUES (3, 'z') RETURNING *) SELECT * FROM w");
    expect(a.kind).toBe('invalid');
    expect((await admin.runAndReadAll('SELECT count(*)::INTEGER FROM t')).getRowsJS()[0]?.[0]).toBe(2);
  });

  it('previews only the statement under the cursor: a write beside it is neither run nor blocks it', async () => {
    const sql = `SELECT 1 AS one; COPY (SELECT 1) TO ${literal(out())}`;
    expect(await preview(sql, 3)).toMatchObject({ kind: 'rows', values: [['1']] });
    expect(await preview(sql)).toMatchObject({ kind: 'refused', statement: { from: 17 } });
    expect(existsSync(out())).toBe(false);
  });

  /** Reads that preview: keywords in strings, comments and quoted names are text, not statements. */
  const allowed: readonly [string, string, string | null][] = [
    ['a dataset', 'SELECT a FROM t ORDER BY a', '1'],
    ['FROM-first', 'FROM t SELECT b ORDER BY b', 'x'],
    ['VALUES', 'VALUES (5), (6)', '5'],
    ['range()', 'SELECT * FROM range(3)', '0'],
    ['DuckDB\'s own catalog', "SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name <> 'nothing'", 'false'],
    ['a keyword in a string', "SELECT 'COPY t TO ''x.csv''; DROP VIEW t' AS s", "COPY t TO 'x.csv'; DROP VIEW t"],
    ['a semicolon in a quoted name', 'SELECT 1 AS "a;DROP VIEW t"', '1'],
    ['a semicolon in a comment', 'SELECT 2 /* ; COPY t TO \'x\' */ AS two -- ; DROP VIEW t', '2'],
    ['a dollar-quoted string', 'SELECT $$x; DROP VIEW t$$ AS s', 'x; DROP VIEW t'],
    ['an escaped string', "SELECT E'a\\'; b' AS s", "a'; b"],
    ['a CTE chain', 'WITH x AS (SELECT a FROM t), y AS (SELECT a * 10 AS a FROM x) SELECT * FROM y ORDER BY a', '10'],
    ['a recursive CTE', 'WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3) SELECT max(i) FROM r', '3'],
    ['a set operation', 'SELECT 1 UNION ALL SELECT 2 ORDER BY 1', '1'],
  ];
  it.each(allowed)('previews %s', async (_label, sql, first) => {
    const a = await preview(sql);
    if (a.kind !== 'rows') throw new Error(JSON.stringify(a));
    expect(a.values[0]?.[0]).toBe(first);
    expect((await admin.runAndReadAll("SELECT count(*)::INTEGER FROM duckdb_views() WHERE view_name = 't'")).getRowsJS()[0]?.[0]).toBe(1);
  });

  it('answers none when the cursor is on no statement', async () => {
    expect(await preview('')).toEqual({ kind: 'none' });
    expect(await preview('-- only a comment\n/* and another */')).toEqual({ kind: 'none' });
    expect(await preview(' ; ; ')).toEqual({ kind: 'none' });
  });

  it('a table that does not exist gets DuckDB\'s own message, not a refusal', async () => {
    const a = await preview('SELECT * FROM nowhere');
    expect(a).toMatchObject({ kind: 'invalid', position: 14 });
  });
});

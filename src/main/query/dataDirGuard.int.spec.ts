import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { tempDir } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

/**
 * A person's SQL cannot write a file into the data folder (real core, real DuckDB, real files): a
 * COPY over events.sqlite replaced the event log, and the next start found a CSV.
 */
describe('the data folder, kept from COPY … TO and EXPORT DATABASE', () => {
  const started = useTestCore('all');
  const outside = tempDir('sextant-outside-');
  afterAll(() => outside.remove());
  let sessionId: string;
  beforeAll(() => {
    sessionId = openSessions(started.core().projections.current.view)[0]!.id;
  });
  const run = async (sql: string) => {
    const core = started.core();
    const end = await queryEnd(core, sessionId, await startQuery(core, sessionId, sql));
    return end.type === 'QueryFailed' ? { type: end.type, code: end.payload.error.code, message: end.payload.error.message, id: end.payload.error.id } : { type: end.type };
  };
  const refused = { type: 'QueryFailed', code: 'DATA_DIR_PROTECTED' };

  it('given a COPY over the event log, then it is refused with an id, and the log is the same file, still SQLite', async () => {
    const log = join(started.dir(), 'events.sqlite');
    const before = statSync(log).ino;
    const outcome = await run(`COPY (select 'garbage' as a) TO '${log}' (FORMAT csv)`);
    expect(outcome).toMatchObject(refused);
    expect(outcome.message).toBe(`${log} is in Sextant's data folder (${started.dir()}), which holds its event log and results: write the file somewhere else.`);
    expect(outcome.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(statSync(log).ino).toBe(before);
    expect(readFileSync(log).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('given the same target computed, relative, through a link, or as a folder holding the data folder, then each is refused', async () => {
    const dir = started.dir();
    expect(await run(`SET VARIABLE p = '${join(dir, 'checkpoints')}'; COPY (select 1 as a) TO (getvariable('p') || '.sqlite')`)).toMatchObject(refused);
    expect(await run(`COPY (select 1 as a) TO '${relative(process.cwd(), join(dir, 'duckdb', 'workspace.duckdb'))}'`)).toMatchObject(refused);
    const link = join(outside.path, 'to-data');
    symlinkSync(dir, link);
    expect(await run(`COPY (select 1 as a) TO '${join(link, 'x.csv')}'`)).toMatchObject(refused);
    // a partitioned write with OVERWRITE empties its folder first
    expect(await run(`COPY (select 1 as a, 2 as b) TO '${dirname(dir)}' (FORMAT parquet, PARTITION_BY (a), OVERWRITE)`)).toMatchObject(refused);
    expect(await run(`EXPORT DATABASE '${join(dir, 'dump')}'`)).toMatchObject(refused);
    expect(await run(`PREPARE p AS COPY (select 1 as a) TO '${join(dir, 'logs', 'x.csv')}'`)).toMatchObject(refused);
    expect(existsSync(join(dir, 'dump'))).toBe(false);
  });

  it('given the ways round a first version of the guard (a review found them), then each is refused and the log stays SQLite', async () => {
    const dir = started.dir();
    const log = join(dir, 'events.sqlite');
    const [head, tail] = [log.slice(0, 3), log.slice(3)];
    await run(`CREATE TABLE g AS SELECT 'x' AS a`);
    const attempts = [
      // a name with blanks or a comment inside, so the TO was never reached
      `COPY main . g TO '${log}' (FORMAT csv)`,
      `COPY main./**/g TO '${log}' (FORMAT csv)`,
      // string pieces DuckDB joins across a newline
      `COPY g TO '${head}'\n'${tail}' (FORMAT csv)`,
      // a parameter, named only when executed
      `PREPARE p2 AS COPY (select 'x' AS a) TO $1 (FORMAT csv)`,
      // a line comment DuckDB ends at a lone carriage return
      `SELECT 1; -- x\rCOPY (select 'x' AS a) TO '${log}' (FORMAT csv)`,
      // file: URLs DuckDB reads as local paths
      `COPY g TO 'file://localhost${log}' (FORMAT csv)`,
      `COPY g TO 'file:${log}' (FORMAT csv)`,
      // ~ as DuckDB's home_directory says
      `SET home_directory = '${dir}'; COPY g TO '~/events.sqlite' (FORMAT csv)`,
      // the profile each query writes over its file in place
      `SET profiling_output = '${log}'`,
      // a file name pattern climbing out of the target's folder
      `COPY g TO '${join(outside.path, 'parts')}' (FORMAT csv, PARTITION_BY (a), FILENAME_PATTERN '../../data/events', FILE_EXTENSION 'sqlite')`,
    ];
    for (const sql of attempts) expect(await run(sql), sql).toMatchObject(refused);
    // `..` after a link climbs from where the link leads
    mkdirSync(join(dir, 'sub'), { recursive: true });
    symlinkSync(join(dir, 'sub'), join(outside.path, 'lnk'));
    expect(await run(`COPY g TO '${join(outside.path, 'lnk')}/../events.sqlite' (FORMAT csv)`)).toMatchObject(refused);
    await run(`RESET home_directory`);
    expect(readFileSync(log).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('given a setting or a call that has DuckDB write into the data folder, then each is refused and the files stay what they were', async () => {
    const dir = started.dir();
    const workspace = join(dir, 'duckdb', 'workspace.duckdb');
    const before = readFileSync(workspace).subarray(0, 64);
    const attempts = [
      // each query's text written over the file's first bytes: DuckDB could not open workspace.duckdb again
      `SET log_query_path = '${workspace}'`,
      `SET log_query_path = '${join(dir, 'events.sqlite')}'`,
      `SET temp_directory = '${join(dir, 'spill')}'`,
      `SET secret_directory = '${dir}'`,
      `SET extension_directory = '${dir}'`,
      `CALL enable_logging(storage = 'file', storage_path = '${dir}')`,
      `CALL enable_logging(storage = 'file', storage_path := '${join(dir, 'logs', 'x.csv')}')`,
    ];
    for (const sql of attempts) expect(await run(sql), sql).toMatchObject(refused);
    await run('select 1');
    expect(readFileSync(workspace).subarray(0, 64)).toEqual(before);
    expect(existsSync(join(dir, 'duckdb_log_entries.csv'))).toBe(false);
    // elsewhere they are DuckDB's to use
    expect(await run(`SET log_query_path = '${join(outside.path, 'queries.log')}'; SET log_query_path = ''`)).toEqual({ type: 'QueryCompleted' });
  });

  it('given a computed target DuckDB cannot name before it runs, then it is refused rather than guessed', async () => {
    const outcome = await run(`COPY (select 1 as a) TO (getvariable('never_set'))`);
    expect(outcome).toMatchObject(refused);
    expect(outcome.message).toMatch(/^Sextant cannot tell which file \(getvariable\('never_set'\)\) names before it runs/);
  });

  it('given a COPY or an EXPORT anywhere else, then it writes as DuckDB does', async () => {
    const file = join(outside.path, 'out.csv');
    expect(await run(`COPY (select 42 as answer) TO '${file}' (HEADER)`)).toEqual({ type: 'QueryCompleted' });
    expect(readFileSync(file, 'utf8')).toBe('answer\n42\n');
    mkdirSync(join(outside.path, 'sub'));
    expect(await run(`SET VARIABLE q = '${join(outside.path, 'sub', 'v.csv')}'; COPY (select 1 as a) TO (getvariable('q'))`)).toEqual({ type: 'QueryCompleted' });
    expect(existsSync(join(outside.path, 'sub', 'v.csv'))).toBe(true);
    expect(await run(`EXPORT DATABASE '${join(outside.path, 'dump')}'`)).toEqual({ type: 'QueryCompleted' });
    expect(existsSync(join(outside.path, 'dump', 'schema.sql'))).toBe(true);
  });
});

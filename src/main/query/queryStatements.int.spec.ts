import { beforeEach, describe, expect, it } from 'vitest';
import { noRunCallbacks } from '../../../test/support/noRunCallbacks';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { runIntoTable } from './resultWriter.worker';
import { RESULTS_SCHEMA } from './sql';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

describe('what a statement without a result set, and a failing statement of several, record (real DuckDB)', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });

  const run = async (sql: string) => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, sql);
    return { queryId, end: await queryEnd(core, sessionId, queryId) };
  };
  const resultTables = async () =>
    (await core.queryWorker.request({ type: 'read', sql: "select count(*)::int as n from duckdb_tables() where schema_name = 'sextant_results'" }))[0]?.['n'];

  it('given CREATE TABLE, SET and ATTACH, when each runs, then it completes with no columns and leaves no result table', async () => {
    const before = await resultTables();
    for (const sql of ['create table walk_v(a int)', 'set threads=2', "attach ':memory:' as m2", 'select 1; create table walk_w as select 7 as a']) {
      const { queryId, end } = await run(sql);
      expect(end.type, sql).toBe('QueryCompleted');
      expect(end.type === 'QueryCompleted' && { rowCount: end.payload.rowCount, columns: end.payload.columns }, sql).toEqual({ rowCount: 0, columns: [] });
      const page = await core.runner.fetchPage(queryId, 0, 10);
      expect(page.ok && page.value, sql).toMatchObject({ complete: true, totalRows: 0, columns: [], values: [] });
      // not a kept result the cache could evict, whose SQL a later page would run again (the CREATE once more)
      expect((core.runner as unknown as { cache: { completed: ReadonlyMap<string, string> } }).cache.completed.has(queryId), sql).toBe(false);
    }
    expect(await resultTables()).toBe(before);
    // the statements did run
    expect(await core.queryWorker.request({ type: 'read', sql: "select count(*)::int as n from duckdb_tables() where table_name in ('walk_v', 'walk_w')" })).toEqual([{ n: 2 }]);
  });

  it('given queries that return rows, or none, when they run, then they keep their columns: only statements without a result set lose them', async () => {
    await run('create table t_rows(a int)');
    const counted = await run('select count(*) as Count from t_rows where false');
    expect(counted.end.type === 'QueryCompleted' && counted.end.payload).toMatchObject({ rowCount: 1, columns: [{ name: 'Count', type: 'BIGINT' }] });
    const none = await run('select a from t_rows where false');
    expect(none.end.type === 'QueryCompleted' && none.end.payload).toMatchObject({ rowCount: 0, columns: [{ name: 'a', type: 'INTEGER' }] });
    // DuckDB counts the rows an INSERT changed: a result of one row, as its CLI shows it
    const inserted = await run('insert into t_rows values (1), (2)');
    expect(inserted.end.type === 'QueryCompleted' && inserted.end.payload).toMatchObject({ rowCount: 1, columns: [{ name: 'Count', type: 'BIGINT' }] });
  });

  it('given three statements whose second fails, when they run, then the failure says "Statement 2 of 3" and carries the numbers', async () => {
    const { end } = await run('select 1;\nselect * from nosuch2;\nselect 3');
    expect(end.type).toBe('QueryFailed');
    const error = end.type === 'QueryFailed' ? end.payload.error : undefined;
    expect(error?.code).toBe('SQL_ERROR');
    expect(error?.message).toMatch(/^Statement 2 of 3: Catalog Error: Table with name nosuch2 does not exist!/);
    expect(error?.details).toMatchObject({ statement: 2, statements: 3 });
  });

  it('given a failing last statement that streams, when it fails part way, then it is numbered too; a single statement is not', async () => {
    const last = await run("select 1; select 'a'::int from range(3000)");
    expect(last.end.type === 'QueryFailed' && last.end.payload.error.message).toMatch(/^Statement 2 of 2: Conversion Error: /);
    const single = await run('select * from nosuch3');
    expect(single.end.type === 'QueryFailed' && single.end.payload.error.message).toMatch(/^Catalog Error: /);
    expect(single.end.type === 'QueryFailed' && single.end.payload.error.details?.['statement']).toBeUndefined();
  });
});

describe('a script of comments and semicolons only (real DuckDB)', () => {
  const started = useTestCore();
  const duck = useRunSlot();
  const scripts = ['-- only a comment', ';', '/* block */', ' ;\n-- a\n;; /* b /* nested */ */'];

  it('given only comments or semicolons, when run, then it is refused as an empty editor is: INVALID_COMMAND, no query started, nothing recorded', async () => {
    const core = started.core();
    const sessionId = sessionOf(core);
    const before = core.store.lastSeq();
    for (const sql of scripts) {
      const ack = await core.dispatch({ type: 'StartQuery', sessionId, sql });
      expect(!ack.ok && { code: ack.error.code, message: ack.error.message }, sql).toEqual({ code: 'INVALID_COMMAND', message: 'There is no SQL statement to run.' });
    }
    expect(core.store.lastSeq()).toBe(before);
  });

  it('given only comments or semicolons, when the worker is asked to run them anyway, then it says there is no statement, not "Error in native callback"', async () => {
    for (const sql of scripts) {
      const run = runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.empty` }, { progressIntervalMs: 60_000, flushIntervalMs: 60_000, headRows: 10 }, noRunCallbacks);
      await expect(run, sql).rejects.toMatchObject({ error: { code: 'INVALID_COMMAND', message: 'There is no SQL statement to run.' } });
    }
  });
});

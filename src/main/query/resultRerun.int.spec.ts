import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;
const tableOf = (queryId: string): string => `sextant_results.q_${queryId.replaceAll('-', '')}`;

/** Pages row 0 until the re-run is over: its complete page, or the error it ended in. */
async function settled(core: TestCore, queryId: string): Promise<{ page?: Page; error?: AppError }> {
  for (let i = 0; i < 200; i++) {
    const r = await core.runner.fetchPage(queryId, 0, 100);
    if (!r.ok) return { error: r.error };
    if (r.value.complete) return { page: r.value };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the re-run never ended');
}

async function resultTables(core: TestCore): Promise<string[]> {
  const rows = await core.queryWorker.request({ type: 'read', sql: "select table_name from duckdb_tables() where schema_name = 'sextant_results'" });
  return rows.map((r) => `sextant_results.${String(r['table_name'])}`);
}

// A result re-run on demand (its table gone: evicted, a restart, an import into a fresh data dir)
// stands for the recorded one: history, status bar and grid show the recorded row count and columns.
describe('re-running a result that was not kept (real SQLite, real DuckDB)', () => {
  const dir = useTempDataDir<TestCore>();

  /** A completed query over `answers`, its table dropped, `change` applied, and the core restarted. */
  async function lostThenChanged(create: string, change: string, sql = 'select * from answers'): Promise<{ core: TestCore; queryId: string }> {
    const first = dir.keep(await startTestCore(dir.path()));
    const sessionId = sessionOf(first);
    await first.queryWorker.request({ type: 'exec', sql: create });
    const queryId = await startQuery(first, sessionId, sql);
    const end = await queryEnd(first, sessionId, queryId);
    expect(end.type).toBe('QueryCompleted');
    await first.queryWorker.request({ type: 'exec', sql: `drop table ${tableOf(queryId)}` });
    await first.queryWorker.request({ type: 'exec', sql: change });
    await first.close();
    return { core: dir.keep(await startTestCore(dir.path())), queryId };
  }

  it('refuses a re-run that now gives another row count, with an error id, and keeps no table of it', async () => {
    const { core, queryId } = await lostThenChanged('create table answers as select range as v from range(1000)', 'insert into answers select range from range(234)');
    const { page, error } = await settled(core, queryId);
    expect(page).toBeUndefined();
    expect(error).toMatchObject({ code: 'RESULT_NOT_FOUND', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error?.message).toContain('gave 1,234 rows, not the 1,000 rows it gave when it ran; run the query again for what it gives now.');
    // kept, a restart would index the table as the recorded 1,000-row result
    for (let i = 0; i < 100 && (await resultTables(core)).includes(tableOf(queryId)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await resultTables(core)).not.toContain(tableOf(queryId));
    // what reads the result whole (export, profile) is refused the same way
    const kept = core.runner.keptResult(queryId);
    expect(kept.ok ? 'kept' : kept.error.id).toBe(error?.id);
  });

  // Viewing a result (a scroll, the past, an import) must not change data: an INSERT … RETURNING ran a second time.
  it.each([
    ['an INSERT … RETURNING', 'insert into answers values (2) returning *', 'it is an INSERT statement', 2],
    ['a script that creates a table first', 'create table more as select 5 as v; select * from answers', 'statement 1 of 2 is a CREATE statement', 1],
    [
      'a PIVOT without an IN list',
      'pivot answers on v using count(*)',
      'statement 1 of 2 is a CREATE statement (DuckDB runs a PIVOT without an IN list as a CREATE TYPE, then a SELECT: with its IN list it is run again)',
      1,
    ],
  ])('refuses to re-run %s: nothing runs a second time, and it says why, with an error id', async (_, sql, which, rows) => {
    const { core, queryId } = await lostThenChanged('create table answers (v integer); insert into answers values (1)', 'drop table if exists more', sql);
    const { error } = await settled(core, queryId);
    expect(error).toMatchObject({ code: 'RESULT_NOT_FOUND', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error?.message).toBe(
      `This result was not kept, and its SQL is not run again to bring it back: ${which}, and only SELECTs, with the settings and transactions around them, are run again, so nothing changes data a second time. Run the query again yourself for what it gives now.`,
    );
    const [answers] = await core.queryWorker.request({ type: 'read', sql: 'select count(*)::integer as n, (select count(*) from duckdb_tables() where table_name = \'more\')::integer as more from answers' });
    expect(answers).toEqual({ n: rows, more: 0 });
  });

  it('re-runs a SELECT with the settings and transaction around it, and a PIVOT with its IN list', async () => {
    for (const sql of ["set TimeZone = 'UTC'; begin; select * from answers", 'pivot answers on v in (1, 2) using count(*)']) {
      const { core, queryId } = await lostThenChanged('create or replace table answers as select * from (values (1), (2)) t(v)', 'select 1', sql);
      const { page, error } = await settled(core, queryId);
      expect(error?.message, sql).toBeUndefined();
      expect(page, sql).toMatchObject({ complete: true, rerun: true });
      await core.close();
    }
  });

  it('refuses a re-run whose columns changed, even with the same row count', async () => {
    const { core, queryId } = await lostThenChanged('create table answers as select * from (values (1), (2)) t(v)', "alter table answers alter v type varchar; alter table answers add column w int");
    const { error } = await settled(core, queryId);
    expect(error?.code).toBe('RESULT_NOT_FOUND');
    expect(error?.message).toMatch(/columns.*; run the query again for what it gives now\./i);
  });

  it('shows a re-run whose columns differ only by JSON’s alias (a log that recorded VARCHAR[] for a JSON list before lists were named by their element)', async () => {
    const { core, queryId } = await lostThenChanged(`create table answers as select * from (values (['{"a": 1}']), (['[2]'])) t(j)`, 'alter table answers alter j type JSON[]');
    const { page, error } = await settled(core, queryId);
    expect(error).toBeUndefined();
    expect(page).toMatchObject({ totalRows: 2, complete: true, rerun: true });
    expect(page?.columns).toEqual([{ name: 'j', type: 'JSON[]' }]);
  });

  it('shows a re-run that gives the recorded rows and columns, as before, its pages (sorted ones too) marked as a re-run’s', async () => {
    const { core, queryId } = await lostThenChanged('create table answers as select * from (values (1), (2)) t(v)', 'update answers set v = v * 10');
    const { page } = await settled(core, queryId);
    expect(page).toMatchObject({ totalRows: 2, complete: true, values: [['10', '20']], rerun: true });
    expect(await resultTables(core)).toContain(tableOf(queryId));
    const sorted = await core.runner.fetchPage(queryId, 0, 100, { orderBy: [{ column: 0, descending: true }] });
    expect(sorted.ok && sorted.value).toMatchObject({ values: [['20', '10']], rerun: true });
    // a result of this run is not marked
    const fresh = await startQuery(core, sessionOf(core), 'select 1');
    expect((await queryEnd(core, sessionOf(core), fresh)).type).toBe('QueryCompleted');
    const page1 = await core.runner.fetchPage(fresh, 0, 100);
    expect(page1.ok && page1.value.rerun).toBeUndefined();
  });
});

import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_VIEWS } from '../../shared/history/historySchema';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery, waitForEvent } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import { crashQueryWorker } from '../../../test/support/workerFaults';

/** Runs `sql` through the app (StartQuery → worker → result table) and reads its rows back as text, row-major. */
async function run(core: TestCore, sessionId: string, sql: string) {
  const queryId = await startQuery(core, sessionId, sql);
  const end = await queryEnd(core, sessionId, queryId);
  if (end.type !== 'QueryCompleted') return { queryId, end, rows: [] as (string | null)[][] };
  const page = await core.runner.fetchPage(queryId, 0, 1000);
  if (!page.ok) throw new Error(page.error.message);
  const { values } = page.value;
  const rows = Array.from({ length: page.value.totalRows }, (_, r) => values.map((column) => column[r] ?? null));
  return { queryId, end, rows };
}

describe('the sextant schema: the history as data (real core, real DuckDB)', () => {
  const started = useTestCore('all');
  let core: TestCore;
  let sessionId: string;
  beforeAll(async () => {
    core = started.core();
    sessionId = openSessions(core.projections.current.view)[0]!.id;
    const csv = join(started.dir(), 'trips.csv');
    writeFileSync(csv, 'city,km\nOslo,3\nBergen,5\nOslo,7\n');
    await core.dispatch({ type: 'AddDataset', source: csv });
    await waitForEvent(core, (e) => (e.type === 'DatasetRegistered' ? e : undefined));
  });

  it('a completed query is in sextant.queries within a second, with its rows, duration, status, session and datasets read', async () => {
    const sql = 'select city, sum(km) as km from trips group by city';
    const queryId = await startQuery(core, sessionId, sql);
    const end = await queryEnd(core, sessionId, queryId);
    const completedAt = Date.now();
    expect(end.type).toBe('QueryCompleted');
    // How soon it shows: polled on the worker's own connection, every 20 ms.
    const visible = `select count(*)::INTEGER AS n from sextant.queries where query_id = $1 and status = 'completed'`;
    while ((await core.queryWorker.request({ type: 'read', sql: visible, params: [queryId] }))[0]?.['n'] !== 1 && Date.now() - completedAt <= 1000) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - completedAt).toBeLessThanOrEqual(1000);
    // What it shows, read through the app's own query path as a person would.
    const [row] = (await run(core, sessionId, `select sql, "rows", duration_ms, status, session_id, error_code, datasets_read, finished_at >= started_at from sextant.queries where query_id = '${queryId}'`)).rows;
    const durationMs = end.type === 'QueryCompleted' ? end.payload.durationMs : -1;
    // duration_ms is a DOUBLE: DuckDB writes a whole 55 ms as "55.0", so it is compared as a number
    expect(row?.map((v, i) => (i === 2 ? Number(v) : v))).toEqual(['select city, sum(km) as km from trips group by city', '2', durationMs, 'completed', sessionId, null, '[trips]', 'true']);
  });

  it('a failed query is there with its error code and the datasets its SQL names, and sextant.events holds every stored event', async () => {
    const { queryId, end } = await run(core, sessionId, 'select nope from trips');
    expect(end.type).toBe('QueryFailed');
    await core.history.settled();
    const { rows } = await run(core, sessionId, `select status, error_code, "rows", datasets_read from sextant.queries where query_id = '${queryId}'`);
    expect(rows).toEqual([['failed', 'SQL_ERROR', null, '[trips]']]);
    await core.history.settled();
    const last = core.store.lastSeq();
    const events = await run(core, sessionId, `select count(*), max(global_seq), count(distinct global_seq) from sextant.events where global_seq <= ${last}`);
    expect(events.rows).toEqual([[String(last), String(last), String(last)]]);
    const stored = core.store.readAggregate('QuerySession', sessionId).find((e) => e.type === 'QueryFailed' && e.payload.queryId === queryId)!;
    const failed = await run(core, sessionId, `select global_seq, type, topic, aggregate_id, aggregate_seq, json_extract_string(payload, '$.error.code') from sextant.events where type = 'QueryFailed' and json_extract_string(payload, '$.queryId') = '${queryId}'`);
    expect(failed.rows).toEqual([[String(stored.globalSeq), 'QueryFailed', stored.topic, sessionId, String(stored.aggregateSeq), 'SQL_ERROR']]);
    const sessions = await run(core, sessionId, `select status from sextant.sessions where session_id = '${sessionId}'`);
    expect(sessions.rows).toEqual([['open']]);
    const datasets = await run(core, sessionId, `select name, format, status from sextant.datasets`);
    expect(datasets.rows).toEqual([['trips', 'csv', 'registered']]);
  });

  it('each view has the columns the editor offers for completion (shared/history/historySchema.ts)', async () => {
    for (const [view, columns] of Object.entries(HISTORY_VIEWS)) {
      const described = await core.queryWorker.request({ type: 'read', sql: `select column_name, column_type from (describe sextant.${view})` });
      expect(described.map((r) => ({ name: r['column_name'], type: r['column_type'] })), view).toEqual(columns);
    }
  });

  it.each([
    ["insert into sextant.queries (sql) values ('forged')"],
    ['INSERT INTO "Sextant".main.sessions SELECT * FROM sextant.sessions'],
    ["update sextant.queries set sql = 'forged'"],
    ['delete from sextant.events'],
    ['truncate sextant.datasets'],
    ["copy sextant.queries from 'forged.csv'"],
    ['create index forged on sextant.queries(sql)'],
    ['select 1; delete from sextant.queries'],
    ['create table sextant.mine(x int)'],
    ['create table sextant.mine as select * from sextant.queries'],
    ['drop view sextant.queries'],
    ['create or replace view sextant.queries as select 1 as x'],
    ['alter view sextant.queries rename to q2'],
    ['create schema sextant.other'],
    ['detach sextant'],
    ['DETACH DATABASE IF EXISTS "SEXTANT"'],
    ['select 1; detach sextant'],
    ['detach\u00a0sextant'], // a no-break space DuckDB strips as a blank (the guard once read "detach sextant" as one word)
    ['delete from sextant_history_store.queries'],
    ['update sextant_history_store.main.queries set sql = \'forged\''],
    ['insert into sextant_history_store.events select * from sextant_history_store.events'],
    ['drop table sextant_history_store.queries'],
    ['detach sextant_history_store'],
    // ways to make the store the default, so that unqualified names write into it (in a string too)
    ["set search_path = 'sextant_history_store.main'"],
    ['SET schema = \'"SEXTANT_History_Store"\''],
    ["pragma search_path = 'temp.main,Sextant_History_Store.main'"],
    ['use "Sextant_History_Store"'],
    // the same in a string, a write following: refused after the first statement, before the write
    ["set search_path = 'sextant_history_store.main'; update queries set sql = 'forged'"],
    ["set schema = 'sextant_history_store'; delete from queries"],
    ["use 'sextant_history_store'; insert into queries (sql) values ('forged')"],
    ["explain analyze set search_path = concat('sextant_history', '_store.main'); update queries set sql = 'forged'"],
  ])('%s is refused with HISTORY_READ_ONLY and changes nothing', async (sql) => {
    await core.history.settled();
    const before = await run(core, sessionId, 'select count(*), string_agg(sql, \'|\' order by started_at) from sextant.queries');
    const { end } = await run(core, sessionId, sql);
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.error.code).toBe('HISTORY_READ_ONLY');
    expect(end.payload.error.message).toMatch(/sextant/);
    expect(end.payload.error.id).toMatch(/[0-9a-f-]{36}/);
    await core.history.settled();
    const after = await run(core, sessionId, 'select count(*), string_agg(sql, \'|\' order by started_at) from sextant.queries');
    // The refused statement and the two reads are new rows; nothing else changed.
    expect(Number(after.rows[0]![0])).toBe(Number(before.rows[0]![0]) + 2);
    // With no query before it (the first test to run), the history's text was null.
    expect(after.rows[0]![1]!.startsWith(before.rows[0]![1] ?? '')).toBe(true);
  });

  it('no path the text hides (a built string, a macro shadowing DuckDB’s parser) lets a person’s SQL write into the store, and a run leaves no such path behind', async () => {
    const { queryId } = await run(core, sessionId, 'selec 1');
    const refused = [
      // the reviewer's script, its path built where no text names the store
      "set variable p = 'sextant_history' || '_store.main'; set search_path = getvariable('p'); create table events_copy as select * from events limit 0; update queries set status = 'completed', error_message = null where sql = 'selec 1'",
      // the path alone, last in its script: the next run must not find it set
      "set search_path = concat('temp.main,', 'Sextant_History', '_Store.main')",
    ];
    for (const sql of refused) {
      const { end } = await run(core, sessionId, sql);
      expect(end.type === 'QueryFailed' && end.payload.error.code, sql).toBe('HISTORY_READ_ONLY');
    }
    // Off the store's path again: DuckDB finds no `queries` of the person's.
    const next = (await run(core, sessionId, "update queries set status = 'completed' where sql = 'selec 1'")).end;
    expect(next.type === 'QueryFailed' && next.payload.error.code).toBe('SQL_ERROR');
    // A macro of the person's named as the function the guard asks DuckDB's parser with (and the
    // worker, for the datasets a query read: it would record none, forging `datasets_read`).
    expect((await run(core, sessionId, `create macro json_serialize_sql(s) as '{"error":false}'`)).end.type).toBe('QueryCompleted');
    let readTrips: string;
    try {
      const { end } = await run(core, sessionId, "update sextant_history_store.queries set status = 'completed' where sql = 'selec 1'");
      expect(end.type === 'QueryFailed' && end.payload.error.code).toBe('HISTORY_READ_ONLY');
      readTrips = (await run(core, sessionId, 'select count(*) from trips')).queryId;
    } finally {
      await run(core, sessionId, 'drop macro json_serialize_sql');
    }
    await core.history.settled();
    const { rows } = await run(core, sessionId, `select status, (select count(*) from duckdb_tables() where database_name = 'sextant_history_store' and table_name = 'events_copy'), current_database() <> 'sextant_history_store' from sextant.queries where query_id = '${queryId}'`);
    expect(rows).toEqual([['failed', '0', 'true']]);
    const read = await run(core, sessionId, `select datasets_read from sextant.queries where query_id = '${readTrips}'`);
    expect(read.rows).toEqual([['[trips]']]);
  });

  it('a write refused as "not a table" in a script that also names a view of the person’s keeps DuckDB’s own words (it may be about that view)', async () => {
    const { end } = await run(core, sessionId, 'insert into trips (city) select sql from sextant.queries');
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.error.code).toBe('SQL_ERROR');
    expect(end.payload.error.message).toMatch(/^Catalog Error: trips is not an? table/);
  });

  it('a write of the person’s own whose strings name the store runs: a string is no way into it unless it changes the path', async () => {
    const { end, rows } = await run(core, sessionId, "create table notes (t varchar); insert into notes values ('see sextant_history_store'); select t from notes");
    expect(end.type).toBe('QueryCompleted');
    expect(rows).toEqual([['see sextant_history_store']]);
    expect((await run(core, sessionId, 'drop table notes')).end.type).toBe('QueryCompleted');
  });

  it('tables of a person’s own, made from the history, keep working (and reading sextant is never refused)', async () => {
    const made = await run(core, sessionId, 'create table my_history as select sql, status from sextant.queries; select count(*) > 0 from my_history');
    expect(made.end.type).toBe('QueryCompleted');
    expect(made.rows).toEqual([['true']]);
    const dropped = await run(core, sessionId, 'drop table my_history; select count(*) from sextant.sessions');
    expect(dropped.end.type).toBe('QueryCompleted');
  });
});

/** Events in the worker's store; its name does not name the schema, so reading it fills nothing. */
const storedEvents = async (core: TestCore): Promise<number> =>
  Number((await core.queryWorker.request({ type: 'read', sql: 'select count(*)::INTEGER as n from sextant_history_store.main.events' }))[0]?.['n']);

describe('the sextant schema after a restart', () => {
  it('is filled from the log on first use, not at start: the queries of the earlier run are there', async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore(dir.path);
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      const { queryId } = await run(core, sessionId, 'select 42 as answer');
      await core.close();
      core = await startTestCore(dir.path);
      try {
        // A start and a query that does not name the schema leave it unfilled (watched for a second:
        // a fill in the background would land within it).
        await run(core, sessionId, 'select 1 as unrelated');
        for (const until = Date.now() + 1000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) expect(await storedEvents(core)).toBe(0);
        const { rows } = await run(core, sessionId, `select sql, "rows", status from sextant.queries where query_id = '${queryId}'`);
        expect(rows).toEqual([['select 42 as answer', '1', 'completed']]);
      } finally {
        await core.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('an event whose time does not read (an older import let one in) has no time in sextant.events; every other row is there', async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore(dir.path);
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      await run(core, sessionId, 'select 42 as answer');
      await core.close();
      const raw = new Database(join(dir.path, 'events.sqlite'));
      // the log is append-only: the stamp is damaged around its trigger, which goes back as it was
      const trigger = raw.prepare(`SELECT sql FROM sqlite_master WHERE name = 'events_no_update'`).pluck().get() as string;
      raw.exec('DROP TRIGGER events_no_update');
      raw.prepare(`UPDATE events SET occurred_at = 'garbage' WHERE aggregate_id = ? AND aggregate_seq = 1`).run(sessionId);
      raw.exec(trigger);
      raw.close();
      core = await startTestCore(dir.path);
      try {
        const { rows } = await run(core, sessionId, `select (select count(*) from sextant.events where occurred_at is null), (select count(*) from sextant.sessions where session_id = '${sessionId}' and opened_at is null), (select count(*) from sextant.queries where sql = 'select 42 as answer')`);
        expect(rows).toEqual([['1', '1', '1']]);
      } finally {
        await core.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('a view of the person’s own over the schema is filled at start, though reading it names no schema', async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore(dir.path);
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      expect((await run(core, sessionId, 'create view seen as select count(*)::INTEGER as n from sextant.queries')).end.type).toBe('QueryCompleted');
      await core.close();
      core = await startTestCore(dir.path);
      try {
        const deadline = Date.now() + 5000;
        while ((await storedEvents(core)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const { rows } = await run(core, sessionId, 'select n >= 1 from seen');
        expect(rows).toEqual([['true']]);
      } finally {
        await core.close();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('the sextant schema after the worker crashed', () => {
  const started = useTestCore('each');
  it('the replacement worker starts empty and is filled again on the next use', async () => {
    const core = started.core();
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const before = await run(core, sessionId, 'select 1 as before_crash');
    await core.history.settled();
    expect(await storedEvents(core)).toBeGreaterThan(0);
    crashQueryWorker(core);
    // Until the fresh thread answers (the dying one fails what it is sent).
    for (;;) {
      const answered = await core.queryWorker.request({ type: 'read', sql: 'select 1' }).then(() => true, () => false);
      if (answered) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = await run(core, sessionId, 'select 2 as after_crash');
    expect(after.end.type).toBe('QueryCompleted');
    const { rows } = await run(core, sessionId, `select sql, status from sextant.queries where query_id in ('${before.queryId}', '${after.queryId}') order by started_at`);
    expect(rows).toEqual([
      ['select 1 as before_crash', 'completed'],
      ['select 2 as after_crash', 'completed'],
    ]);
  });
});

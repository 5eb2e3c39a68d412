import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { PreviewAnswer } from '../../shared/instant/preview';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery, waitForEvent } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import { literal } from '../query/sql';
import { PREVIEW_SAMPLE, sampleClause } from './previewSample.worker';

const FLIGHTS = join(process.cwd(), 'node_modules/vega-datasets/data/flights-3m.parquet');
const AIRPORTS = join(process.cwd(), 'node_modules/vega-datasets/data/airports.csv');

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

async function addDataset(core: TestCore, file: string): Promise<void> {
  const registered = waitForEvent(core, (e) => (e.type === 'DatasetRegistered' ? e.aggregateId : undefined));
  const ack = await core.dispatch({ type: 'AddDataset', source: file });
  if (!ack.ok) throw new Error(ack.error.message);
  await registered;
}

const answer = (r: Result<PreviewAnswer>): PreviewAnswer => {
  if (!r.ok) throw new Error(`preview failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/** The same SQL through raw DuckDB, each cell as DuckDB's text, column-major. */
async function raw(sql: string, setup: readonly string[] = []): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  for (const s of setup) await c.run(s);
  const rows = (await c.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
  c.closeSync();
  instance.closeSync();
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, i) => rows.map((r) => (r[i] === null ? null : String(r[i]))));
}

/**
 * Resolves once DuckDB has been handed a statement holding `text`, from any connection: turns on
 * DuckDB's query log (which records a statement as DuckDB takes it, before it runs) and polls it.
 * Call it before sending the statement. `stop` turns the log off again.
 */
async function statementSeen(core: TestCore): Promise<{ until(text: string): Promise<void>; stop(): Promise<void> }> {
  await core.queryWorker.request({ type: 'exec', sql: 'CALL truncate_duckdb_logs()' });
  await core.queryWorker.request({ type: 'exec', sql: "CALL enable_logging('QueryLog')" });
  const seen = async (text: string): Promise<number> =>
    Number((await core.queryWorker.request({ type: 'read', sql: "SELECT count(*)::INTEGER AS n FROM duckdb_logs WHERE type = 'QueryLog' AND contains(message, $1::VARCHAR)", params: [text] }))[0]?.['n']);
  return {
    until: (text) => vi.waitFor(async () => expect(await seen(text)).toBeGreaterThan(0), { timeout: 15_000, interval: 5 }).then(() => undefined),
    stop: async () => void (await core.queryWorker.request({ type: 'exec', sql: 'CALL disable_logging()' })),
  };
}

describe('instant previews (a core in a temp dir, real DuckDB)', () => {
  const started = useTestCore('all');
  let core: TestCore;
  let sessionId: string;
  const preview = (sql: string, cursor = sql.length) => core.previews.preview({ sessionId, sql, cursor }).then(answer);
  beforeAll(async () => {
    core = started.core();
    sessionId = sessionOf(core);
    await addDataset(core, AIRPORTS);
    await addDataset(core, FLIGHTS);
  }, 60_000);

  it('answers the first rows of a small dataset exactly, with DuckDB\'s columns and text', async () => {
    const sql = 'SELECT iata, name, latitude FROM airports WHERE state = \'CA\' ORDER BY iata';
    const a = await preview(sql);
    expect(a.kind).toBe('rows');
    if (a.kind !== 'rows') return;
    expect(a.sample).toBeUndefined();
    expect(a.columns).toEqual([
      { name: 'iata', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'latitude', type: 'DOUBLE' },
    ]);
    expect(a.values).toEqual(await raw(`${sql} LIMIT 100`, [`CREATE VIEW airports AS SELECT * FROM read_csv(${literal(AIRPORTS)})`]));
    expect(a.values[0]!.length).toBe(100);
    expect(a.more).toBe(true); // California has more airports than the 100 shown
    // exactly 100 rows are all there is: not "first 100"
    const hundred = await preview('SELECT * FROM range(100)');
    expect(hundred).toMatchObject({ kind: 'rows' });
    expect(hundred.kind === 'rows' && [hundred.values[0]!.length, hundred.more]).toEqual([100, undefined]);
  });

  it('previews a large dataset on a sample, and says so; the rows equal raw DuckDB on the same sample', async () => {
    const sql = 'SELECT origin, count(*) AS n FROM flights_3m GROUP BY origin ORDER BY n DESC, origin';
    const a = await preview(sql);
    if (a.kind !== 'rows') throw new Error(JSON.stringify(a));
    expect(a.sample).toEqual({ rows: PREVIEW_SAMPLE.sampleRows });
    const sample = sampleClause({ name: 'flights_3m', qualified: 'x', rows: 3_000_000, sampleRows: PREVIEW_SAMPLE.sampleRows });
    const expected = await raw(`${sql} LIMIT 100`, [`CREATE VIEW flights_3m AS SELECT * FROM read_parquet(${literal(FLIGHTS)}) ${sample}`]);
    expect(a.values).toEqual(expected);
    const total = a.values[1]!.reduce((sum, n) => sum + Number(n), 0);
    expect(total).toBeGreaterThan(50_000);
    expect(total).toBeLessThan(200_000);
    // The sample shadows the dataset on the preview's connection only: the rest of the app reads all of it.
    const counted = await core.queryWorker.request({ type: 'read', sql: 'SELECT count(*)::INTEGER AS n FROM flights_3m' });
    expect(counted[0]?.['n']).toBe(3_000_000);
    // A later preview that does not read it sees no sample left behind, and one that does samples again.
    expect(await preview("SELECT count(*)::INTEGER AS n FROM (SELECT * FROM airports LIMIT 5)")).toMatchObject({ kind: 'rows', values: [['5']] });
    expect(await preview('SELECT count(*) > 0 FROM flights_3m')).toMatchObject({ kind: 'rows', sample: { rows: PREVIEW_SAMPLE.sampleRows } });
  });

  it('previews the CTE under the cursor, its earlier CTEs still in scope, and names the steps', async () => {
    const sql = [
      'WITH ca AS (SELECT iata, city FROM airports WHERE state = \'CA\'),',
      '  counted AS (SELECT city, count(*) AS n FROM ca GROUP BY city)',
      'SELECT * FROM counted ORDER BY n DESC',
    ].join('\n');
    const inCounted = await preview(sql, sql.indexOf('count(*)'));
    expect(inCounted).toMatchObject({ kind: 'rows', steps: ['counted'], statement: { from: 0, to: sql.length } });
    if (inCounted.kind !== 'rows') return;
    expect(inCounted.columns.map((c) => c.name)).toEqual(['city', 'n']);
    const inCa = await preview(sql, sql.indexOf('iata'));
    expect(inCa).toMatchObject({ kind: 'rows', steps: ['ca'] });
    if (inCa.kind !== 'rows') return;
    expect(inCa.columns.map((c) => c.name)).toEqual(['iata', 'city']);
    const inBody = await preview(sql, sql.length - 2);
    expect(inBody).toMatchObject({ kind: 'rows', steps: [] });
  });

  it('previews a nested CTE inside its outer one', async () => {
    const sql = 'WITH a AS (SELECT 1 AS x), b AS (WITH inner1 AS (SELECT x + 1 AS y FROM a), inner2 AS (SELECT y * 10 AS z FROM inner1) SELECT * FROM inner2) SELECT * FROM b';
    const a = await preview(sql, sql.indexOf('y * 10'));
    expect(a).toMatchObject({ kind: 'rows', steps: ['b', 'inner2'], values: [['20']] });
  });

  it('previews the statement under the cursor among several', async () => {
    const sql = 'SELECT 1 AS one;\nSELECT 2 AS two;\n-- a comment\nSELECT 3 AS three';
    expect(await preview(sql, sql.indexOf('2 AS'))).toMatchObject({ kind: 'rows', values: [['2']], statement: { from: 17, to: 32 } });
    expect(await preview(sql, 0)).toMatchObject({ kind: 'rows', values: [['1']] });
    expect(await preview(sql)).toMatchObject({ kind: 'rows', values: [['3']] });
    expect(await preview('  -- nothing here\n', 3)).toEqual({ kind: 'none' });
  });

  it('places a syntax or binder error in the editor\'s text', async () => {
    const prefix = 'SELECT 1;\n';
    const bad = `${prefix}SELECT iata, nope FROM airports`;
    const a = await preview(bad);
    expect(a).toMatchObject({ kind: 'invalid', statement: { from: prefix.length } });
    if (a.kind !== 'invalid') return;
    expect(a.message).toMatch(/nope/);
    expect(a.position).toBe(bad.indexOf('nope'));
    const syntax = `${prefix}SELECT iata FROM airports WHER x`;
    const s = await preview(syntax);
    expect(s).toMatchObject({ kind: 'invalid' });
    if (s.kind !== 'invalid') return;
    expect(s.position).toBe(syntax.indexOf('x', syntax.indexOf('WHER')));
    const inCte = 'WITH a AS (SELECT 1 AS x), b AS (SELECT missing FROM a) SELECT * FROM b';
    const c = await preview(inCte, inCte.indexOf('missing'));
    expect(c).toMatchObject({ kind: 'invalid', position: inCte.indexOf('missing') });
    // DuckDB counts code points: past emoji its position was short by one per emoji ("ile" underlined)
    const emoji = `${prefix}SELECT '😀😀😀😀' AS smile frm airports`;
    expect(await preview(emoji)).toMatchObject({ kind: 'invalid', position: emoji.indexOf('frm') });
  });

  it('never runs a write: COPY leaves no file, CREATE leaves no table', async () => {
    const file = join(started.dir(), 'x.csv');
    const copy = await preview(`COPY (SELECT 1) TO ${literal(file)}`);
    expect(copy).toMatchObject({ kind: 'refused' });
    if (copy.kind === 'refused') expect(copy.reason).toMatch(/COPY/);
    expect(existsSync(file)).toBe(false);
    expect(await preview('CREATE TABLE leaked AS SELECT 1 AS x')).toMatchObject({ kind: 'refused' });
    const tables = await core.queryWorker.request({ type: 'read', sql: "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'leaked'" });
    expect(tables[0]?.['n']).toBe(0);
  });

  it('appends no event: previews are transient', async () => {
    const before = core.store.lastSeq();
    await preview('SELECT * FROM airports');
    await preview('COPY airports TO \'/tmp/never.csv\'');
    await preview('SELEC 1');
    expect(core.store.lastSeq()).toBe(before);
  });

  it('a newer preview of the session interrupts the older, which fails INTERRUPTED; one completes', async () => {
    const slow = 'SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3';
    const counts = { ...core.previews.counts };
    const older = core.previews.preview({ sessionId, sql: slow, cursor: 0 });
    const newer = core.previews.preview({ sessionId, sql: 'SELECT 42 AS answer', cursor: 0 });
    const [o, n] = await Promise.all([older, newer]);
    expect(o.ok ? 'ok' : o.error.code).toBe('INTERRUPTED');
    expect(answer(n)).toMatchObject({ kind: 'rows', values: [['42']] });
    expect(core.previews.counts.answered - counts.answered).toBe(1);
    expect(core.previews.counts.interrupted - counts.interrupted).toBe(1);
  });

  it('a storm of previews, each still running when the next comes, ends with exactly the last answered', async () => {
    // More previews than libuv has threads: interrupts must not be lost while a call waits for one.
    const calls: Promise<Result<PreviewAnswer>>[] = [];
    for (let i = 0; i < 25; i++) {
      calls.push(core.previews.preview({ sessionId, sql: `SELECT i % 1000 AS k, count(*) AS n FROM range(${10_000_000 + i}) t(i) GROUP BY k`, cursor: 0 }));
      await new Promise((r) => setTimeout(r, 20));
    }
    const outcomes = (await Promise.all(calls)).map((r) => (r.ok ? r.value.kind : r.error.code));
    expect(outcomes.slice(0, -1)).toEqual(Array.from({ length: 24 }, () => 'INTERRUPTED'));
    expect(outcomes.at(-1)).toBe('rows');
  });

  it('a Run is not held up by a preview in flight, and a Run behaves as before (its result is kept, the preview\'s is not)', async () => {
    let previewDone = false;
    const log = await statementSeen(core);
    const pending = core.previews.preview({ sessionId, sql: 'SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3', cursor: 0 }).finally(() => (previewDone = true));
    // The preview's own read (not its parse, which gets the text as a value) is in DuckDB's hands.
    await log.until('range(20000000000)');
    await log.stop();
    const queryId = await startQuery(core, sessionId, 'SELECT 42 AS answer');
    const end = await queryEnd(core, sessionId, queryId, 10_000);
    expect(end.type).toBe('QueryCompleted');
    expect(previewDone).toBe(false);
    expect(core.previews.cancel(sessionId).ok).toBe(true);
    await pending;
    const history = core.view().sessions[sessionId]!.history.map((q) => q.sql);
    expect(history).toEqual(['SELECT 42 AS answer']);
  });

  it('cancelPreview interrupts the one in flight; an unknown session is refused', async () => {
    const pending = core.previews.preview({ sessionId, sql: 'SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3', cursor: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(core.previews.cancel(sessionId)).toEqual({ ok: true, value: { cancelled: true } });
    const r = await pending;
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERRUPTED');
    expect(core.previews.cancel(sessionId)).toEqual({ ok: true, value: { cancelled: false } });
    const unknown = await core.previews.preview({ sessionId: 'nope', sql: 'SELECT 1', cursor: 0 });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('SESSION_NOT_FOUND');
    // The worker's preview connections still work after an interrupt.
    expect(await preview('SELECT 7 AS seven')).toMatchObject({ kind: 'rows', values: [['7']] });
  });
});

describe('the preview budget', () => {
  const started = useTestCore('all', { previewBudgetMs: 300 });
  it('stops a preview that runs past its budget with TIMEOUT', async () => {
    const core = started.core();
    const r = await core.previews.preview({ sessionId: sessionOf(core), sql: 'SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3', cursor: 0 });
    expect(r.ok ? 'ok' : r.error.code).toBe('TIMEOUT');
  });
});

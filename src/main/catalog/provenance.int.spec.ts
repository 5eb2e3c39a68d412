import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, openSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/contracts/events';
import { HASH_PROGRESS_MIN_BYTES } from '../../shared/contracts/fingerprint';
import type { FingerprintProgress } from '../../shared/contracts/frames';
import { openSessions, type DatasetView } from '../../shared/views/appView';
import { changedInputs } from '../../shared/views/inputChanges';
import { queryEnd, recordingClient, startQuery, waitForEvent } from '../../../test/support/coreEvents';
import { useTestCore } from '../../../test/support/useTestCore';

const VEGA = 'node_modules/vega-datasets/data';
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

// One core for the whole story: later tests query and rewrite the datasets the first ones add.
describe('provenance (real files in a temp dir, real DuckDB)', { shuffle: false }, () => {
  // The timer stays out of the way: each test asks the watcher to look when it means it to.
  const t = useTestCore('all', { inputWatchMs: 3_600_000 });
  let files = '';

  async function add(source: string): Promise<DatasetView> {
    const core = t.core();
    const ack = await core.dispatch({ type: 'AddDataset', source });
    if (!ack.ok) throw new Error(ack.error.message);
    await core.catalog.idle();
    const ds = core.view().datasets[ack.value.aggregateId];
    if (ds?.status !== 'ready') throw new Error(`not registered: ${JSON.stringify(ds?.error)}`);
    return ds;
  }

  async function run(sql: string, rerunOf?: string): Promise<Extract<EventEnvelope, { type: 'QueryCompleted' }>> {
    const core = t.core();
    const sessionId = openSessions(core.view())[0]!.id;
    const queryId = rerunOf
      ? await core.dispatch({ type: 'StartQuery', sessionId, sql, rerunOf }).then((a) => (a.ok ? a.value.queryId! : Promise.reject(new Error(a.error.message))))
      : await startQuery(core, sessionId, sql);
    const end = await queryEnd(core, sessionId, queryId);
    if (end.type !== 'QueryCompleted') throw new Error(`query ended ${end.type}`);
    return end;
  }

  it('fingerprints a CSV and a Parquet file when they are added: size, time, content hash, footer, DuckDB version', async () => {
    files = join(t.dir(), 'files');
    mkdirSync(files);
    copyFileSync(`${VEGA}/seattle-weather.csv`, join(files, 'weather.csv'));
    copyFileSync(`${VEGA}/flights-3m.parquet`, join(files, 'flights.parquet'));
    const weather = await add(join(files, 'weather.csv'));
    expect(weather.fingerprint).toMatchObject({ bytes: readFileSync(join(files, 'weather.csv')).length, sha256: sha256(join(files, 'weather.csv')) });
    expect(weather.fingerprint?.duckdbVersion).toMatch(/^v\d+\.\d+/);
    expect(weather.fingerprint?.parquet).toBeUndefined();
    const flights = await add(join(files, 'flights.parquet'));
    const raw = await (await DuckDBInstance.create(':memory:')).connect();
    const footer = (await raw.runAndReadAll(`SELECT num_rows::INTEGER AS n, num_row_groups::INTEGER AS g, created_by AS c FROM parquet_file_metadata('${join(files, 'flights.parquet')}')`)).getRowObjectsJS()[0]!;
    raw.closeSync();
    expect(flights.fingerprint?.parquet).toEqual({ rows: footer['n'], rowGroups: footer['g'], createdBy: footer['c'] });
    expect(flights.fingerprint?.sha256).toBe(sha256(join(files, 'flights.parquet')));
  });

  it('a folder is fingerprinted by its file list, and its content while small', async () => {
    const folder = join(files, 'parts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), 'x\n1\n');
    writeFileSync(join(folder, 'b.csv'), 'x\n2\n');
    const parts = await add(folder);
    expect(parts.fingerprint).toMatchObject({ bytes: 8, files: { count: 2 } });
    expect(parts.fingerprint?.sha256).toBe(createHash('sha256').update('x\n1\nx\n2\n').digest('hex'));
  });

  it('records the datasets a join of two read, and those a CTE reads (not the CTE itself)', async () => {
    const core = t.core();
    const byName = (name: string) => Object.values(core.view().datasets).find((d) => d.name === name)!;
    const weather = byName('weather');
    const flights = byName('flights');
    const join2 = await run('SELECT count(*) FROM weather w JOIN flights f ON true WHERE w.precipitation > 1000');
    expect(join2.payload.inputs?.map((i) => i.name).sort()).toEqual(['flights', 'weather']);
    expect(join2.payload.inputs?.find((i) => i.name === 'weather')).toEqual({ datasetId: weather.id, name: 'weather', fingerprint: weather.fingerprint });
    // `flights` here is a CTE that shadows the dataset: only weather is read.
    const cte = await run('WITH flights AS (SELECT * FROM weather WHERE weather = $$sun$$) SELECT count(*) FROM flights');
    expect(cte.payload.inputs).toEqual([{ datasetId: weather.id, name: 'weather', fingerprint: weather.fingerprint }]);
    const none = await run('SELECT 42 AS answer');
    expect(none.payload.inputs).toEqual([]);
    void flights;
  });

  it('a file rewritten on disk: DatasetChanged with the new fingerprint, its results flagged; a re-run records both fingerprints', async () => {
    const core = t.core();
    const path = join(files, 'weather.csv');
    const before = Object.values(core.view().datasets).find((d) => d.name === 'weather')!;
    const first = await run('SELECT count(*) AS n FROM weather');
    const entryOf = (queryId: string) => openSessions(core.view())[0]!.history.find((h) => h.queryId === queryId)!;
    expect(changedInputs(entryOf(first.payload.queryId), core.view().datasets)).toEqual([]);

    // Touched, not changed: a new time is recorded, nothing is flagged.
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const touched = waitForEvent(core, (e) => (e.type === 'DatasetChanged' && e.aggregateId === before.id ? e : undefined));
    await core.inputs.check();
    expect((await touched).payload.fingerprint.sha256).toBe(before.fingerprint?.sha256);
    expect(core.view().datasets[before.id]?.changedAt).toBeUndefined();
    expect(changedInputs(entryOf(first.payload.queryId), core.view().datasets)).toEqual([]);

    writeFileSync(path, readFileSync(path, 'utf8') + '2016-01-01,0,1,0,1,sun\n');
    const changed = waitForEvent(core, (e) => (e.type === 'DatasetChanged' && e.aggregateId === before.id ? e : undefined));
    await core.inputs.check();
    const event = await changed;
    expect(event.payload.fingerprint.sha256).toBe(sha256(path));
    expect(core.view().datasets[before.id]?.changedAt).toBeDefined();
    expect(changedInputs(entryOf(first.payload.queryId), core.view().datasets).map((i) => i.name)).toEqual(['weather']);

    // Nothing more changed: a second look records nothing.
    const seq = core.store.lastSeq();
    await core.inputs.check();
    expect(core.store.lastSeq()).toBe(seq);

    const again = await run('SELECT count(*) AS n FROM weather', first.payload.queryId);
    expect(again.payload.inputs).toEqual([{ datasetId: before.id, name: 'weather', fingerprint: event.payload.fingerprint, before: before.fingerprint }]);
    const rerun = openSessions(core.view())[0]!.history.at(-1)!;
    expect(rerun.rerunOf).toBe(first.payload.queryId);
    expect(changedInputs(rerun, core.view().datasets)).toEqual([]);
  });

  it('hashes a big file on the worker: main’s event loop stays idle meanwhile', async () => {
    const big = join(t.dir(), 'big.bin');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 128 * 2 ** 20); // sparse: 128 MiB of zeros, made at once
    closeSync(fd);
    const before = performance.eventLoopUtilization();
    const fingerprint = await t.core().queryWorker.request({ type: 'fingerprint', target: { path: big, parquet: false, content: true } });
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(fingerprint.sha256).toBe('254bcc3fc4f27172636df4bf32de9f107f620d559b20d760197e452b97453917');
    // Hashing it here would keep main busy most of that time.
    expect(busy).toBeLessThan(0.3);
  });
});

describe('hashing progress (a big CSV in a temp dir, the real worker)', () => {
  // A short interval: a quiet machine hashes the file in well under the default 200 ms, which
  // would leave only the final report.
  const INTERVAL_MS = 10;
  const t = useTestCore('all', { inputWatchMs: 3_600_000, progressIntervalMs: INTERVAL_MS });

  it('reports a big file’s hash on the catalog topic as it reads, throttled, up to its whole size; a small file reports nothing', async () => {
    const core = t.core();
    const client = recordingClient(core);
    await client.conn.handle({ method: 'subscribe', subscriptionId: 'c', pattern: 'catalog' });
    const big = join(t.dir(), 'big.csv');
    const total = HASH_PROGRESS_MIN_BYTES + 96 * 2 ** 20;
    // a real CSV, filled in memory at once: a header, then "1,2" rows
    writeFileSync(big, Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(total - 4, '1,2\n')]));
    const small = join(t.dir(), 'small.csv');
    writeFileSync(small, 'x\n1\n');
    const ids: string[] = [];
    const started = performance.now();
    for (const source of [big, small]) {
      const ack = await core.dispatch({ type: 'AddDataset', source });
      if (!ack.ok) throw new Error(ack.error.message);
      ids.push(ack.value.aggregateId);
    }
    await core.catalog.idle();
    const elapsedMs = performance.now() - started;
    const [bigId, smallId] = ids as [string, string];
    const hashing = client.progress().filter((p): p is FingerprintProgress => p.kind === 'fingerprint');
    const ofBig = hashing.filter((p) => p.datasetId === bigId);
    expect(ofBig.length).toBeGreaterThanOrEqual(2);
    expect(ofBig.every((p) => p.source === big && p.totalBytes === total && p.topic === 'catalog')).toBe(true);
    const read = ofBig.map((p) => p.hashedBytes);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(ofBig.at(-1)).toMatchObject({ hashedBytes: total, percent: 100 });
    // throttled: a report per progress interval at most (the hash took less than `elapsedMs`), and the final one
    expect(ofBig.length).toBeLessThanOrEqual(Math.floor(elapsedMs / INTERVAL_MS) + 1);
    expect(hashing.filter((p) => p.datasetId === smallId)).toEqual([]);
    expect(core.view().datasets[bigId]).toMatchObject({ status: 'ready', fingerprint: { bytes: total } });
    client.conn.close();
  });
});

import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Decimal, Field, FixedSizeList, Float64, Int32, Int64, List, Struct, Table, tableToIPC, TimestampMicrosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetView } from '../../shared/views/appView';
import { openSessions } from '../../shared/views/appView';
import { tableRelation } from '../../shared/domain/datasetRelation';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { queryEnd, recordingClient, startQuery } from '../../../test/support/coreEvents';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { rawTextRows } from '../../../test/support/rawTextRows';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

const VEGA = resolve('node_modules/vega-datasets/data');

/** Raw DuckDB, outside the app: makes the files, and reads the same bytes as the oracle. */
const rawDuckDB = rawTextRows;

// One core for the whole story: the last test restarts it and finds every dataset the others registered.
describe('dataset catalog (real files, real DuckDB, loopback HTTP)', { shuffle: false }, () => {
  const dir = tempDir();
  const files = join(dir.path, 'files');
  let core: TestCore;

  /** A loopback HTTP server for the URL tests; its first answer for /flaky/… breaks off half way. */
  const body = readFileSync(`${VEGA}/seattle-weather.csv`);
  const requests: { url: string; range?: string }[] = [];
  let server: Server;
  let base = '';
  async function startServer(): Promise<void> {
    let dropped = false;
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', ...(req.headers.range ? { range: req.headers.range } : {}) });
      if (req.url === '/missing.csv') {
        res.writeHead(404).end();
        return;
      }
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const rest = body.subarray(start);
      res.writeHead(range ? 206 : 200, { 'Content-Length': rest.length, 'Content-Type': 'text/csv', ...(range ? { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
      if (req.url === '/flaky/weather.csv' && !dropped) {
        // The first try breaks off half way: the download must resume from there.
        dropped = true;
        res.write(rest.subarray(0, Math.floor(rest.length / 2)), () => res.destroy());
        return;
      }
      res.end(rest);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    mkdirSync(join(files, 'trips', '2024'), { recursive: true });
    mkdirSync(join(files, 'empty-folder'), { recursive: true });
    mkdirSync(join(files, 'folder-with-a-bad-file'), { recursive: true });
    writeFileSync(join(files, 'folder-with-a-bad-file', 'bad.parquet'), 'not parquet either');
    const f = (name: string) => literal(join(files, name));
    await rawDuckDB(
      [
        `COPY (SELECT range AS id, 'name ' || range AS label FROM range(5)) TO ${f('people.csv')} (HEADER)`,
        `COPY (SELECT range AS id, range * 1.5 AS score FROM range(4)) TO ${f('scores.tsv')} (HEADER, DELIMITER '\t')`,
        `COPY (SELECT range AS id FROM range(1000)) TO ${f('Big Export.csv.gz')} (HEADER, COMPRESSION gzip)`,
        `COPY (SELECT range AS id, 9007199254740993 + range AS big FROM range(3)) TO ${f('events.ndjson')} (FORMAT json)`,
        `COPY (SELECT range AS month, range * 10 AS trips FROM range(1, 4)) TO ${f('trips/2024/a.parquet')} (FORMAT parquet)`,
        `COPY (SELECT range AS month, range * 10 AS trips FROM range(4, 6)) TO ${f('trips/b.parquet')} (FORMAT parquet)`,
        `COPY (SELECT 'x' AS k, range AS v FROM range(2)) TO ${f('parts-1.csv')} (HEADER)`,
        `COPY (SELECT 'y' AS k, range AS v FROM range(3)) TO ${f('parts-2.csv')} (HEADER)`,
        `ATTACH ${f('shop.duckdb')} AS shop`,
        `CREATE TABLE shop.orders AS SELECT range AS id, range * 100 AS cents FROM range(7)`,
        `CREATE TABLE shop.customers AS SELECT 'ada' AS name`,
        `CREATE SCHEMA shop.archive`,
        `CREATE TABLE shop.archive.orders AS SELECT range AS id, 'old' AS note FROM range(2)`,
        `DETACH shop`,
        'SELECT 1',
      ].join(';;'),
    );
    writeFileSync(join(files, 'empty.csv'), '');
    writeFileSync(join(files, 'broken.parquet'), 'this is not parquet at all, just text pretending');
    writeFileSync(join(files, 'broken.json'), '{"a": 1, "b": [1, 2');
    writeFileSync(join(files, 'sheet.xlsx'), 'PK\u0003\u0004 not really');
    const arrow = new Table({
      id: vectorFromArray([1n, 9007199254740993n, null], new Int64()),
      at: vectorFromArray([new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), null, new Date(0)], new TimestampMicrosecond()),
      name: vectorFromArray(['a', '', null], new Utf8()),
      x: vectorFromArray([1.5, Number.NaN, Number.POSITIVE_INFINITY], new Float64()),
      price: vectorFromArray([new Uint32Array([12345, 0, 0, 0]), new Uint32Array([4294967295, 4294967295, 4294967295, 4294967295]), null], new Decimal(2, 10, 128)),
    });
    writeFileSync(join(files, 'readings.arrow'), tableToIPC(arrow, 'file'));
    // one record batch much larger than a DuckDB chunk (2048 rows), with NULLs spread through it
    const n = 5000;
    const long = new Table({
      i: vectorFromArray(Array.from({ length: n }, (_, k) => (k % 11 === 0 ? null : 9007199254740000n + BigInt(k))), new Int64()),
      at: vectorFromArray(Array.from({ length: n }, (_, k) => (k % 13 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + k * 1000))), new TimestampMicrosecond()),
      s: vectorFromArray(Array.from({ length: n }, (_, k) => (k % 7 === 0 ? null : `row ${k}`)), new Utf8()),
    });
    writeFileSync(join(files, 'long.arrow'), tableToIPC(long, 'file'));
    const nested = new Table({
      tags: vectorFromArray([[1n, 9007199254740993n], null, []], new List(new Field('item', new Int64(), true))),
      point: vectorFromArray([[1, 2], [3, 4], null], new FixedSizeList(2, new Field('item', new Int32(), true))),
      meta: vectorFromArray(
        [{ id: 9007199254740993n, at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), note: 'a' }, { id: null, at: null, note: null }, null],
        new Struct([new Field('id', new Int64(), true), new Field('at', new TimestampMicrosecond(), true), new Field('note', new Utf8(), true)]),
      ),
      readings: vectorFromArray(
        [[{ v: 1.5 }, { v: null }], null, [{ v: Number.NEGATIVE_INFINITY }]],
        new List(new Field('item', new Struct([new Field('v', new Float64(), true)]), true)),
      ),
    });
    writeFileSync(join(files, 'nested.arrow'), tableToIPC(nested, 'file'));
    writeFileSync(join(files, 'readings-stream.arrows'), tableToIPC(arrow, 'stream'));
    core = await startTestCore(join(dir.path, 'data'));
    await startServer();
  });
  afterAll(async () => {
    await core.close();
    await new Promise<void>((r) => server.close(() => r()));
    dir.remove();
  });

  const add = (source: string): Promise<DatasetView> => addDataset(core, source);

  const rows = (sql: string): Promise<(string | null)[][]> => resultRows(core, openSessions(core.projections.current.view)[0]!.id, sql);

  it.each([
    ['CSV', 'people.csv', 'people', 'csv', 'read_csv'],
    ['TSV', 'scores.tsv', 'scores', 'tsv', "read_csv(?, delim = '\\t')"],
    ['gzip-compressed CSV', 'Big Export.csv.gz', 'big_export', 'csv', 'read_csv'],
    ['NDJSON', 'events.ndjson', 'events', 'ndjson', "read_json_auto(?, format = 'newline_delimited')"],
  ])('%s: registered under its catalog name with DuckDB’s columns, rows as DuckDB reads them', async (_l, file, name, format, reader) => {
    const ds = await add(join(files, file));
    expect(ds).toMatchObject({ status: 'ready', name, format });
    const path = literal(join(files, file));
    const readSql = reader.includes('?') ? reader.replace('?', path) : `${reader}(${path})`;
    const oracleColumns = await rawDuckDB(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${readSql})`);
    expect(ds.columns.map((c) => [c.name, c.type])).toEqual(oracleColumns);
    expect(await rows(`select * from ${name} order by all`)).toEqual(await rawDuckDB(`SELECT * FROM ${readSql} ORDER BY ALL`));
  });

  it('Parquet and JSON samples register, and a taken name gets _2', async () => {
    expect(await add(`${VEGA}/cars.json`)).toMatchObject({ status: 'ready', name: 'cars', format: 'json' });
    expect(await add(`${VEGA}/seattle-weather.csv`)).toMatchObject({ status: 'ready', name: 'seattle_weather' });
    mkdirSync(join(files, 'elsewhere'));
    writeFileSync(join(files, 'elsewhere', 'seattle-weather.csv'), body); // the same name in another folder: another dataset
    expect(await add(join(files, 'elsewhere', 'seattle-weather.csv'))).toMatchObject({ status: 'ready', name: 'seattle_weather_2' });
    expect(await rows('select count(*) from cars')).toEqual([['406']]);
  });

  it('a folder of Parquet files (also in subfolders) is one dataset', async () => {
    const ds = await add(join(files, 'trips'));
    expect(ds).toMatchObject({ status: 'ready', name: 'trips', format: 'parquet', location: join(files, 'trips', '**', '[!.]*.[pP][aA][rR][qQ][uU][eE][tT]') });
    expect(await rows('select month, trips from trips order by month')).toEqual([
      ['1', '10'],
      ['2', '20'],
      ['3', '30'],
      ['4', '40'],
      ['5', '50'],
    ]);
  });

  it('a folder or file whose name holds [, * or ? is itself, not a pattern', async () => {
    const weird = join(files, 'Q1 [final] *?');
    mkdirSync(join(weird, 'sub'), { recursive: true });
    writeFileSync(join(weird, 'sub', 'a.csv'), 'k,v\nx,1\ny,2\n');
    writeFileSync(join(files, 'report [v2].csv'), 'k,v\nz,3\n');
    expect(await add(weird)).toMatchObject({ status: 'ready', name: 'q1_final', format: 'csv' });
    expect(await rows('select k, v from q1_final order by k')).toEqual([['x', '1'], ['y', '2']]);
    expect(await add(join(files, 'report [v2].csv'))).toMatchObject({ status: 'ready', name: 'report_v2', format: 'csv' });
    expect(await rows('select k, v from report_v2')).toEqual([['z', '3']]);
  });

  it('a glob of CSV files is one dataset, named after its folder', async () => {
    const ds = await add(join(files, 'parts-*.csv'));
    expect(ds).toMatchObject({ status: 'ready', name: 'files', format: 'csv' });
    expect(await rows('select k, count(*) from files group by k order by k')).toEqual([
      ['x', '2'],
      ['y', '3'],
    ]);
  });

  it('a DuckDB database file is attached read-only: its tables are listed and queryable as <name>.<table>', async () => {
    const ds = await add(join(files, 'shop.duckdb'));
    expect(ds).toMatchObject({ status: 'ready', name: 'shop', format: 'duckdb', columns: [] });
    // main's tables first, then another schema's: the same name in two schemas is two tables, not one of both's columns
    expect(ds.tables?.map((t) => [t.schema, t.name])).toEqual([[undefined, 'customers'], [undefined, 'orders'], ['archive', 'orders']]);
    expect(ds.tables?.find((t) => t.name === 'orders' && t.schema === undefined)?.columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 'cents', type: 'BIGINT' }]);
    expect(await rows('select sum(cents) from shop.orders')).toEqual([['2100']]);
    // each table is read where the catalog says it is (`tableRelation`, as "Query this table" reads it)
    const archive = ds.tables?.find((t) => t.schema === 'archive');
    expect(await rows(`select count(*), min(note) from ${tableRelation('shop', archive!, quoteIdent)}`)).toEqual([['2', 'old']]);
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const write = await startQuery(core, sessionId, 'insert into shop.orders values (99, 1)');
    const end = await queryEnd(core, sessionId, write);
    expect(end.type === 'QueryFailed' && end.payload.error.message).toMatch(/read-only/i);
  });

  it.each([
    ['file format', 'readings.arrow'],
    ['stream format', 'readings-stream.arrows'],
  ])('Arrow IPC (%s) is converted once to Parquet and keeps exact values', async (_l, file) => {
    const ds = await add(join(files, file));
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: "ready", format: "arrow" });
    expect(ds.location).toMatch(/datasets\/.+\.parquet$/);
    expect(ds.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'x', type: 'DOUBLE' },
      { name: 'price', type: 'DECIMAL(10,2)' },
    ]);
    expect(await rows(`select * from ${ds.name}`)).toEqual([
      ['1', '2024-01-02 03:04:05.678', 'a', '1.5', '123.45'],
      ['9007199254740993', null, '', 'nan', '-0.01'],
      [null, '1970-01-01 00:00:00', null, 'inf', null],
    ]);
  });

  it('Arrow IPC: a record batch longer than a DuckDB chunk keeps every row in place', async () => {
    const ds = await add(join(files, 'long.arrow'));
    expect(ds).toMatchObject({ status: 'ready', format: 'arrow' });
    const oracle = await rawDuckDB(
      `select CASE WHEN k % 11 = 0 THEN NULL ELSE 9007199254740000 + k END::BIGINT as i,
              CASE WHEN k % 13 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01' + to_seconds(k) END as at,
              CASE WHEN k % 7 = 0 THEN NULL ELSE 'row ' || k END as s
       from range(5000) t(k) order by k`,
    );
    const shown = await rows('select * from long');
    expect(shown.length).toBe(5000);
    expect(shown.slice(0, 3)).toEqual(oracle.slice(0, 3));
    expect(shown.slice(2040, 2060)).toEqual(oracle.slice(2040, 2060));
    expect(shown).toEqual(oracle);
  });

  it('Arrow IPC: lists, fixed-size lists and structs keep their shape and exact values', async () => {
    const ds = await add(join(files, 'nested.arrow'));
    expect(ds.error).toBeUndefined();
    expect(ds.columns).toEqual([
      { name: 'tags', type: 'BIGINT[]' },
      { name: 'point', type: 'INTEGER[]' }, // Parquet, the cache format, has lists but no fixed-size lists
      { name: 'meta', type: 'STRUCT(id BIGINT, "at" TIMESTAMP, note VARCHAR)' },
      { name: 'readings', type: 'STRUCT(v DOUBLE)[]' },
    ]);
    expect(await rows('select * from nested')).toEqual([
      ['[1, 9007199254740993]', '[1, 2]', "{'id': 9007199254740993, 'at': '2024-01-02 03:04:05.678', 'note': a}", "[{'v': 1.5}, {'v': NULL}]"],
      [null, '[3, 4]', "{'id': NULL, 'at': NULL, 'note': NULL}", null],
      ['[]', null, null, "[{'v': -inf}]"],
    ]);
    expect(await rows('select meta.id + 1, tags[2], point[2] from nested limit 1')).toEqual([['9007199254740994', '9007199254740993', '2']]);
  });

  it.each([
    ['missing', '/no/such/file.csv', 'DATASET_MISSING', /No file at \/no\/such\/file\.csv/],
    ['empty', 'empty.csv', 'DATASET_EMPTY', /empty\.csv is empty/],
    ['corrupt Parquet', 'broken.parquet', 'DATASET_CORRUPT', /broken\.parquet is not a valid Parquet file/],
    ['corrupt JSON', 'broken.json', 'DATASET_CORRUPT', /broken\.json is not valid JSON/],
    ['unsupported', 'sheet.xlsx', 'DATASET_UNSUPPORTED', /cannot read \.xlsx files/],
    ['a folder without data files', 'empty-folder', 'DATASET_EMPTY', /holds no Parquet or CSV files/],
    // the file to blame, not the folder, is "not a valid Parquet file"
    ['a folder with a corrupt file', 'folder-with-a-bad-file', 'DATASET_CORRUPT', /^\S+\/folder-with-a-bad-file\/bad\.parquet, in \S+\/folder-with-a-bad-file, is not a valid Parquet file: /],
    ['a URL of another scheme', 'ftp://example.com/x.csv', 'DATASET_UNSUPPORTED', /^Sextant opens files and http\(s\) URLs, not ftp:\/\/ URLs such as ftp:\/\/example\.com\/x\.csv\.$/],
    ['a glob that matches nothing', 'nothing-*.parquet', 'DATASET_MISSING', /No files match/],
  ])('%s: DatasetFailed with a message a person understands and an error id; nothing else changes', async (_l, file, code, message) => {
    const before = Object.values(core.projections.current.view.datasets).filter((d) => d.status === 'ready').map((d) => d.name);
    const viewsBefore = await core.queryWorker.request({ type: 'read', sql: 'select view_name from duckdb_views() where not internal order by 1' });
    const ds = await add(file.startsWith('/') || file.includes('://') ? file : join(files, file));
    expect(ds.status).toBe('failed');
    expect(ds.error?.code).toBe(code);
    expect(ds.error?.message).toMatch(message);
    expect(ds.error?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.values(core.projections.current.view.datasets).filter((d) => d.status === 'ready').map((d) => d.name)).toEqual(before);
    expect(await core.queryWorker.request({ type: 'read', sql: 'select view_name from duckdb_views() where not internal order by 1' })).toEqual(viewsBefore);
  });

  it('a file:// URL typed or pasted is its file, as a dropped one is', async () => {
    const ds = await add(pathToFileURL(join(files, 'parts-1.csv')).href);
    expect(ds).toMatchObject({ status: 'ready', format: 'csv', source: join(files, 'parts-1.csv') });
    expect(await rows(`select count(*) from ${ds.name}`)).toEqual([['2']]);
  });

  it('a missing file added again after it failed is tried again in its own entry, not a second failed one; found then, it registers', async () => {
    const path = join(files, 'arrives-later.csv');
    const first = await add(path);
    expect(first.status).toBe('failed');
    const failedIds = () => Object.values(core.projections.current.view.datasets).filter((d) => d.source === path).map((d) => d.id);
    const again = await add(path);
    expect(again).toMatchObject({ id: first.id, status: 'failed' });
    expect(again.error?.id).not.toBe(first.error?.id);
    expect(failedIds()).toEqual([first.id]);
    writeFileSync(path, 'a,b\n1,2\n');
    expect(await add(path)).toMatchObject({ id: first.id, status: 'ready', name: 'arrives_later' });
    expect(await rows('select b from arrives_later')).toEqual([['2']]);
  });

  describe('http(s) URLs', () => {
    it('downloads into the cache with progress frames, resumes with a Range request, records size and SHA-256', async () => {
      const client = recordingClient(core);
      await client.conn.handle({ method: 'subscribe', subscriptionId: 'c', pattern: 'catalog' });
      const ds = await add(`${base}/flaky/weather.csv`);
      expect(ds).toMatchObject({ status: 'ready', name: 'weather', format: 'csv', source: `${base}/flaky/weather.csv` });
      expect(ds.download).toEqual({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
      expect(ds.location).toMatch(/downloads\/.+\/weather\.csv$/);
      expect(readFileSync(ds.location!)).toEqual(body);
      const flaky = requests.filter((r) => r.url === '/flaky/weather.csv');
      expect(flaky.length).toBe(2);
      expect(flaky[1]?.range).toMatch(/^bytes=\d+-$/);
      const progress = client.progress().filter((p) => p.kind === 'download');
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toMatchObject({ kind: 'download', datasetId: ds.id, receivedBytes: body.length, totalBytes: body.length, percent: 100 });
      expect(await rows('select count(*) from weather')).toEqual(await rawDuckDB(`select count(*) from read_csv('${VEGA}/seattle-weather.csv')`));
      client.conn.close();
    });

    it('a URL the server refuses fails with DOWNLOAD_FAILED and the status', async () => {
      const ds = await add(`${base}/missing.csv`);
      expect(ds.status).toBe('failed');
      expect(ds.error).toMatchObject({ code: 'DOWNLOAD_FAILED' });
      expect(ds.error?.message).toMatch(/404/);
    });
  });

  it('registered datasets are queryable again after a restart (views, attachments, converted files)', async () => {
    const dataDir = join(dir.path, 'data');
    const view = core.projections.current.view.datasets;
    const copies = Object.values(view).filter((d) => d.name === 'weather' || d.name === 'readings').map((d) => d.location!);
    expect(copies).toHaveLength(2);
    await core.close();
    // local copies lost while Sextant was stopped (a cleaned cache) are downloaded / converted again
    for (const copy of copies) rmSync(copy);
    core = await startTestCore(dataDir);
    await core.catalog.idle();
    expect(await rows('select count(*) from people')).toEqual([['5']]);
    expect(await rows('select count(*) from shop.orders')).toEqual([['7']]);
    expect(await rows('select count(*) from readings')).toEqual([['3']]);
    expect(await rows('select count(*) from weather')).toEqual(await rawDuckDB(`select count(*) from read_csv('${VEGA}/seattle-weather.csv')`));
    expect(copies.every((c) => existsSync(c))).toBe(true);
  });
});

function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { Int64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessions, type DatasetView } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { rawTextRows } from '../../../test/support/rawTextRows';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { downloadDir } from './download';

/** Raw DuckDB, outside the app: makes the files, and reads the same bytes as the oracle. */
const rawDuckDB = rawTextRows;
const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

interface Route {
  readonly type?: string;
  readonly disposition?: string;
  readonly redirect?: string;
  readonly body?: Buffer;
}

const LOGIN_PAGE = '<!doctype html>\n<html lang="en"><head><title>Sign in</title></head><body><form action="/sso"><input name="user"></form></body></html>\n';

// One core for the story: the last tests restart it on the same data dir and read the same cache.
describe('a URL whose name says no format (real server on loopback, real core)', { shuffle: false }, () => {
  const dir = tempDir();
  const files = join(dir.path, 'files');
  const dataDir = join(dir.path, 'data');
  const cache = join(dataDir, 'downloads');
  const routes = new Map<string, Route | ((n: number) => Route)>();
  const requests: string[] = [];
  let core: TestCore;
  // The first core's log (warnings up), read for what a failure logs.
  const logged = recordingLogger('info');
  let server: Server;
  let base = '';
  const file = (name: string): string => join(files, name);
  const bytes = (name: string): Buffer => readFileSync(file(name));

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '';
    requests.push(url);
    const found = routes.get(url);
    const route = typeof found === 'function' ? found(requests.filter((r) => r === url).length) : found;
    if (!route) return void res.writeHead(404).end();
    if (route.redirect) return void res.writeHead(302, { Location: route.redirect }).end();
    const body = route.body ?? Buffer.alloc(0);
    res.writeHead(200, {
      'Content-Length': body.length,
      ...(route.type ? { 'Content-Type': route.type } : {}),
      ...(route.disposition ? { 'Content-Disposition': route.disposition } : {}),
    });
    res.end(body);
  }

  beforeAll(async () => {
    mkdirSync(files, { recursive: true });
    await rawDuckDB(
      [
        `COPY (SELECT range AS id, 'name ' || range AS label FROM range(5)) TO ${literal(file('people.csv'))} (HEADER)`,
        `COPY (SELECT range AS month, range * 10 AS flights FROM range(1, 13)) TO ${literal(file('flights.parquet'))} (FORMAT parquet)`,
        `COPY (SELECT range AS id, 9007199254740993 + range AS big FROM range(3)) TO ${literal(file('events.ndjson'))} (FORMAT json)`,
        'SELECT 1',
      ].join(';;'),
    );
    writeFileSync(file('semicolons.txt'), 'city;trips;share\nOslo;12;0,5\nBergen;7;0,25\nTromsø;3;0,125\n');
    writeFileSync(file('readings.arrow'), tableToIPC(new Table({ id: vectorFromArray([1n, 9007199254740993n], new Int64()), name: vectorFromArray(['a', null], new Utf8()) }), 'file'));
    writeFileSync(file('zip.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9c, 0xfe, 0x00, 0x01]));
    routes.set('/export?id=3', { type: 'text/csv; charset=utf-8', body: bytes('people.csv') });
    routes.set('/data', { redirect: '/files/flights.parquet' });
    routes.set('/files/flights.parquet', { type: 'application/octet-stream', body: bytes('flights.parquet') });
    routes.set('/blob', { type: 'application/octet-stream', body: bytes('flights.parquet') });
    routes.set('/plain', { type: 'text/plain', body: bytes('semicolons.txt') });
    routes.set('/feed?since=0', { type: 'application/x-ndjson', body: bytes('events.ndjson') });
    routes.set('/api/table', { type: 'application/vnd.apache.arrow.file', body: bytes('readings.arrow') });
    routes.set('/download?id=7', { type: 'application/octet-stream', disposition: 'attachment; filename="Quarterly Report.parquet"', body: bytes('flights.parquet') });
    routes.set('/page', { type: 'text/html; charset=utf-8', body: Buffer.from('<!doctype html><title>Sign in</title><p>Please sign in') });
    routes.set('/zip', { type: 'application/octet-stream', body: bytes('zip.bin') });
    // Text/csv the first time, then claiming Parquet: a restart must keep what was decided.
    routes.set('/flip', (n) => ({ type: n === 1 ? 'text/csv' : 'application/vnd.apache.parquet', body: bytes('people.csv') }));
    routes.set('/legacy', { type: 'text/plain', body: bytes('semicolons.txt') });
    routes.set('/sso/data.csv?token=s3cret', { type: 'text/html; charset=utf-8', body: Buffer.from(LOGIN_PAGE) });
    routes.set('/mislabelled/data.csv', { type: 'text/csv', body: Buffer.from('\ufeff  <!DOCTYPE html>\n<html><body>Session expired</body></html>\n') });
    routes.set('/plain/data.csv', { type: 'text/plain', body: Buffer.from('id,label\n1,one\n2,two\n') });
    routes.set('/angle/data.csv', { type: 'text/csv', body: Buffer.from('<tag>,x\n1,2\n') });
    routes.set('/plain/page.csv', { type: 'text/plain', body: Buffer.from('\n<body>\n<h1>Session expired</h1>\n</body>\n') });
    routes.set('/plain/ids.csv', { type: 'text/plain', body: Buffer.from('<id>,name\n1,one\n') });
    server = createServer(serve);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    core = await startTestCore(dataDir, { log: logged.log });
  });
  afterAll(async () => {
    await core.close();
    await new Promise<void>((r) => server.close(() => r()));
    dir.remove();
  });

  const add = (source: string): Promise<DatasetView> => addDataset(core, source);

  async function rows(sql: string): Promise<(string | null)[][]> {
    let session = openSessions(core.projections.current.view)[0]?.id;
    if (!session) {
      const opened = await core.dispatch({ type: 'OpenSession' });
      if (!opened.ok) throw new Error(opened.error.message);
      session = opened.value.aggregateId;
    }
    return resultRows(core, session, `SELECT COLUMNS(*)::VARCHAR FROM (${sql})`);
  }

  /** The dataset as registered, compared with raw DuckDB reading the same bytes with `reader`. */
  async function expectSameAsRaw(ds: DatasetView, reader: string): Promise<void> {
    const oracle = await rawDuckDB(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${reader})`);
    expect(ds.columns.map((c) => [c.name, c.type])).toEqual(oracle);
    expect(await rows(`select * from "${ds.name}" order by all`)).toEqual(await rawDuckDB(`SELECT * FROM ${reader} ORDER BY ALL`));
  }

  it('a query-string URL served as text/csv opens as CSV, named after its path', async () => {
    const ds = await add(`${base}/export?id=3`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name: 'export', format: 'csv' });
    expect(basename(ds.location!)).toBe('export.csv');
    await expectSameAsRaw(ds, `read_csv(${literal(file('people.csv'))})`);
  });

  it('a URL that redirects to a .parquet path opens as Parquet, named after the file it reached', async () => {
    const ds = await add(`${base}/data`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name: 'flights', format: 'parquet', source: `${base}/data` });
    expect(basename(ds.location!)).toBe('flights.parquet');
    await expectSameAsRaw(ds, `read_parquet(${literal(file('flights.parquet'))})`);
  });

  it('an application/octet-stream Parquet file with no name is known by its first bytes', async () => {
    const ds = await add(`${base}/blob`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name: 'blob', format: 'parquet' });
    expect(basename(ds.location!)).toBe('blob.parquet');
    await expectSameAsRaw(ds, `read_parquet(${literal(file('flights.parquet'))})`);
  });

  it('text with no other signal is CSV as DuckDB’s sniffer reads it (here `;` between fields)', async () => {
    const ds = await add(`${base}/plain`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name: 'plain', format: 'csv' });
    expect(ds.columns.map((c) => c.name)).toEqual(['city', 'trips', 'share']);
    await expectSameAsRaw(ds, `read_csv(${literal(file('semicolons.txt'))})`);
  });

  it.each([
    ['application/x-ndjson', '/feed?since=0', 'feed', 'ndjson', 'feed.ndjson'],
    ['application/vnd.apache.arrow.file', '/api/table', 'table_', 'arrow', 'table.arrow'],
  ])('a URL served as %s opens in that format', async (_type, path, name, format, cached) => {
    const ds = await add(`${base}${path}`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name, format });
    expect(readdirSync(downloadDir(cache, `${base}${path}`))).toEqual([cached]);
    if (format === 'ndjson') await expectSameAsRaw(ds, `read_json_auto(${literal(file('events.ndjson'))}, format = 'newline_delimited')`);
    else expect(await rows(`select * from "${name}"`)).toEqual([['1', 'a'], ['9007199254740993', null]]);
  });

  it('a Content-Disposition file name names the dataset and its format', async () => {
    const ds = await add(`${base}/download?id=7`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', name: 'quarterly_report', format: 'parquet' });
    expect(basename(ds.location!)).toBe('Quarterly Report.parquet');
    await expectSameAsRaw(ds, `read_parquet(${literal(file('flights.parquet'))})`);
  });

  it.each([
    ['path separators and ..', 'attachment; filename="../../../../evil.csv"'],
    ['backslashes', 'attachment; filename="..\\\\..\\\\evil.csv"'],
    ['encoded separators', "attachment; filename*=UTF-8''..%2F..%2F..%2Fevil.csv"],
    ['a name that is ..', 'attachment; filename=".."'],
    ['quotes and semicolons', 'attachment; filename="a\\"b;c\'d.csv"; size=3'],
    ['control characters and NUL', "attachment; filename*=UTF-8''%00%0A%1Bevil%00.csv"],
    ['a very long name', `attachment; filename="${'x'.repeat(5000)}.csv"`],
    ['a device name', 'attachment; filename="CON.csv"'],
    ['a broken encoding', "attachment; filename*=UTF-8''%E0%A4%A.csv"],
    ['a hidden dot file', 'attachment; filename=".bashrc"'],
  ])('a hostile Content-Disposition (%s) stays a plain name inside the URL’s cache folder', async (_l, disposition) => {
    const path = `/hostile/${requests.length}`;
    routes.set(path, { type: 'text/csv', disposition, body: bytes('people.csv') });
    const ds = await add(`${base}${path}`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', format: 'csv' });
    expect(dirname(ds.location!)).toBe(downloadDir(cache, `${base}${path}`));
    const name = basename(ds.location!);
    expect(name).toMatch(/\.csv$/);
    expect(name.startsWith('.') || [...name].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20)).toBe(false);
    expect(name.length).toBeLessThanOrEqual(128);
    expect(ds.name).toMatch(/^[a-z0-9_]{1,64}$/);
    expect(existsSync(join(dataDir, 'evil.csv')) || existsSync(join(dir.path, 'evil.csv')) || existsSync(join(cache, 'evil.csv'))).toBe(false);
    await expectSameAsRaw(ds, `read_csv(${literal(file('people.csv'))})`);
  });

  it.each([
    // A web page names only its server: the rest of a URL may hold a token (below).
    ['a web page (text/html)', '/page', /sent a web page \(text\/html\)/, () => `The server at ${new URL(base).host} `],
    ['an unknown binary file', '/zip', /served a file Sextant cannot read \(application\/octet-stream\)/, () => `${base}/zip`],
  ])('%s is refused as DATASET_UNSUPPORTED with why and an id, and nothing is kept', async (_l, path, message, where) => {
    const ds = await add(`${base}${path}`);
    expect(ds.status).toBe('failed');
    expect(ds.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    expect(ds.error?.message).toMatch(message);
    expect(ds.error?.message).toContain(where());
    expect(ds.error?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(readdirSync(downloadDir(cache, `${base}${path}`))).toEqual([]);
  });

  it('a cached copy without an extension (as kept before this change) is read by its bytes at a start, not downloaded again', async () => {
    const url = `${base}/legacy`;
    const ds = await add(url);
    expect(ds).toMatchObject({ status: 'ready', name: 'legacy', format: 'csv' });
    expect(requests.filter((r) => r === '/legacy')).toHaveLength(1);
    // kept as an older version kept it, then restored at a start
    await core.close();
    const legacy = join(downloadDir(cache, url), 'legacy');
    renameSync(ds.location!, legacy);
    core = await startTestCore(dataDir, { log: logged.log });
    await core.catalog.idle();
    expect(requests.filter((r) => r === '/legacy')).toHaveLength(1);
    expect(await rows('select count(*) from legacy')).toEqual(await rawDuckDB(`select count(*) from read_csv(${literal(legacy)})`));
  });

  // Named like a data file but answering with a sign-in page, as SSO walls and error pages do with
  // status 200: refused with why, never registered as a one-column table of HTML.
  describe('a URL named like a data file that serves a web page', () => {
    const host = (): string => new URL(base).host;
    const views = (): Promise<unknown> => core.queryWorker.request({ type: 'read', sql: 'select view_name from duckdb_views() where not internal order by 1' });
    const ready = (): string[] => Object.values(core.projections.current.view.datasets).flatMap((d) => (d.status === 'ready' && d.name ? [d.name] : []));
    const datasetRows = (ds: DatasetView): Promise<unknown> => core.queryWorker.request({ type: 'read', sql: `select columns(*)::varchar from "${ds.name}" order by all` });

    it.each([
      ['served as text/html', '/sso/data.csv?token=s3cret', /^The server at \S+ sent a web page \(text\/html\), not a data file: perhaps a sign-in or error page\./],
      ['labelled text/csv, its bytes opening <!DOCTYPE html> (after a BOM and blanks)', '/mislabelled/data.csv', /^The server at \S+ sent a web page \(an HTML page, labelled text\/csv\), not a data file/],
      ['labelled text/plain, its bytes opening <body>', '/plain/page.csv', /^The server at \S+ sent a web page \(an HTML page, labelled text\/plain\), not a data file/],
    ])('%s: refused as DATASET_UNSUPPORTED naming the host, not the URL; nothing is registered or kept', async (_l, path, message) => {
      const readyBefore = ready();
      const viewsBefore = await views();
      const ds = await add(`${base}${path}`);
      expect(ds.status).toBe('failed');
      expect(ds.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
      expect(ds.error?.message).toMatch(message);
      expect(ds.error?.message).toContain(`The server at ${host()} sent`);
      // The path and its query (here a token) stay out of the message.
      expect(ds.error?.message).not.toContain(path.split('?')[0]!);
      expect(ds.error?.message).not.toContain('s3cret');
      expect(ds.error?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ds.columns ?? []).toEqual([]);
      expect(ds.location).toBeUndefined();
      expect(ready()).toEqual(readyBefore);
      expect(await views()).toEqual(viewsBefore);
      // Not kept: adding the URL again asks the server again.
      expect(readdirSync(downloadDir(cache, `${base}${path}`))).toEqual([]);
    });

    it('a real CSV served as text/plain still opens as CSV', async () => {
      const ds = await add(`${base}/plain/data.csv`);
      expect(ds.error).toBeUndefined();
      expect(ds).toMatchObject({ status: 'ready', format: 'csv' });
      expect(basename(ds.location!)).toBe('data.csv');
      expect(ds.columns.map((c) => c.name)).toEqual(['id', 'label']);
      expect(await datasetRows(ds)).toEqual([
        { id: '1', label: 'one' },
        { id: '2', label: 'two' },
      ]);
    });

    it('a CSV whose header is <id>,name (served as text/plain) still opens as CSV', async () => {
      const ds = await add(`${base}/plain/ids.csv`);
      expect(ds.error).toBeUndefined();
      expect(ds.columns.map((c) => c.name)).toEqual(['<id>', 'name']);
    });

    it('a CSV whose first cell opens with < (served as text/csv) still opens as CSV', async () => {
      const ds = await add(`${base}/angle/data.csv`);
      expect(ds.error).toBeUndefined();
      expect(ds).toMatchObject({ status: 'ready', format: 'csv' });
      expect(ds.columns.map((c) => c.name)).toEqual(['<tag>', 'x']);
      expect(await datasetRows(ds)).toEqual([{ '<tag>': '1', x: '2' }]);
    });
  });

  // (a URL with a password is refused before it is recorded: urlCredentials.int.spec.ts)
  it('given a URL with a token and a fragment, when it fails, then the failure shown and logged names it without them; the source stays as given', async () => {
    routes.set('/empty.csv?token=secret', { type: 'text/csv' });
    const url = `${base}/gone/data.csv?token=secret#frag`;
    const cases: [string, string, string][] = [
      [url, 'DOWNLOAD_FAILED', `Downloading ${base}/gone/data.csv failed: the server answered 404 Not Found.`],
      // Named already (in display form), so not prefixed with the source again.
      [`${base}/empty.csv?token=secret#frag`, 'DATASET_EMPTY', `${base}/empty.csv is empty: the server sent no bytes.`],
    ];
    for (const [source, code, message] of cases) {
      const ds = await add(source);
      expect(ds).toMatchObject({ status: 'failed', source, error: { code, message } });
      const lines = logged.errors.filter((l) => l.includes(ds.error!.id));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ source: source.replace(/[?#].*$/g, ''), msg: message });
    }
    for (const secret of ['secret', 'frag']) expect(logged.errors.join('\n')).not.toContain(secret);
  });

  it('a restart re-uses the cached file with the same format, and asks the server nothing', async () => {
    const url = `${base}/flip`;
    const first = await add(url);
    expect(first).toMatchObject({ status: 'ready', name: 'flip', format: 'csv' });
    expect(requests.filter((r) => r === '/flip')).toHaveLength(1);
    await core.close();
    core = await startTestCore(dataDir);
    await core.catalog.idle();
    expect(core.projections.current.view.datasets[first.id]).toMatchObject({ format: 'csv', location: first.location });
    expect(await rows('select count(*) from flip')).toEqual([['5']]);
    // Added again while in the catalog, it is refused: the catalog reads it already. (Removed and
    // added again, a person's add asks the server again: urlRefetch.int.spec.ts.)
    expect(await core.dispatch({ type: 'AddDataset', source: url })).toMatchObject({ ok: false, error: { code: 'DATASET_ALREADY_EXISTS', details: { datasetId: first.id } } });
    expect(requests.filter((r) => r === '/flip')).toHaveLength(1);
  });

  it('a cached file lost while stopped is downloaded again under the format recorded, whatever the server now claims', async () => {
    const ds = Object.values(core.projections.current.view.datasets).find((d) => d.name === 'flip')!;
    await core.close();
    rmSync(ds.location!);
    core = await startTestCore(dataDir);
    await core.catalog.idle();
    expect(requests.filter((r) => r === '/flip')).toHaveLength(2);
    expect(readdirSync(dirname(ds.location!))).toEqual(['flip.csv']);
    expect(await rows('select count(*) from flip')).toEqual([['5']]);
    expect(await rows('select count(*) from flights')).toEqual([['12']]);
  });
});

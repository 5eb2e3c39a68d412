import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetView } from '../../shared/views/appView';
import { addDataset } from '../../../test/support/coreDatasets';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { downloadDir } from './download';

interface Route {
  readonly type: string;
  readonly body: string;
}

const LOGIN_PAGE = '<!doctype html>\n<html lang="en"><head><title>Sign in</title></head><body><form action="/sso"><input name="user"></form></body></html>\n';

// A URL that names a data file (`…/data.csv`) but answers with a sign-in page, as SSO walls and
// error pages do with status 200: refused with why, never registered as a one-column table of HTML.
describe('a URL named like a data file that serves a web page (real server on loopback, real core)', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const cache = join(dataDir, 'downloads');
  const routes = new Map<string, Route>();
  let core: TestCore;
  let server: Server;
  let base = '';
  let host = '';

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const route = routes.get(req.url ?? '');
    if (!route) return void res.writeHead(404).end();
    const body = Buffer.from(route.body);
    res.writeHead(200, { 'Content-Type': route.type, 'Content-Length': body.length }).end(body);
  }

  beforeAll(async () => {
    routes.set('/sso/data.csv?token=s3cret', { type: 'text/html; charset=utf-8', body: LOGIN_PAGE });
    routes.set('/mislabelled/data.csv', { type: 'text/csv', body: `\ufeff  <!DOCTYPE html>\n<html><body>Session expired</body></html>\n` });
    routes.set('/plain/data.csv', { type: 'text/plain', body: 'id,label\n1,one\n2,two\n' });
    routes.set('/angle/data.csv', { type: 'text/csv', body: '<tag>,x\n1,2\n' });
    server = createServer(serve);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `http://${host}`;
    core = await startTestCore(dataDir);
  });
  afterAll(async () => {
    await core.close();
    await new Promise<void>((r) => server.close(() => r()));
    dir.remove();
  });

  const add = (source: string): Promise<DatasetView> => addDataset(core, source);
  const views = (): Promise<unknown> => core.pool.request({ type: 'read', sql: 'select view_name from duckdb_views() where not internal order by 1' });
  const ready = (): string[] => Object.values(core.projections.current.view.datasets).flatMap((d) => (d.status === 'ready' && d.name ? [d.name] : []));

  /** The dataset's rows as DuckDB's text. */
  const rows = (ds: DatasetView): Promise<unknown> => core.pool.request({ type: 'read', sql: `select columns(*)::varchar from "${ds.name}" order by all` });

  it.each([
    ['served as text/html', '/sso/data.csv?token=s3cret', /^The server at \S+ sent a web page \(text\/html\), not a data file: perhaps a sign-in or error page\./],
    ['labelled text/csv, its bytes opening <!DOCTYPE html> (after a BOM and blanks)', '/mislabelled/data.csv', /^The server at \S+ sent a web page \(an HTML page, labelled text\/csv\), not a data file/],
  ])('%s: refused as DATASET_UNSUPPORTED naming the host, not the URL; nothing is registered or kept', async (_l, path, message) => {
    const readyBefore = ready();
    const viewsBefore = await views();
    const ds = await add(`${base}${path}`);
    expect(ds.status).toBe('failed');
    expect(ds.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    expect(ds.error?.message).toMatch(message);
    expect(ds.error?.message).toContain(`The server at ${host} sent`);
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
    expect(await rows(ds)).toEqual([
      { id: '1', label: 'one' },
      { id: '2', label: 'two' },
    ]);
  });

  it('a CSV whose first cell opens with < (served as text/csv) still opens as CSV', async () => {
    const ds = await add(`${base}/angle/data.csv`);
    expect(ds.error).toBeUndefined();
    expect(ds).toMatchObject({ status: 'ready', format: 'csv' });
    expect(ds.columns.map((c) => c.name)).toEqual(['<tag>', 'x']);
    expect(await rows(ds)).toEqual([{ '<tag>': '1', x: '2' }]);
  });

});

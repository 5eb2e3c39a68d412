import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { downloadDir } from './download';

/**
 * A URL's copy in the download cache is what a restart reads, offline. A person's add or Try again
 * asks the server: the copy of a URL removed and added again, or the very bytes DuckDB could not
 * read, came back each time without a request (real server on loopback, real core).
 */
describe('adding a URL again asks its server again', { shuffle: false }, () => {
  const dir = tempDir();
  const bodies = new Map<string, string>();
  const requests: string[] = [];
  let server: Server;
  let base = '';
  let core: TestCore;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/hang.csv') return; // never answers: its dataset stays loading
      const body = bodies.get(req.url ?? '');
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': req.url?.endsWith('.json') ? 'application/json' : 'text/csv' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    core = await startTestCore(join(dir.path, 'data'));
  });
  afterAll(async () => {
    await core.close();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    dir.remove();
  });
  const sessionId = () => openSessions(core.projections.current.view)[0]!.id;

  it('given a URL added, removed, and changed on its server, when it is added again, then it is downloaded again and reads what the server has now', async () => {
    bodies.set('/v.csv', 'n,word\n1,old\n');
    const first = await addDataset(core, `${base}/v.csv`);
    expect(await resultRows(core, sessionId(), `select * from ${first.name}`)).toEqual([['1', 'old']]);
    const removed = await core.dispatch({ type: 'RemoveDataset', datasetId: first.id });
    expect(removed.ok).toBe(true);
    bodies.set('/v.csv', 'n,word\n2,new\n3,new\n');
    const again = await addDataset(core, `${base}/v.csv`);
    expect(requests.filter((r) => r === '/v.csv')).toHaveLength(2);
    expect(await resultRows(core, sessionId(), `select * from ${again.name}`)).toEqual([
      ['2', 'new'],
      ['3', 'new'],
    ]);
  });

  it('given bytes DuckDB cannot read, when the server is fixed and the person tries again, then it is downloaded again and added; the failure named the URL, not the cache', async () => {
    bodies.set('/data.json', '{"a": 1,,,');
    const failed = await addDataset(core, `${base}/data.json`);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain(`${base}/data.json`);
    expect(failed.error?.message).not.toMatch(/downloads[\\/][0-9a-f]{16}/);
    bodies.set('/data.json', '[{"a": 1}, {"a": 2}]');
    const retried = await addDataset(core, `${base}/data.json`); // the failed entry tries again (Try again)
    expect(retried).toMatchObject({ id: failed.id, status: 'ready' });
    expect(requests.filter((r) => r === '/data.json')).toHaveLength(2);
    expect(await resultRows(core, sessionId(), `select a from ${retried.name} order by a`)).toEqual([['1'], ['2']]);
  });

  it('given a URL still loading when the app closed, its copy complete by then, when it starts with the server gone, then the copy is read, offline', async () => {
    const url = `${base}/hang.csv`;
    const ack = await core.dispatch({ type: 'AddDataset', source: url });
    if (!ack.ok) throw new Error(ack.error.message);
    await core.close();
    // the bytes arrived whole before the app closed (its registration did not)
    const dataDir = join(dir.path, 'data');
    mkdirSync(downloadDir(join(dataDir, 'downloads'), url), { recursive: true });
    writeFileSync(join(downloadDir(join(dataDir, 'downloads'), url), 'hang.csv'), 'n\n5\n');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    core = await startTestCore(dataDir);
    await core.catalog.idle();
    const ds = core.projections.current.view.datasets[ack.value.aggregateId];
    expect([ds?.status, ds?.error?.message]).toEqual(['ready', undefined]);
    expect(await resultRows(core, sessionId(), `select n from ${ds!.name}`)).toEqual([['5']]);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * A dataset removed while it is being added (its download hanging): the download is called off at
 * once, nothing half-written stays in the cache, and nothing is failed; undoing the removal adds it again.
 */
describe('a dataset removed while being added (real core, a real server on loopback)', { shuffle: false }, () => {
  const dir = tempDir('sextant-remove-adding-');
  let core: TestCore;
  let server: Server;
  let base = '';
  let answer = false;
  const hanging: ServerResponse[] = [];
  const types: string[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      // the first request: half the body, then silence; later ones (answer): the whole file
      if (answer) return void res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '8' }).end('a,b\n1,2\n');
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      res.write('a,b\n');
      hanging.push(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    core = await startTestCore(join(dir.path, 'data'));
    core.onEvent((e) => void (e.aggregateType === 'Dataset' && types.push(e.type)));
  }, 60_000);
  afterAll(async () => {
    hanging.forEach((res) => res.destroy());
    await core.close();
    await new Promise((r) => server.close(r));
    dir.remove();
  });

  it('given a download that hangs, when its dataset is removed, then it ends at once, leaves no part, and fails nothing', async () => {
    const added = await core.dispatch({ type: 'AddDataset', source: `${base}/hang.csv` });
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.aggregateId;
    const downloads = join(core.dataDir, 'downloads');
    // the part holds the bytes that arrived
    await expect.poll(() => existsSync(downloads) && readdirSync(downloads, { recursive: true }).some((f) => String(f).endsWith('.part'))).toBe(true);
    expect(core.projections.current.view.datasets[id]?.status).toBe('loading');

    expect(await core.dispatch({ type: 'RemoveDataset', datasetId: id })).toMatchObject({ ok: true });
    const removedAt = performance.now();
    await core.catalog.idle();
    expect(performance.now() - removedAt).toBeLessThan(2000);
    expect(core.projections.current.view.datasets[id]).toBeUndefined();
    expect(readdirSync(downloads)).toEqual([]);
    expect(types).toEqual(['DatasetRequested', 'DatasetRemoved']);

    // undone, it is being added again: and this time the server answers
    answer = true;
    const seq = core.projections.current.view.removedDatasets?.[id]?.undo?.undo.at(-1)?.seq;
    expect(seq).toBe(2);
    expect(await core.dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: id, seq: seq! })).toMatchObject({ ok: true });
    await expect.poll(() => core.projections.current.view.datasets[id]?.status, { timeout: 10_000 }).toBe('ready');
    expect(core.projections.current.view.datasets[id]).toMatchObject({ name: 'hang', columns: [{ name: 'a' }, { name: 'b' }] });
  });
});

import { writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_PROGRESS_MIN_BYTES } from '../../shared/contracts/fingerprint';
import { recordingClient } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * A dataset being added when the app closes (a first start's samples, a download under way) is
 * not failed: the close is not the source's fault. It is still being added at the next start,
 * which adds it (catalogService.start resumes what is loading).
 */
describe('a dataset being added when the core closes (real core, a real server on loopback)', () => {
  const dir = tempDir('sextant-close-adding-');
  let server: Server;
  let base = '';
  let answer = false;
  const hanging: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      // the first request: half the body, then silence; once answering: the whole file
      if (answer) return void res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '8' }).end('a,b\n1,2\n');
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      res.write('a,b\n');
      hanging.push(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hanging.forEach((res) => res.destroy());
    await new Promise((r) => server.close(r));
    dir.remove();
  });

  it('given a download under way, when the core closes, then nothing is failed, and the next start adds it', async () => {
    const data = join(dir.path, 'data');
    const types: string[] = [];
    let core: TestCore = await startTestCore(data);
    core.onEvent((e) => void (e.aggregateType === 'Dataset' && types.push(e.type)));
    const added = await core.dispatch({ type: 'AddDataset', source: `${base}/slow.csv` });
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.aggregateId;
    await expect.poll(() => hanging.length).toBe(1);
    await core.close();
    hanging.forEach((res) => res.destroy());
    expect(types).toEqual(['DatasetRequested']);

    answer = true;
    core = await startTestCore(data);
    try {
      await expect.poll(() => core.projections.current.view.datasets[id]?.status, { timeout: 20_000 }).toBe('ready');
    } finally {
      await core.close();
    }
  });

  it('given a big file being read on the worker, when the core closes, then nothing is failed, and the next start adds it', async () => {
    const data = join(dir.path, 'data-big');
    const big = join(dir.path, 'big.csv');
    writeFileSync(big, Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(HASH_PROGRESS_MIN_BYTES + 192 * 2 ** 20, '1,2\n')]));
    const types: string[] = [];
    let core: TestCore = await startTestCore(data, { progressIntervalMs: 10 });
    core.onEvent((e) => void (e.aggregateType === 'Dataset' && types.push(e.type)));
    const client = recordingClient(core);
    await client.conn.handle({ method: 'subscribe', subscriptionId: 'c', pattern: 'catalog' });
    const added = await core.dispatch({ type: 'AddDataset', source: big });
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.aggregateId;
    // the worker is hashing it: the close ends that thread under the read
    await expect.poll(() => client.progress().some((p) => p.kind === 'fingerprint'), { interval: 5 }).toBe(true);
    await core.close();
    expect(types).toEqual(['DatasetRequested']);

    core = await startTestCore(data);
    try {
      await expect.poll(() => core.projections.current.view.datasets[id]?.status, { timeout: 30_000 }).toBe('ready');
    } finally {
      await core.close();
    }
  }, 60_000);
});

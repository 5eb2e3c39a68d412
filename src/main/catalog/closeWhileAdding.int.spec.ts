import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_PROGRESS_MIN_BYTES } from '../../shared/contracts/fingerprint';
import { recordingClient } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * A dataset being added when the app closes (a first start's samples, a big file's fingerprint) is
 * not failed: the close ended the worker under its read, not the source. It is still being added
 * at the next start, which adds it (catalogService.start resumes what is loading).
 */
describe('a dataset being added when the core closes (real core, real worker, a big CSV in a temp dir)', () => {
  const dir = tempDir('sextant-close-adding-');
  afterAll(() => dir.remove());

  it('given a big file being read on the worker, when the core closes, then nothing is failed, and the next start adds it', async () => {
    const data = join(dir.path, 'data');
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

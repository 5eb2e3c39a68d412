import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { openSessions } from '../../shared/views/appView';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');

let dir: ReturnType<typeof tempDir>;
let core: TestCore;
beforeAll(async () => {
  dir = tempDir();
  core = await startTestCore(dir.path, { samples: [FLIGHTS], memoryLimit: undefined });
  await core.catalog.idle();
});
afterAll(async () => {
  await core.close();
  dir.remove();
});

/**
 * Streaming a result frees each chunk's native memory soon after it is appended, instead of when V8
 * happens to collect its wrapper. Left to V8, the 3M rows of flights-3m grew this process by
 * 250-290 MB; with the worker's collections 50-60 MB, about what DuckDB's own CREATE TABLE AS
 * takes (75-90 MB). The bound sits between the two.
 */
it('writing a 3M-row result holds a few chunks in memory at a time, not hundreds', async () => {
  const sessionId = openSessions(core.projections.current.view)[0]!.id;
  // Warm up: DuckDB's buffers for reading the file, the worker's code.
  await queryEnd(core, sessionId, await startQuery(core, sessionId, 'select * from flights_3m limit 10'), 60_000);
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const end = await queryEnd(core, sessionId, await startQuery(core, sessionId, 'select * from flights_3m'), 300_000);
    expect(end).toMatchObject({ type: 'QueryCompleted', payload: { rowCount: 3_000_000 } });
  } finally {
    clearInterval(sampler);
  }
  expect((peak - base) / 2 ** 20).toBeLessThan(160);
}, 300_000);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDatasetPaths } from '../catalog/sampleDatasets';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { openSessions } from '../../shared/views/appView';

/** DuckDB memory held by CSV scans, in MiB, as DuckDB itself accounts for it. */
async function csvReaderMiB(core: TestCore): Promise<number> {
  const rows = await core.queryWorker.request({ type: 'read', sql: "select coalesce(sum(memory_usage_bytes), 0)::double / 1048576 as mib from duckdb_memory() where tag = 'CSV_READER'" });
  return (rows[0] as { mib: number }).mib;
}

describe('a finished query gives its DuckDB memory back (real core, memory_limit 256MB)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeAll(async () => {
    dir = tempDir();
    const weather = sampleDatasetPaths().filter((p) => p.endsWith('seattle-weather.csv'));
    expect(weather).toHaveLength(1);
    core = await startTestCore(dir.path, { samples: weather, memoryLimit: '256MB' });
    await core.catalog.idle();
    expect(Object.values(core.projections.current.view.datasets).map((d) => d.status)).toEqual(['ready']);
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('runs 20 LIMIT queries over a CSV one after another, each completing, with the scans’ buffers released', async () => {
    // Each such scan takes ~30 MiB of buffers; kept past their query, the 9th would fail as OUT_OF_MEMORY.
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    for (let i = 0; i < 20; i++) {
      const queryId = await startQuery(core, sessionId, `select * from seattle_weather where weather <> 'run ${i}' limit 100`);
      const end = await queryEnd(core, sessionId, queryId, 60_000);
      expect(end.type === 'QueryFailed' ? `${i}: ${end.payload.error.message}` : end.type).toBe('QueryCompleted');
      expect(end).toMatchObject({ payload: { rowCount: 100 } });
    }
    expect(await csvReaderMiB(core)).toBeLessThan(32);
  }, 120_000);
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

const CARS = join(process.cwd(), 'node_modules/vega-datasets/data/cars.json');

/**
 * A session log whose dataset is recorded under a name no dataset may take here (edited by hand, or
 * a person's table of that name here): left out and listed, never shown as ready while its SQL reads
 * something else (a file named `sextant` attached over the history; reviewed against the real host).
 */
describe('an imported dataset’s name (real cores, real DuckDB)', () => {
  const dirs = [tempDir('sextant-names-'), tempDir('sextant-names-')];
  let source: TestCore;
  let sessionId: string;
  let log: string;

  beforeAll(async () => {
    source = await startTestCore(dirs[0]!.path);
    const opened = await source.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    sessionId = opened.value.aggregateId;
    const added = await source.dispatch({ type: 'AddDataset', source: CARS });
    if (!added.ok) throw new Error(added.error.message);
    await source.catalog.idle();
    await queryEnd(source, sessionId, await startQuery(source, sessionId, 'SELECT count(*) AS n FROM cars'));
    log = await writeSessionLog(source.store, sessionId);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    for (const d of dirs) d.remove();
  });

  const named = (name: string) => log.replace(/("type":"DatasetRegistered","payload":\{"name":)"cars"/, `$1${JSON.stringify(name)}`);

  it.each([
    ['sextant', 'the history database’s name'],
    ['', 'an empty name'],
    ['tr"ips; drop view cars; --', 'a name Sextant never gives'],
    ['orders', 'a table a person made here'],
  ])('given a dataset named %j (%s), then it is left out and listed, and the session comes in', async (name) => {
    expect(named(name)).not.toBe(log);
    const dir = tempDir('sextant-names-target-');
    const target = await startTestCore(dir.path);
    try {
      const opened = target.view().sessions;
      const any = Object.keys(opened)[0]!;
      await queryEnd(target, any, await startQuery(target, any, 'CREATE TABLE orders AS SELECT 1 AS x'));
      const imported = await target.imports.importText(named(name));
      if (!imported.ok) throw new Error(imported.error.message);
      expect(imported.value.missingDatasets).toEqual([{ datasetId: expect.any(String), name, source: CARS, reason: 'name-reserved' }]);
      expect(Object.values(target.view().datasets).map((d) => d.name)).not.toContain(name);
      expect(target.view().sessions[sessionId]?.history.map((h) => h.sql)).toEqual(['SELECT count(*) AS n FROM cars']);
    } finally {
      await target.close();
      dir.remove();
    }
  }, 60_000);
});

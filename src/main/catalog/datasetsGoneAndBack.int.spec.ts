import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { openSessions } from '../../shared/views/appView';
import { silentLogger } from '../platform/logger';
import { InputWatcher } from './inputWatcher';

/**
 * A dataset's file deleted and put back while Sextant runs, or while it is stopped: the input
 * watcher's look marks it not here, as a start does, and registers it again once it is back, so it
 * is queryable and no longer marked (docs/query-engine.md, "Catalog").
 */
describe('a dataset whose file goes and comes back (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const dir = tempDir('sextant-gone-back-');
  const file = join(dir.path, 'to_remove.csv');
  const aside = join(dir.path, 'aside.csv');
  let core: TestCore;
  let watcher: InputWatcher;
  let datasetId: string;

  const start = async () => {
    core = await startTestCore(join(dir.path, 'data'));
    // long interval: each look is the test's own (a window gaining focus asks one the same way)
    watcher = new InputWatcher(core.handler, core.queryWorker, core.projections, silentLogger(), 3_600_000, core.catalog);
  };
  const notHere = async () => {
    const r = await core.catalog.notHere();
    return r.ok ? r.value.datasetIds : r.error;
  };
  const count = async () => resultRows(core, openSessions(core.view())[0]?.id ?? (await session()), 'select count(*) from to_remove');
  const session = async () => {
    const opened = await core.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value.aggregateId;
  };

  beforeAll(async () => {
    writeFileSync(file, 'k,v\na,1\nb,2\nc,3\n');
    await start();
    datasetId = (await addDataset(core, file)).id;
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given a file deleted while running, when the watcher looks, then the dataset is not here', async () => {
    expect(await notHere()).toEqual([]);
    renameSync(file, aside);
    await watcher.check();
    expect(await notHere()).toEqual([datasetId]);
  });

  it('given it is not here, when a query reads it, then the failure names the dataset and its file, DuckDB’s words in its details', async () => {
    const sessionId = openSessions(core.view())[0]?.id ?? (await session());
    const queryId = await startQuery(core, sessionId, 'select count(*) from to_remove');
    const end = await queryEnd(core, sessionId, queryId);
    if (end.type !== 'QueryFailed') throw new Error(`the query did not fail: ${end.type}`);
    expect(end.payload.error.message).toBe(`The dataset “to_remove” (read from ${file}) is not on this machine. Locate its file (“Locate…”), and run the query again.`);
    expect(String(end.payload.error.details?.['duckdb'])).toMatch(/to_remove|No files found/);
  });

  it('given the file put back, when the watcher looks, then it is here again and queryable', async () => {
    renameSync(aside, file);
    await watcher.check();
    expect(await notHere()).toEqual([]);
    expect(await count()).toEqual([['3']]);
  });

  it('given a file missing at a start and put back, when the watcher looks, then it is registered again', async () => {
    renameSync(file, aside);
    await core.close();
    await start();
    expect(await notHere()).toEqual([datasetId]);
    await expect(count()).rejects.toThrow(/to_remove does not exist/);
    renameSync(aside, file);
    await watcher.check();
    expect(await notHere()).toEqual([]);
    expect(await count()).toEqual([['3']]);
    expect(core.view().datasets[datasetId]).toMatchObject({ status: 'ready', name: 'to_remove' });
  });
});

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession, queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { silentLogger } from '../platform/logger';
import { InputWatcher } from './inputWatcher';

/**
 * A folder dataset whose files were all deleted, the folder itself left (docs/query-engine.md,
 * "Catalog"): a query, a watcher's look and a start say so in words, as the empty folder's
 * registration does, never with DuckDB's glob; the catalog marks it until its files are back.
 */
describe('a folder dataset whose files are all deleted (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const dir = tempDir('sextant-folder-emptied-');
  const folder = join(dir.path, 'sales');
  const aside = join(dir.path, 'aside');
  let core: TestCore;
  let watcher: InputWatcher;
  let sessionId: string;
  let datasetId: string;
  const words = `The folder ${folder} holds no Parquet or CSV files any more, so the dataset “sales” has nothing to read. Put its files back, or locate them elsewhere (“Locate…”), and run the query again.`;

  const start = async () => {
    core = await startTestCore(join(dir.path, 'data'));
    watcher = new InputWatcher(core.handler, core.queryWorker, core.projections, silentLogger(), 3_600_000, core.catalog);
    sessionId = await openSession(core);
  };
  const notHere = async () => {
    const r = await core.catalog.notHere();
    return r.ok ? r.value.datasetIds : r.error;
  };
  const failure = async (sql: string) => {
    const queryId = await startQuery(core, sessionId, sql);
    const end = await queryEnd(core, sessionId, queryId);
    if (end.type !== 'QueryFailed') throw new Error(`the query did not fail: ${end.type}`);
    return end.payload.error;
  };
  const emptyFolder = () => {
    renameSync(folder, aside);
    mkdirSync(folder);
  };
  const refill = () => {
    rmSync(folder, { recursive: true });
    renameSync(aside, folder);
  };

  beforeAll(async () => {
    mkdirSync(join(folder, '2024'), { recursive: true });
    writeFileSync(join(folder, 'a.csv'), 'k,v\na,1\n');
    writeFileSync(join(folder, '2024', 'b.csv'), 'k,v\nb,2\n');
    await start();
    const dataset = await addDataset(core, folder);
    expect(dataset).toMatchObject({ status: 'ready', name: 'sales' });
    datasetId = dataset.id;
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given its files deleted while running, when a query reads it before any look, then the failure says so in words, with an id, and the catalog marks it', async () => {
    emptyFolder();
    const error = await failure('select count(*) from sales');
    expect(error.message).toBe(words);
    expect(error.id).toMatch(/\S/);
    expect(error.message).not.toMatch(/\*\*|\[!\.\]|pattern/);
    expect(String(error.details?.['duckdb'])).toMatch(/No files found that match the pattern/);
    expect(await notHere()).toEqual([datasetId]);
  });

  it('given its files back, when the watcher looks, then it is queryable and no longer marked', async () => {
    refill();
    await watcher.check();
    expect(await notHere()).toEqual([]);
    expect(await resultRows(core, sessionId, 'select count(*) from sales')).toEqual([['2']]);
  });

  it('given its files deleted again, when the watcher looks first, then it is marked, and a query says so in the same words', async () => {
    emptyFolder();
    await watcher.check();
    expect(await notHere()).toEqual([datasetId]);
    expect((await failure('select k from sales')).message).toBe(words);
    refill();
    await watcher.check();
    expect(await notHere()).toEqual([]);
  });

  it('given its files deleted while stopped, when it starts, then it is marked and a query says so in the same words', async () => {
    emptyFolder();
    await core.close();
    await start();
    expect(await notHere()).toEqual([datasetId]);
    expect((await failure('select k from sales')).message).toBe(words);
  });
});

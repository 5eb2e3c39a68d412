import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * A source the catalog reads already adds nothing, however it is spelled, as opening it from the
 * command line finds it (docs/query-engine.md, "Catalog"); the refusal names the dataset.
 */
describe('a source added twice (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const dir = tempDir('sextant-twice-');
  const files = join(dir.path, 'files');
  let core: TestCore;
  const count = () => Object.keys(core.projections.current.view.datasets).length;

  beforeAll(async () => {
    mkdirSync(join(files, 'pq'), { recursive: true });
    mkdirSync(join(files, 'other'));
    writeFileSync(join(files, 'weather.csv'), 'day,mm\n1,3\n2,0\n');
    writeFileSync(join(files, 'other', 'weather.csv'), 'day,mm\n3,1\n');
    writeFileSync(join(files, 'pq', 'a.csv'), 'k\n1\n');
    core = await startTestCore(join(dir.path, 'data'));
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given a ready file, when it is added again spelled otherwise, then nothing is added and the refusal names it', async () => {
    const weather = await addDataset(core, join(files, 'weather.csv'));
    expect(weather).toMatchObject({ status: 'ready', name: 'weather' });
    const before = count();
    for (const source of [join(files, 'weather.csv'), `  ${join(files, 'weather.csv')}  `, `${files}/./weather.csv`, `${files}/pq/../weather.csv`, pathToFileURL(join(files, 'weather.csv')).href]) {
      expect(await core.dispatch({ type: 'AddDataset', source })).toMatchObject({
        ok: false,
        error: { code: 'DATASET_ALREADY_EXISTS', message: 'Already in the catalog as weather.', details: { datasetId: weather.id, name: 'weather' } },
      });
    }
    await core.catalog.idle();
    expect(count()).toBe(before);
  });

  it('given a folder, when it is added again with a trailing separator, then it is the same folder', async () => {
    const pq = await addDataset(core, join(files, 'pq'));
    expect(await core.dispatch({ type: 'AddDataset', source: `${join(files, 'pq')}/` })).toMatchObject({ ok: false, error: { code: 'DATASET_ALREADY_EXISTS', details: { datasetId: pq.id } } });
  });

  it('given a file of the same name in another folder, then it is another dataset, named _2', async () => {
    expect(await addDataset(core, join(files, 'other', 'weather.csv'))).toMatchObject({ status: 'ready', name: 'weather_2' });
  });

  it('given a source typed with spaces and ./, then it is recorded as it is compared', async () => {
    writeFileSync(join(files, 'bom.csv'), '\ufeffa,b\n1,2\n');
    expect(await addDataset(core, `  ${files}/./bom.csv  `)).toMatchObject({ status: 'ready', name: 'bom', source: join(files, 'bom.csv') });
  });

  it('given a file that failed, when it is added again spelled otherwise, then the failed entry tries again', async () => {
    const first = await addDataset(core, join(files, 'later.csv'));
    expect(first.status).toBe('failed');
    writeFileSync(join(files, 'later.csv'), 'a\n1\n');
    expect(await addDataset(core, `${files}/./later.csv `)).toMatchObject({ id: first.id, status: 'ready', name: 'later' });
  });
});

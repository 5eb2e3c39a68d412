import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { outsideAsar, relocatedSample, SAMPLE_FILES, sampleDatasetPaths } from './sampleDatasets';

const VEGA = resolve('node_modules/vega-datasets/data');

describe('outsideAsar', () => {
  it.each([
    ['/opt/Sextant/resources/app.asar/node_modules/vega-datasets/data', '/opt/Sextant/resources/app.asar.unpacked/node_modules/vega-datasets/data'],
    ['/Applications/Sextant.app/Contents/Resources/app.asar/node_modules/x/cars.json', '/Applications/Sextant.app/Contents/Resources/app.asar.unpacked/node_modules/x/cars.json'],
    ['C:\\Program Files\\Sextant\\resources\\app.asar\\node_modules\\x\\cars.json', 'C:\\Program Files\\Sextant\\resources\\app.asar.unpacked\\node_modules\\x\\cars.json'],
  ])('moves %s to the unpacked copy', (inside, unpacked) => {
    expect(outsideAsar(inside)).toBe(unpacked);
    expect(outsideAsar(unpacked)).toBe(unpacked); // already outside: unchanged
  });

  it.each([
    '/home/me/sextant/node_modules/vega-datasets/data',
    '/data/backup.asar', // an archive itself, not a path into one
    '/data/app.asarx/cars.json',
    'relative/app.asar.unpacked/cars.json',
  ])('leaves %s alone', (path) => {
    expect(outsideAsar(path)).toBe(path);
  });
});

describe('sampleDatasetPaths', () => {
  it('finds the three samples in the installed vega-datasets package (dev and web host)', () => {
    expect(sampleDatasetPaths()).toEqual(SAMPLE_FILES.map((f) => join(VEGA, f)));
  });

  describe('in a packaged layout (resources/app.asar + app.asar.unpacked)', () => {
    let dir: ReturnType<typeof tempDir>;
    let core: TestCore | undefined;
    let insideAsar: string;
    beforeEach(() => {
      dir = tempDir();
      const resources = join(dir.path, 'resources');
      mkdirSync(resources);
      // Under plain Node the archive is an opaque file, as it is for DuckDB's native reads in the app.
      writeFileSync(join(resources, 'app.asar'), 'not a directory');
      insideAsar = join(resources, 'app.asar', 'node_modules', 'vega-datasets', 'data');
      const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'vega-datasets', 'data');
      mkdirSync(unpacked, { recursive: true });
      // Two of the three: a sample that was not shipped is skipped, not offered as a broken dataset.
      for (const f of ['seattle-weather.csv', 'cars.json']) copyFileSync(join(VEGA, f), join(unpacked, f));
    });
    afterEach(async () => {
      await core?.close();
      core = undefined;
      dir.remove();
    });

    it('answers with the unpacked files that exist', () => {
      const unpacked = outsideAsar(insideAsar);
      expect(sampleDatasetPaths(insideAsar)).toEqual([join(unpacked, 'seattle-weather.csv'), join(unpacked, 'cars.json')]);
    });

    it('a first start seeds them and DuckDB reads them', async () => {
      core = await startTestCore(join(dir.path, 'data'), { samples: sampleDatasetPaths(insideAsar) });
      await core.catalog.idle();
      const datasets = Object.values(core.projections.current.view.datasets);
      expect(datasets.map((d) => [d.name, d.status]).sort()).toEqual([
        ['cars', 'ready'],
        ['seattle_weather', 'ready'],
      ]);
      expect(datasets.find((d) => d.name === 'seattle_weather')?.columns.map((c) => c.name)).toContain('precipitation');
    });

    it('a later start from a moved install (an AppImage mounts somewhere new each launch) queries the samples where they are now', async () => {
      const dataDir = join(dir.path, 'data');
      core = await startTestCore(dataDir, { samples: sampleDatasetPaths(insideAsar) });
      await core.catalog.idle();
      await core.close();
      core = undefined;
      // The old mount is gone; this install keeps the samples in node_modules (sampleDatasetPaths()).
      renameSync(join(dir.path, 'resources'), join(dir.path, 'gone'));

      core = await startTestCore(dataDir);
      await core.catalog.idle();
      const sessionId = Object.keys(core.projections.current.view.sessions)[0]!;
      const queryId = await startQuery(core, sessionId, 'select count(*) from cars');
      const end = await queryEnd(core, sessionId, queryId);
      expect(end.type === 'QueryFailed' ? end.payload.error.message : end.type).toBe('QueryCompleted');
      const page = await core.runner.fetchPage(queryId, 0, 1);
      expect(page.ok && page.value.values).toEqual([['406']]);
    });

    it('a sample packed inside the archive but not unpacked is not offered (DuckDB could not open it)', () => {
      // Electron's fs sees into app.asar; emulate that view with a directory of the same name.
      const packed = join(dir.path, 'packed', 'resources', 'app.asar', 'data');
      mkdirSync(packed, { recursive: true });
      copyFileSync(join(VEGA, 'cars.json'), join(packed, 'cars.json'));
      expect(sampleDatasetPaths(packed)).toEqual([]);
    });
  });
});

describe('relocatedSample', () => {
  const now = SAMPLE_FILES.map((f) => join(VEGA, f));
  it('maps a vanished sample path to where this install keeps the same file', () => {
    expect(relocatedSample('/tmp/.mount_SextanAbC/resources/app.asar.unpacked/node_modules/vega-datasets/data/cars.json', now)).toBe(join(VEGA, 'cars.json'));
    expect(relocatedSample('C:\\Old\\resources\\app.asar.unpacked\\node_modules\\vega-datasets\\data\\cars.json', now)).toBe(join(VEGA, 'cars.json'));
  });
  it('leaves alone a sample that is still there, a file of the user, and a sample this install lacks', () => {
    expect(relocatedSample(join(VEGA, 'cars.json'), now)).toBeUndefined();
    expect(relocatedSample('/home/me/data/cars.json', now)).toBeUndefined();
    expect(relocatedSample('/gone/node_modules/vega-datasets/data/cars.json', [])).toBeUndefined();
  });
});

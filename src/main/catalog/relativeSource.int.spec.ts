import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { tempDir } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import type { DatasetView } from '../../shared/views/appView';
import { silentLogger } from '../platform/logger';
import { copyPath } from './datasetCopies';
import { fingerprintTarget } from './fingerprintTarget';
import { locateSource, type LocatorDeps } from './sourceLocator';
import { followEncoding } from './windows1252Copy';

/** A desktop app has no working folder a person chose: a typed relative path is read under the home folder, and recorded whole. */
describe('a relative path typed into "Dataset path or URL" (real core, a temp home folder)', () => {
  const t = useTestCore('each');
  let home: ReturnType<typeof tempDir>;
  let was: string | undefined;
  beforeEach(() => {
    home = tempDir('sextant-home-');
    was = process.env['HOME'];
    process.env['HOME'] = home.path; // what os.homedir() answers on POSIX
  });
  afterEach(() => {
    if (was === undefined) delete process.env['HOME'];
    else process.env['HOME'] = was;
    home.remove();
  });

  it.skipIf(process.platform === 'win32')('given weather.tsv in the home folder, when “weather.tsv” is added, then it is read from there and its source is the absolute path', async () => {
    writeFileSync(join(home.path, 'weather.tsv'), 'day\ttemp\nmon\t12\n');
    const ds = await addDataset(t.core(), 'weather.tsv');
    expect(ds).toMatchObject({ status: 'ready', name: 'weather', source: join(home.path, 'weather.tsv') });
  });

  it.skipIf(process.platform === 'win32')('given a relative source an older log recorded, when it is located, then it is looked for under the home folder, not the app’s', async () => {
    writeFileSync(join(home.path, 'old.csv'), 'a\n1\n');
    const deps = { queryWorker: t.core().queryWorker, bus: t.core().bus, dataDir: t.dir() } as LocatorDeps;
    // a CSV: its encoding is settled after its fingerprint (settleCopy), so it comes back marked as text to check
    expect(await locateSource(deps, 'd1', 'old.csv')).toEqual({ format: 'csv', location: join(home.path, 'old.csv'), unsettled: 'text' });
  });

  it.skipIf(process.platform === 'win32')('given a relative Windows-1252 or Arrow source an older log recorded, then its fingerprint is of the file under the home folder, where it was located', () => {
    expect(fingerprintTarget('old.csv', 'csv', '/data/datasets/d1.csv', { encoding: 'windows-1252' }).target.path).toBe(join(home.path, 'old.csv'));
    expect(fingerprintTarget('old.arrow', 'arrow', '/data/datasets/d1.parquet').target.path).toBe(join(home.path, 'old.arrow'));
  });

  it.skipIf(process.platform === 'win32')('given a relative Windows-1252 source an older log recorded, saved as UTF-8, when its encoding is followed, then it is read from the home folder, which is recorded', async () => {
    writeFileSync(join(home.path, 'old.csv'), 'a\n€1\n');
    const copy = copyPath(t.dir(), 'd1', 'csv');
    const ds = { id: 'd1', status: 'ready', name: 'old_rel', format: 'csv', source: 'old.csv', location: copy, reading: { encoding: 'windows-1252' }, columns: [] } as unknown as DatasetView;
    const anew = await followEncoding({ queryWorker: t.core().queryWorker, log: silentLogger(), dataDir: t.dir() }, ds, { kind: 'view', name: 'old_rel', format: 'csv', location: copy });
    expect(anew?.readAs).toEqual({ location: join(home.path, 'old.csv') });
    expect(anew?.spec.location).toBe(join(home.path, 'old.csv'));
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { tempDir } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import { locateSource, type LocatorDeps } from './sourceLocator';

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
    const deps = { pool: t.core().pool, bus: t.core().bus, dataDir: t.dir() } as LocatorDeps;
    // a CSV: its encoding is settled after its fingerprint (settleCopy), so it comes back marked as text to check
    expect(await locateSource(deps, 'd1', 'old.csv')).toEqual({ format: 'csv', location: join(home.path, 'old.csv'), textFile: true });
  });
});

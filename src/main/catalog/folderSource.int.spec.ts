import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/testCore';
import { locateFolder, MAX_FOLDER_ENTRIES } from './folderSource';

describe('a folder as a dataset', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('sextant-folder-');
  });
  afterEach(() => dir.remove());

  it('prefers Parquet files anywhere below, else CSV', async () => {
    mkdirSync(join(dir.path, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir.path, 'a', 'x.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', '*.csv') });
    writeFileSync(join(dir.path, 'a', 'b', 'y.parquet'), 'PAR1');
    expect(await locateFolder(dir.path)).toEqual({ format: 'parquet', location: join(dir.path, '**', '*.parquet') });
  });

  it('refuses a folder too big to be a dataset, without walking all of it, and names a narrower way', async () => {
    for (let i = 0; i <= MAX_FOLDER_ENTRIES; i += 1000) {
      const sub = join(dir.path, `d${i}`);
      mkdirSync(sub);
      for (let k = 0; k < 1000; k++) writeFileSync(join(sub, `${k}.txt`), '');
    }
    await expect(locateFolder(dir.path)).rejects.toMatchObject({
      error: { code: 'DATASET_UNSUPPORTED', message: expect.stringContaining('add a narrower folder') },
    });
  });
});

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
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', '[!.]*.csv') });
    writeFileSync(join(dir.path, 'a', 'b', 'y.parquet'), 'PAR1');
    expect(await locateFolder(dir.path)).toEqual({ format: 'parquet', location: join(dir.path, '**', '[!.]*.parquet') });
  });

  it('leaves hidden files out: one alone is no reason to read the folder as its kind', async () => {
    writeFileSync(join(dir.path, 'x.csv'), 'x\n1\n');
    writeFileSync(join(dir.path, '._x.parquet'), 'not Parquet');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', '[!.]*.csv') });
  });

  it('given a dot-folder, then files found at one depth are named level by level (DuckDB’s ** walks dot-folders), at mixed depths ** stays', async () => {
    mkdirSync(join(dir.path, '.ipynb_checkpoints'));
    mkdirSync(join(dir.path, 'y=2024'));
    writeFileSync(join(dir.path, '.ipynb_checkpoints', 'a-checkpoint.csv'), 'x\n1\n');
    writeFileSync(join(dir.path, 'y=2024', 'a.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '[!.]*', '[!.]*.csv') });
    writeFileSync(join(dir.path, 'top.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', '[!.]*.csv') });
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

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { rawTextRows } from '../../../test/support/rawTextRows';
import { tempDir } from '../../../test/support/testCore';
import { literal } from '../query/sql';
import { locateFolder, MAX_FOLDER_ENTRIES } from './folderSource';

/** The extensions as the glob writes them: any case (DuckDB's glob is case-sensitive, file names are not). */
const CSV = '[!.]*.[cC][sS][vV]';
const PARQUET = '[!.]*.[pP][aA][rR][qQ][uU][eE][tT]';

describe('a folder as a dataset', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('sextant-folder-');
  });
  afterEach(() => dir.remove());

  it('prefers Parquet files anywhere below, else CSV', async () => {
    mkdirSync(join(dir.path, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir.path, 'a', 'x.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) });
    writeFileSync(join(dir.path, 'a', 'b', 'y.parquet'), 'PAR1');
    expect(await locateFolder(dir.path)).toEqual({ format: 'parquet', location: join(dir.path, '**', PARQUET) });
  });

  it('leaves hidden files out: one alone is no reason to read the folder as its kind', async () => {
    writeFileSync(join(dir.path, 'x.csv'), 'x\n1\n');
    writeFileSync(join(dir.path, '._x.parquet'), 'not Parquet');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) });
  });

  it('given a dot-folder, then files found at one depth are named level by level (DuckDB’s ** walks dot-folders), at mixed depths ** stays', async () => {
    mkdirSync(join(dir.path, '.ipynb_checkpoints'));
    mkdirSync(join(dir.path, 'y=2024'));
    writeFileSync(join(dir.path, '.ipynb_checkpoints', 'a-checkpoint.csv'), 'x\n1\n');
    writeFileSync(join(dir.path, 'y=2024', 'a.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '[!.]*', CSV) });
    writeFileSync(join(dir.path, 'top.csv'), 'x\n1\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) });
  });

  it('given upper-case extensions, or CSV beside gzipped CSV, then DuckDB reads them all, as raw DuckDB over the same files does', async () => {
    writeFileSync(join(dir.path, 'DATA.CSV'), 'x\n1\n');
    writeFileSync(join(dir.path, 'more.csv'), 'x\n2\n');
    const upper = await locateFolder(dir.path);
    expect(await rawTextRows(`select count(*), sum(x) from read_csv(${literal(upper.location)})`)).toEqual([['2', '3']]);
    writeFileSync(join(dir.path, 'b.csv.gz'), gzipSync('x\n4\n'));
    const gz = await locateFolder(dir.path);
    expect(gz).toEqual({ format: 'csv', location: join(dir.path, '**', `${CSV}*`) });
    expect(await rawTextRows(`select count(*), sum(x) from read_csv(${literal(gz.location)})`)).toEqual([['3', '7']]);
    // another `.csv…` name beside them would be read too: the plain ones only, as before
    writeFileSync(join(dir.path, 'old.csv.bak'), 'x\n100\n');
    expect(await locateFolder(dir.path)).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) });
  });

  it('given gzipped CSV whose .GZ is upper-case, which DuckDB would read as text, then it is left out, beside plain CSV or alone', async () => {
    writeFileSync(join(dir.path, 'a.csv'), 'x\n1\n');
    writeFileSync(join(dir.path, 'B.CSV.GZ'), gzipSync('x\n2\n'));
    const beside = await locateFolder(dir.path);
    expect(beside).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) });
    expect(await rawTextRows(`select count(*), sum(x) from read_csv(${literal(beside.location)})`)).toEqual([['1', '1']]);
    writeFileSync(join(dir.path, 'c.CSV.gz'), gzipSync('x\n4\n'));
    const both = await locateFolder(dir.path);
    expect(both).toEqual({ format: 'csv', location: join(dir.path, '**', CSV) }); // B.CSV.GZ would match `.csv*`: plain ones only
  });

  it('given only upper-case Parquet, then it is found', async () => {
    writeFileSync(join(dir.path, 'PART.PARQUET'), 'PAR1');
    expect(await locateFolder(dir.path)).toEqual({ format: 'parquet', location: join(dir.path, '**', PARQUET) });
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

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { writeDatabaseFile } from '../../../test/support/databaseFile';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';

/**
 * A file DuckDB reads whose columns are too many to record in one catalog event: it said "loading…"
 * for good (its DatasetRegistered refused, only logged), while its view stood in DuckDB all the same.
 */
describe('a dataset too wide for the catalog to record (real core)', () => {
  const dir = useTempDataDir<TestCore>();

  it('given a CSV of 2,000 columns with 600-character names, then it fails with DATASET_UNSUPPORTED, its id, and what to do; no view is left', async () => {
    const csv = join(dir.path(), 'wide.csv');
    const names = Array.from({ length: 2000 }, (_, i) => `c${String(i).padStart(4, '0')}_${'x'.repeat(595)}`);
    writeFileSync(csv, `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`);
    const core = dir.keep(await startTestCore(join(dir.path(), 'data')));
    const dataset = await addDataset(core, csv);
    expect(dataset.status).toBe('failed');
    expect(dataset.error).toMatchObject({ code: 'DATASET_UNSUPPORTED', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(dataset.error?.message).toMatch(/^.*wide\.csv could not be added: its 2,000 columns are more than the catalog can record for one dataset \([\d,]+ characters; the limit is 1,048,576\)\. Read the file in SQL instead/);
    const views = await core.queryWorker.request({ type: 'read', sql: "select count(*)::integer as n from duckdb_views() where view_name = 'wide'" });
    expect(views).toEqual([{ n: 0 }]);
    // a file of normal width beside it is added as ever
    const narrow = join(dir.path(), 'narrow.csv');
    writeFileSync(narrow, 'a,b\n1,2\n');
    expect((await addDataset(core, narrow)).status).toBe('ready');
  });

  it('given a database file of tables too wide together, then its columns are counted across them, and it says to attach it', async () => {
    const file = join(dir.path(), 'wide.duckdb');
    const columns = Array.from({ length: 100 }, (_, i) => `c${i}_${'x'.repeat(595)} INTEGER`).join(', ');
    await writeDatabaseFile(file, ...Array.from({ length: 20 }, (_, t) => `create table t${t} (${columns})`));
    const core = dir.keep(await startTestCore(join(dir.path(), 'data2')));
    const dataset = await addDataset(core, file);
    expect(dataset.error?.code).toBe('DATASET_UNSUPPORTED');
    expect(dataset.error?.message).toMatch(/could not be added: its 2,000 columns are more than the catalog can record for one dataset \([\d,]+ characters; the limit is 1,048,576\)\. Attach the file in SQL instead/);
  });
});

import { renameSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Int32, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { writeDatabaseFile } from '../../../test/support/databaseFile';
import { useTestCore } from '../../../test/support/useTestCore';

/** A file's time moved on, so the watcher's cheap look sees it whatever the clock's resolution. */
const later = (path: string) => utimesSync(path, new Date(), new Date(Date.now() + 60_000));

const arrowOf = (values: number[]) => tableToIPC(new Table({ v: vectorFromArray(values, new Int32()) }), 'file');

/**
 * Files DuckDB does not read as they are: an Arrow file through a Parquet copy, a database file
 * attached. Rewritten on disk, they were marked "changed" while queries still answered from the
 * copy or the attachment made when they were added (real core, real DuckDB, real files).
 */
describe('an Arrow or DuckDB file that changes on disk', () => {
  const t = useTestCore('each', { inputWatchMs: 3_600_000 });
  const session = () => openSessions(t.core().view())[0]!.id;

  it('given an Arrow file rewritten, when the watcher looks, then queries read what it holds now', async () => {
    const core = t.core();
    const path = join(t.dir(), 'numbers.arrow');
    writeFileSync(path, arrowOf([1, 2, 3]));
    const ds = await addDataset(core, path);
    expect(await resultRows(core, session(), `select count(*), sum(v) from ${ds.name}`)).toEqual([['3', '6']]);

    writeFileSync(path, arrowOf([10, 20, 30, 40]));
    later(path);
    await core.inputs.check();
    expect(core.view().datasets[ds.id]?.changedAt).toBeDefined();
    expect(await resultRows(core, session(), `select count(*), sum(v) from ${ds.name}`)).toEqual([['4', '100']]);
  });

  it('given a database file replaced, when the watcher looks, then its tables are read from the new file, a table only it has too', async () => {
    const core = t.core();
    const path = join(t.dir(), 'sales.duckdb');
    await writeDatabaseFile(path, 'create table t as select range as v from range(3)');
    const ds = await addDataset(core, path);
    expect(await resultRows(core, session(), `select count(*) from ${ds.name}.t`)).toEqual([['3']]);

    const next = join(t.dir(), 'next.duckdb');
    await writeDatabaseFile(next, 'create table t as select range as v from range(100); create table extra as select 1 as one');
    renameSync(next, path);
    later(path);
    await core.inputs.check();
    expect(core.view().datasets[ds.id]?.changedAt).toBeDefined();
    expect(await resultRows(core, session(), `select count(*) from ${ds.name}.t`)).toEqual([['100']]);
    expect(await resultRows(core, session(), `select one from ${ds.name}.extra`)).toEqual([['1']]);
  });

  it('given a database file cut short, when the watcher looks, then it stays attached as it was (not detached while the catalog says ready)', async () => {
    const core = t.core();
    const path = join(t.dir(), 'cut.duckdb');
    await writeDatabaseFile(path, 'create table t as select range as v from range(3)');
    const ds = await addDataset(core, path);
    await core.queryWorker.request({ type: 'exec', sql: 'checkpoint' });
    truncateSync(path, 4096);
    later(path);
    await core.inputs.check();
    expect(core.view().datasets[ds.id]).toMatchObject({ status: 'ready', changedAt: expect.any(String) as unknown });
    const attached = await core.queryWorker.request({ type: 'read', sql: `select count(*)::integer as n from duckdb_databases() where database_name = '${ds.name}'` });
    expect(attached).toEqual([{ n: 1 }]);
  });
});

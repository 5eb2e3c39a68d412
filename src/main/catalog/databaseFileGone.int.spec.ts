import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { writeDatabaseFile } from '../../../test/support/databaseFile';
import { useTestCore } from '../../../test/support/useTestCore';

/**
 * A DuckDB database file is attached, and an attachment holds its file open: deleted or moved away,
 * it went on answering from the open handle while the catalog said "not on this machine", and
 * stopped only at the next start. Gone, it is now detached as a start leaves it, so a query says
 * what a query over any other missing file says (real core, real DuckDB, real files).
 */
describe('a DuckDB file that goes and comes back while Sextant runs', { shuffle: false }, () => {
  const t = useTestCore('all', { inputWatchMs: 3_600_000 });
  const path = () => join(t.dir(), 'shop.duckdb');
  const aside = () => join(t.dir(), 'aside.duckdb');
  const session = () => openSessions(t.core().view())[0]!.id;
  const notHere = async () => {
    const r = await t.core().catalog.notHere();
    return r.ok ? r.value.datasetIds : r.error;
  };
  let datasetId = '';

  it('given an attached database file moved away, when the watcher looks, then it is not here and a query says so in words', async () => {
    const core = t.core();
    await writeDatabaseFile(path(), 'create table orders as select range as id from range(5)');
    const ds = await addDataset(core, path());
    datasetId = ds.id;
    expect(await resultRows(core, session(), 'select count(*) from shop.orders')).toEqual([['5']]);

    renameSync(path(), aside());
    await core.inputs.check();
    expect(await notHere()).toEqual([datasetId]);
    const queryId = await startQuery(core, session(), 'select count(*) from shop.orders');
    const end = await queryEnd(core, session(), queryId);
    if (end.type !== 'QueryFailed') throw new Error(`the query answered from the moved file: ${end.type}`);
    expect(end.payload.error.message).toBe(`The dataset “shop” (read from ${path()}) is not on this machine. Locate its file (“Locate…”), and run the query again.`);
  });

  it('given the file put back, when the watcher looks, then it is attached again and answers', async () => {
    const core = t.core();
    renameSync(aside(), path());
    await core.inputs.check();
    expect(await notHere()).toEqual([]);
    expect(await resultRows(core, session(), 'select count(*) from shop.orders')).toEqual([['5']]);
    expect(core.view().datasets[datasetId]).toMatchObject({ status: 'ready', name: 'shop' });
  });
});

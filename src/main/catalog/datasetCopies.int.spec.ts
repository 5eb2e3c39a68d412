import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { copyPath } from './datasetCopies';

/** An Arrow IPC dataset's Parquet copy is the dataset's alone: deleted with it, made again when the removal is undone. */
describe('an Arrow dataset’s Parquet copy (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const dir = tempDir('sextant-copies-');
  const source = join(dir.path, 'readings.arrow');
  let core: TestCore;
  let sessionId: string;
  let id: string;
  const rows = () => resultRows(core, sessionId, 'select * from readings order by id');

  beforeAll(async () => {
    const table = new Table({ id: vectorFromArray([1, 2], new Int32()), name: vectorFromArray(['a', 'b'], new Utf8()) });
    writeFileSync(source, tableToIPC(table, 'file'));
    core = await startTestCore(join(dir.path, 'data'));
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given an Arrow file added, then DuckDB reads its Parquet copy in the data dir', async () => {
    const dataset = await addDataset(core, source);
    id = dataset.id;
    expect(dataset).toMatchObject({ status: 'ready', format: 'arrow', location: copyPath(core.dataDir, id, 'parquet') });
    expect(existsSync(copyPath(core.dataDir, id, 'parquet'))).toBe(true);
    expect(await rows()).toEqual([['1', 'a'], ['2', 'b']]);
  });

  it('given it removed, then its copy is deleted; given the removal undone, then the copy is made again and it reads', async () => {
    expect(await core.dispatch({ type: 'RemoveDataset', datasetId: id })).toMatchObject({ ok: true });
    await core.catalog.idle();
    expect(existsSync(copyPath(core.dataDir, id, 'parquet'))).toBe(false);
    const seq = core.projections.current.view.removedDatasets?.[id]?.undo?.undo.at(-1)?.seq;
    expect(await core.dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: id, seq: seq! })).toMatchObject({ ok: true });
    await core.catalog.idle();
    expect(existsSync(copyPath(core.dataDir, id, 'parquet'))).toBe(true);
    expect(await rows()).toEqual([['1', 'a'], ['2', 'b']]);
  });
});

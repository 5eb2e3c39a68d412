import { existsSync } from 'node:fs';
import { Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { useSessionCore } from '../../../test/support/useSessionCore';
import { copyPath } from './datasetCopies';

/** An Arrow IPC dataset's Parquet copy is the dataset's alone: deleted with it, made again when the removal is undone. */
describe('an Arrow dataset’s Parquet copy (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const { core, sessionId, file } = useSessionCore('sextant-copies-');
  let id: string;
  const rows = () => resultRows(core(), sessionId(), 'select * from readings order by id');
  const parquetCopy = () => copyPath(core().dataDir, id, 'parquet');

  it('given an Arrow file added, then DuckDB reads its Parquet copy in the data dir', async () => {
    const table = new Table({ id: vectorFromArray([1, 2], new Int32()), name: vectorFromArray(['a', 'b'], new Utf8()) });
    const dataset = await addDataset(core(), file('readings.arrow', Buffer.from(tableToIPC(table, 'file'))));
    id = dataset.id;
    expect(dataset).toMatchObject({ status: 'ready', format: 'arrow', location: parquetCopy() });
    expect(existsSync(parquetCopy())).toBe(true);
    expect(await rows()).toEqual([['1', 'a'], ['2', 'b']]);
  });

  it('given it removed, then its copy is deleted; given the removal undone, then the copy is made again and it reads', async () => {
    expect(await core().dispatch({ type: 'RemoveDataset', datasetId: id })).toMatchObject({ ok: true });
    await core().catalog.idle();
    expect(existsSync(parquetCopy())).toBe(false);
    const seq = core().projections.current.view.removedDatasets?.[id]?.undo?.undo.at(-1)?.seq;
    expect(await core().dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: id, seq: seq! })).toMatchObject({ ok: true });
    await core().catalog.idle();
    expect(existsSync(parquetCopy())).toBe(true);
    expect(await rows()).toEqual([['1', 'a'], ['2', 'b']]);
  });
});

import { readFileSync } from 'node:fs';
import { Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { useSessionCore } from '../../../test/support/useSessionCore';
import { copyPath, type CopyKind } from './datasetCopies';

const cp1252 = (s: string) => Buffer.from(s.replace(/€/g, '\x80').replace(/’/g, '\x92'), 'latin1');
const arrow = (ids: number[], names: string[]) => Buffer.from(tableToIPC(new Table({ id: vectorFromArray(ids, new Int32()), name: vectorFromArray(names, new Utf8()) }), 'file'));

/**
 * "Locate…" of a dataset read through a copy (a Windows-1252 CSV's UTF-8 one, an Arrow file's
 * Parquet one): the located file's fingerprint is compared before anything is written, so a file
 * refused as not the dataset's leaves the copy its view reads as it was.
 */
describe('locating a file that is not the dataset’s, for a dataset read through a copy (real core, real DuckDB, real files)', () => {
  const { core, sessionId, file } = useSessionCore('sextant-locate-copy-');

  async function refusedKeepsCopy(name: string, kind: CopyKind, added: Buffer, other: Buffer, ext: string): Promise<void> {
    const ds = await addDataset(core(), file(`${name}.${ext}`, added));
    const copy = copyPath(core().dataDir, ds.id, kind);
    expect(ds).toMatchObject({ status: 'ready', location: copy });
    const rows = () => resultRows(core(), sessionId(), `select * from ${name} order by all`);
    const before = { bytes: readFileSync(copy), rows: await rows(), view: core().view().datasets[ds.id] };

    const result = await core().catalog.relocate(ds.id, file(`other-${name}.${ext}`, other));

    expect(result).toMatchObject({ ok: false, error: { code: 'DATASET_MISMATCH' } });
    expect(result.ok ? '' : result.error.message).toMatch(/Nothing was changed\.$/);
    expect(readFileSync(copy).equals(before.bytes)).toBe(true);
    expect(await rows()).toEqual(before.rows);
    expect(core().view().datasets[ds.id]).toEqual(before.view);
  }

  it('given a Windows-1252 CSV added, when a different Windows-1252 file is located for it, then it is refused and its UTF-8 copy and rows are unchanged', async () => {
    await refusedKeepsCopy('prices', 'csv', cp1252('item,price\nit’s,€5\n'), cp1252('item,price\nit’s,€9\nnew,€1\n'), 'csv');
  });

  it('given an Arrow file added, when a different Arrow file is located for it, then it is refused and its Parquet copy and rows are unchanged', async () => {
    await refusedKeepsCopy('readings', 'parquet', arrow([1, 2], ['a', 'b']), arrow([7, 8, 9], ['x', 'y', 'z']), 'arrow');
  });

  it('given a Windows-1252 CSV added, when the same file is located elsewhere, then it is read from there through its copy made again', async () => {
    const content = cp1252('item,price\nsame,€3\n');
    const ds = await addDataset(core(), file('same.csv', content));
    const moved = file('moved-same.csv', content);
    expect(await core().catalog.relocate(ds.id, moved)).toMatchObject({ ok: true });
    expect(core().view().datasets[ds.id]).toMatchObject({ source: moved, reading: { encoding: 'windows-1252' }, location: copyPath(core().dataDir, ds.id, 'csv') });
    expect(await resultRows(core(), sessionId(), 'select * from same')).toEqual([['same', '€3']]);
  });

  it('given an Arrow file added, when the same file is located elsewhere, then its Parquet copy is made from there and it reads', async () => {
    const content = arrow([4, 5], ['d', 'e']);
    const ds = await addDataset(core(), file('moved.arrow', content));
    const moved = file('moved-again.arrow', content);
    expect(await core().catalog.relocate(ds.id, moved)).toMatchObject({ ok: true });
    expect(core().view().datasets[ds.id]).toMatchObject({ source: moved, location: copyPath(core().dataDir, ds.id, 'parquet') });
    expect(await resultRows(core(), sessionId(), 'select * from moved order by id')).toEqual([['4', 'd'], ['5', 'e']]);
  });
});

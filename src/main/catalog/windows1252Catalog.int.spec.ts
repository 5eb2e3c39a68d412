import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { silentLogger } from '../platform/logger';
import { InputWatcher } from './inputWatcher';
import { copyPath } from './datasetCopies';

/** A Windows-1252 dataset through the catalog: its reading recorded, its copy following the source, removed, and the removal undone. */
describe('a Windows-1252 dataset in the catalog (real core, real DuckDB, real files)', { shuffle: false }, () => {
  const dir = tempDir('sextant-cp1252-catalog-');
  const source = join(dir.path, 'prices.csv');
  const cp1252 = (s: string) => Buffer.from(s.replace(/€/g, '\x80').replace(/’/g, '\x92'), 'latin1');
  let core: TestCore;
  let watcher: InputWatcher;
  let sessionId: string;
  let id: string;
  const rows = () => resultRows(core, sessionId, 'select * from prices');

  beforeAll(async () => {
    writeFileSync(source, cp1252('item,price\nit’s,€5\n'));
    core = await startTestCore(join(dir.path, 'data'));
    watcher = new InputWatcher(core.handler, core.queryWorker, core.projections, silentLogger(), 3_600_000, core.catalog);
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given a Windows-1252 CSV added, then the catalog records its reading, and its fingerprint is its source’s', async () => {
    const dataset = await addDataset(core, source);
    id = dataset.id;
    expect(dataset).toMatchObject({ status: 'ready', reading: { encoding: 'windows-1252' }, location: copyPath(core.dataDir, id, 'csv') });
    expect(dataset.fingerprint?.bytes).toBe(statSync(source).size);
    expect(await rows()).toEqual([['it’s', '€5']]);
  });

  it('given its source rewritten, when the watcher looks, then the copy is converted again and the change recorded with its new columns', async () => {
    writeFileSync(source, cp1252('item,price,note\nit’s,€7,new\n'));
    await watcher.check();
    const ds = core.projections.current.view.datasets[id]!;
    expect(ds.fingerprint?.bytes).toBe(statSync(source).size);
    expect(ds.columns.map((c) => c.name)).toEqual(['item', 'price', 'note']);
    expect(await rows()).toEqual([['it’s', '€7', 'new']]);
  });

  it('given it removed, then its copy is deleted; given the removal undone, then the copy is made again and it reads', async () => {
    expect(await core.dispatch({ type: 'RemoveDataset', datasetId: id })).toMatchObject({ ok: true });
    await core.catalog.idle();
    expect(existsSync(copyPath(core.dataDir, id, 'csv'))).toBe(false);
    const seq = core.projections.current.view.removedDatasets?.[id]?.undo?.undo.at(-1)?.seq;
    expect(await core.dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: id, seq: seq! })).toMatchObject({ ok: true });
    await core.catalog.idle();
    expect(existsSync(copyPath(core.dataDir, id, 'csv'))).toBe(true);
    expect(await rows()).toEqual([['it’s', '€7', 'new']]);
  });

  it('given its source rewritten as UTF-8, when the watcher looks, then it is read from the source, no longer "read as Windows-1252", and its copy is deleted', async () => {
    writeFileSync(source, 'item,price,note\nit’s,€9,utf-8\n');
    await watcher.check();
    const ds = core.projections.current.view.datasets[id]!;
    expect(ds.reading).toBeUndefined();
    expect(ds.location).toBeUndefined();
    expect(existsSync(copyPath(core.dataDir, id, 'csv'))).toBe(false);
    expect(await rows()).toEqual([['it’s', '€9', 'utf-8']]);
    // and it follows its source from there, as any UTF-8 file
    writeFileSync(source, 'item,price,note\nit’s,€11,again\n');
    await watcher.check();
    expect(core.projections.current.view.datasets[id]!.fingerprint?.bytes).toBe(statSync(source).size);
    expect(await rows()).toEqual([['it’s', '€11', 'again']]);
  });

  it('given its source saved as Windows-1252 again (as Excel does), when the watcher looks, then its copy is made again and it reads "€", as when it was added', async () => {
    writeFileSync(source, cp1252('item,price,note\nit’s,€13,back\n'));
    await watcher.check();
    const ds = core.projections.current.view.datasets[id]!;
    expect(ds).toMatchObject({ reading: { encoding: 'windows-1252' }, location: copyPath(core.dataDir, id, 'csv') });
    expect(ds.fingerprint?.bytes).toBe(statSync(source).size);
    expect(await rows()).toEqual([['it’s', '€13', 'back']]);
    // and it keeps following it: rewritten, the copy is converted again
    writeFileSync(source, cp1252('item,price,note\nit’s,€15,still\n'));
    await watcher.check();
    expect(await rows()).toEqual([['it’s', '€15', 'still']]);
  });

  it('given a UTF-8 CSV added, then saved as Windows-1252, when the watcher looks, then it is read through a copy, and says so', async () => {
    const plain = join(dir.path, 'menu.csv');
    writeFileSync(plain, 'dish,price\ncafé,3\n');
    const added = await addDataset(core, plain);
    expect(added.reading).toBeUndefined();
    writeFileSync(plain, cp1252('dish,price\ncafé,€4\n'));
    await watcher.check();
    expect(core.projections.current.view.datasets[added.id]).toMatchObject({ reading: { encoding: 'windows-1252' }, location: copyPath(core.dataDir, added.id, 'csv') });
    expect(await resultRows(core, sessionId, 'select * from menu')).toEqual([['café', '€4']]);
  });
});

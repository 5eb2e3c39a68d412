import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/contracts/events';
import { openSessions } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

/** A file's time moved on, so the watcher's cheap look sees it whatever the clock's resolution. */
const later = (path: string, seconds: number) => utimesSync(path, new Date(), new Date(Date.now() + seconds * 1000));

const session = async (core: TestCore): Promise<string> => {
  const open = openSessions(core.view())[0];
  if (open) return open.id;
  const opened = await core.dispatch({ type: 'OpenSession' });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value.aggregateId;
};

const changes = (core: TestCore, datasetId: string): EventEnvelope[] => core.store.readAggregate('Dataset', datasetId).filter((e) => e.type === 'DatasetChanged');

/** The catalog's life after a file was added: rewritten, broken, put back, its folder gone (docs/share.md, "Changes on disk"). */
describe('a dataset whose files change on disk (real core, real DuckDB, real files)', () => {
  // long interval: each look is the test's own (a window gaining focus asks one the same way)
  const t = useTestCore('each', { inputWatchMs: 3_600_000 });

  it('given a Parquet file replaced by broken bytes, when the watcher looks, then it is flagged changed; put back as added, the flag clears', async () => {
    const core = t.core();
    const path = join(t.dir(), 'movies.parquet');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (SELECT range AS id, 'title ' || range AS title FROM range(20000)) TO '${path}' (FORMAT parquet)`);
    duck.closeSync();
    const original = readFileSync(path);
    const ds = await addDataset(core, path);
    expect(ds.fingerprint?.parquet?.rows).toBe(20000);

    writeFileSync(path, original.subarray(0, Math.floor(original.length / 2)));
    later(path, 5);
    await core.inputs.check();
    const broken = core.view().datasets[ds.id]!;
    expect(broken.changedAt).toBeDefined();
    expect(broken.fingerprint).toMatchObject({ bytes: Math.floor(original.length / 2) });
    expect(broken.fingerprint?.parquet).toBeUndefined();
    expect(broken.columns).toEqual(ds.columns); // DuckDB cannot describe it now: the columns it had are kept
    // a query of it says which dataset changed, DuckDB's words after (they name only the file)
    const sessionId = await session(core);
    const end = await queryEnd(core, sessionId, await startQuery(core, sessionId, 'select count(*) from movies'));
    if (end.type !== 'QueryFailed') throw new Error(`the query did not fail: ${end.type}`);
    expect(end.payload.error.message).toMatch(/^The dataset “movies” changed on disk since it was added, and DuckDB cannot read it as it is now: .+/);
    expect(end.payload.error.details?.['duckdb']).toBeDefined();

    writeFileSync(path, original);
    later(path, 10);
    await core.inputs.check();
    const back = core.view().datasets[ds.id]!;
    expect(back.changedAt).toBeUndefined();
    expect(changes(core, ds.id).at(-1)?.payload).toMatchObject({ asAdded: true });
  });

  it('given a CSV rewritten with more columns, when the watcher looks, then its columns now are recorded, also after a restart', async () => {
    const path = join(t.dir(), 'mutable.csv');
    writeFileSync(path, 'id,v\n1,2\n');
    const ds = await addDataset(t.core(), path);
    expect(ds.columns.map((c) => c.name)).toEqual(['id', 'v']);

    writeFileSync(path, 'id,v,extra,more\n1,2,3,x\n');
    later(path, 5);
    await t.core().inputs.check();
    expect(t.core().view().datasets[ds.id]?.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'v', type: 'BIGINT' },
      { name: 'extra', type: 'BIGINT' },
      { name: 'more', type: 'VARCHAR' },
    ]);
    const core = await t.restart();
    expect(core.view().datasets[ds.id]?.columns.map((c) => c.name)).toEqual(['id', 'v', 'extra', 'more']);
    expect(changes(core, ds.id).at(-1)?.payload).toMatchObject({ columns: expect.any(Array) });
  });

  it('given a folder deleted, when the watcher looks, then it is not here (not changed), a query says so, and once back it is here, unflagged', async () => {
    const core = t.core();
    const folder = join(t.dir(), 'parts');
    mkdirSync(folder);
    for (const p of [0, 1, 2]) writeFileSync(join(folder, `p${p}.csv`), `k\n${p}\n`);
    const ds = await addDataset(core, folder);
    renameSync(folder, join(t.dir(), 'aside'));
    await core.inputs.check();
    expect(await core.catalog.notHere()).toEqual({ ok: true, value: { datasetIds: [ds.id] } });
    expect(core.view().datasets[ds.id]?.changedAt).toBeUndefined();
    expect(changes(core, ds.id)).toEqual([]);

    const sessionId = await session(core);
    const queryId = await startQuery(core, sessionId, 'select count(*) from parts');
    const end = await queryEnd(core, sessionId, queryId);
    if (end.type !== 'QueryFailed') throw new Error(`the query did not fail: ${end.type}`);
    expect(end.payload.error.message).toContain('is not on this machine');

    renameSync(join(t.dir(), 'aside'), folder);
    await core.inputs.check();
    expect(await core.catalog.notHere()).toEqual({ ok: true, value: { datasetIds: [] } });
    expect(await resultRows(core, sessionId, 'select count(*) from parts')).toEqual([['3']]);
    expect(core.view().datasets[ds.id]?.changedAt).toBeUndefined();
  });

  it('given a folder with hidden files and a dot-folder beside its data, then only the visible files are read', async () => {
    const core = t.core();
    const folder = join(t.dir(), 'visible');
    mkdirSync(join(folder, '.ipynb_checkpoints'), { recursive: true });
    const rows = (from: number) => `k\n${Array.from({ length: 20 }, (_, i) => from + i).join('\n')}\n`;
    for (const p of [0, 1, 2]) writeFileSync(join(folder, `p${p}.csv`), rows(p * 20));
    writeFileSync(join(folder, '.hidden.csv'), rows(100));
    writeFileSync(join(folder, '.ipynb_checkpoints', 'p0-checkpoint.csv'), rows(0));
    await addDataset(core, folder);
    expect(await resultRows(core, await session(core), 'select count(*) from visible')).toEqual([['60']]);

    // macOS leaves `._data.parquet` (its metadata, not Parquet) beside a file copied to another disk
    const pq = join(t.dir(), 'pq');
    mkdirSync(pq);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (SELECT range AS id FROM range(7)) TO '${join(pq, 'data.parquet')}' (FORMAT parquet)`);
    duck.closeSync();
    writeFileSync(join(pq, '._data.parquet'), Buffer.from('\x00\x05\x16\x07 AppleDouble, not Parquet'));
    const read = await addDataset(core, pq);
    expect(read.status).toBe('ready');
    expect(await resultRows(core, await session(core), 'select count(*) from pq')).toEqual([['7']]);
  });
});

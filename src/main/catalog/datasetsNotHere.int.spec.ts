import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingClient } from '../../../test/support/coreEvents';
import { exportedSessionReading } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { Result } from '../../shared/contracts/errors';

/**
 * `datasetsNotHere` (docs/api.md): which ready datasets' files are not on this machine, what the
 * catalog marks "not found on this machine" and offers "Locate…" for. Machine-local: asked of main,
 * never stored, learnt again at every start.
 */
describe('datasetsNotHere: the catalog learns which datasets are not on this machine (real cores, real DuckDB)', { shuffle: false }, () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  let files: string;
  let log: string;
  let target: TestCore | undefined;

  async function ask(core: TestCore, request: unknown = { method: 'datasetsNotHere' }): Promise<Result<unknown>> {
    const { conn } = recordingClient(core);
    try {
      return await conn.handle(request);
    } finally {
      conn.close();
    }
  }

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) dirs.push(tempDir('sextant-not-here-'));
    files = join(dirs[0]!.path, 'files');
    mkdirSync(join(files, 'there'), { recursive: true });
    mkdirSync(join(files, 'here'));
    writeFileSync(join(files, 'there', 'trips.csv'), `city,km\n${Array.from({ length: 321 }, (_, i) => `${['Oslo', 'Bergen'][i % 2]},${i % 13}`).join('\n')}\n`);
    ({ log } = await exportedSessionReading(dirs[1]!.path, join(files, 'there', 'trips.csv'), 'SELECT count(*) AS n FROM trips'));
    renameSync(join(files, 'there', 'trips.csv'), join(files, 'here', 'trips.csv'));
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    for (const d of dirs) d.remove();
  });

  let datasetId: string;

  it('names an imported dataset whose file is not here, as soon as the import is in (not only once the catalog is idle)', async () => {
    target = await startTestCore(dirs[2]!.path);
    expect(await ask(target)).toEqual({ ok: true, value: { datasetIds: [] } });
    const imported = await target.imports.importText(log);
    if (!imported.ok) throw new Error(imported.error.message);
    datasetId = imported.value.missingDatasets[0]!.datasetId;
    expect(await ask(target)).toEqual({ ok: true, value: { datasetIds: [datasetId] } });
  });

  it('learns it again at a start: nothing about it is stored', async () => {
    const seq = target!.store.lastSeq();
    await target!.close();
    target = await startTestCore(dirs[2]!.path);
    expect(await ask(target)).toEqual({ ok: true, value: { datasetIds: [datasetId] } });
    // no event says it: one would travel in an export and mark the dataset elsewhere
    expect(target.store.lastSeq()).toBe(seq);
  });

  it('no longer names it once it is located', async () => {
    const located = await ask(target!, { method: 'locateDataset', datasetId, file: { kind: 'path', path: join(files, 'here', 'trips.csv') } });
    expect(located.ok).toBe(true);
    expect(await ask(target!)).toEqual({ ok: true, value: { datasetIds: [] } });
  });

  it('is validated as every request is: an unknown field is refused with an error id', async () => {
    const refused = await ask(target!, { method: 'datasetsNotHere', datasetId: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  });
});

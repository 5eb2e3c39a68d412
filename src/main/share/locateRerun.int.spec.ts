import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingClient } from '../../../test/support/coreEvents';
import { exportedSessionReading } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { AppError } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import type { MissingDataset } from '../../shared/contracts/sessionImport';

/** Pages row 0 of a result until its re-run is over: its complete page, or the error it ended in. */
async function settled(core: TestCore, queryId: string): Promise<{ page?: Page; error?: AppError }> {
  for (let i = 0; i < 200; i++) {
    const r = await core.runner.fetchPage(queryId, 0, 100);
    if (!r.ok) return { error: r.error };
    if (r.value.complete) return { page: r.value };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the re-run never ended');
}

/**
 * An imported session's result re-runs on demand (its table is not in this data dir). Its dataset's
 * file is elsewhere here: the re-run fails, saying which dataset is not on this machine; once the
 * file is located, the same result re-runs and shows its rows, without a restart.
 */
// One target core for the whole story: the failure comes before the locate that mends it.
describe('an imported result whose dataset is not here, then located (real cores, real DuckDB)', { shuffle: false }, () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  let target: TestCore;
  let missing: MissingDataset;
  let queryId: string;
  let sessionId: string;
  let there: string;
  let here: string;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) dirs.push(tempDir('sextant-locate-rerun-'));
    there = join(dirs[0]!.path, 'there', 'sales.csv');
    here = join(dirs[0]!.path, 'here', 'sales.csv');
    mkdirSync(join(dirs[0]!.path, 'there'));
    mkdirSync(join(dirs[0]!.path, 'here'));
    writeFileSync(there, `region,amount\n${Array.from({ length: 37 }, (_, i) => `${['north', 'south'][i % 2]},${i}`).join('\n')}\n`);
    const exported = await exportedSessionReading(join(dirs[0]!.path, 'data'), there, 'SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY region');
    ({ sessionId, queryId } = exported);
    const { log } = exported;
    renameSync(there, here);
    target = await startTestCore(dirs[1]!.path);
    const imported = await target.imports.importText(log);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.missingDatasets).toHaveLength(1);
    missing = imported.value.missingDatasets[0]!;
    await target.catalog.idle();
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    for (const d of dirs) d.remove();
  });

  it('fails the re-run, naming the dataset that is not on this machine rather than DuckDB’s missing table', async () => {
    const { error } = await settled(target, queryId);
    expect(error).toMatchObject({ code: 'RESULT_NOT_FOUND', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error?.message).toBe(
      `This result was not kept, and running its SQL again failed: the dataset “sales” (read from ${there}) is not on this machine. Locate its file (“Locate…”), and the result runs again.`,
    );
    // asked again, the failure stands: nothing changed that could mend it
    expect((await settled(target, queryId)).error?.id).toBe(error?.id);
  });

  it('re-runs the result once its file is located, and the session’s window is told to ask again', async () => {
    const { conn, progress } = recordingClient(target);
    try {
      await conn.handle({ method: 'subscribe', subscriptionId: 's', pattern: `session/${sessionId}` });
      const located = await conn.handle({ method: 'locateDataset', datasetId: missing.datasetId, file: { kind: 'path', path: here } });
      expect(located).toMatchObject({ ok: true, value: { located: { name: 'sales', source: here } } });
      await expect.poll(() => progress().some((p) => p.kind === 'query' && p.queryId === queryId)).toBe(true);
    } finally {
      conn.close();
    }
    const { page, error } = await settled(target, queryId);
    expect(error).toBeUndefined();
    expect(page).toMatchObject({ totalRows: 2, complete: true });
    expect(page?.values).toEqual([
      ['north', 'south'],
      [String([...Array(37).keys()].filter((i) => i % 2 === 0).reduce((a, b) => a + b, 0)), String([...Array(37).keys()].filter((i) => i % 2 === 1).reduce((a, b) => a + b, 0))],
    ]);
  });
});

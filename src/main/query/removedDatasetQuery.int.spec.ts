import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { openSession, queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/** A query naming a dataset removed from the catalog says so, where DuckDB offered "Did you mean "pg_views"?". */
describe('a query of a removed dataset (real core, real DuckDB)', () => {
  const dir = tempDir('sextant-removed-');
  const file = join(dir.path, 'views.csv');
  let core: TestCore;
  let sessionId: string;

  beforeAll(async () => {
    writeFileSync(file, 'k,v\na,1\nb,2\n');
    core = await startTestCore(join(dir.path, 'data'));
    const { id } = await addDataset(core, file);
    const removed = await core.dispatch({ type: 'RemoveDataset', datasetId: id });
    if (!removed.ok) throw new Error(removed.error.message);
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  const failure = async (sql: string) => {
    const end = await queryEnd(core, sessionId, await startQuery(core, sessionId, sql));
    if (end.type !== 'QueryFailed') throw new Error(`the query did not fail: ${end.type}`);
    return end.payload.error;
  };

  it('given the dataset removed, when a query reads it, then the failure says it was removed and how to bring it back, DuckDB’s words in its details', async () => {
    const error = await failure('select count(*) from Views');
    expect(error.message).toBe(`The dataset “views” was removed from the catalog. Undo its removal, or add ${file} again, and run the query again.`);
    expect(String(error.details?.['duckdb'])).toMatch(/Table with name Views does not exist/);
  });

  it('given another missing table, then DuckDB’s own words stand', async () => {
    expect((await failure('select * from nowhere_at_all')).message).toMatch(/^Catalog Error: Table with name nowhere_at_all does not exist/);
  });
});

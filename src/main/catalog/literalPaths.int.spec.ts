import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessions, type DatasetView } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { useTestCore } from '../../../test/support/useTestCore';

/**
 * A file is itself whatever its name holds: `[`, `*`, `?` (DuckDB's glob characters) and `#` (a
 * URL's fragment) are ordinary characters in a path, and neither the rows, the format nor the
 * fingerprint may come from another file whose name the glob would match.
 */
describe('files whose names hold glob or URL characters (real files, real DuckDB)', () => {
  const t = useTestCore('all', { inputWatchMs: 3_600_000 });

  async function add(source: string): Promise<DatasetView> {
    const ack = await t.core().dispatch({ type: 'AddDataset', source });
    if (!ack.ok) throw new Error(ack.error.message);
    await t.core().catalog.idle();
    return t.core().view().datasets[ack.value.aggregateId]!;
  }

  async function rows(sql: string): Promise<unknown[][]> {
    const core = t.core();
    const sessionId = openSessions(core.view())[0]!.id;
    const queryId = await startQuery(core, sessionId, sql);
    const end = await queryEnd(core, sessionId, queryId);
    if (end.type !== 'QueryCompleted') throw new Error(`${end.type}: ${JSON.stringify(end.payload)}`);
    const page = await core.runner.fetchPage(queryId, 0, 100);
    if (!page.ok) throw new Error(page.error.message);
    const cols = page.value.values;
    return Array.from({ length: cols[0]?.length ?? 0 }, (_, r) => cols.map((c) => c[r] ?? null));
  }

  it.each([
    ['report [v2].csv', 'report v.csv', 'report_v2'],
    ['a*.csv', 'ab.csv', 'a'],
    ['b?.csv', 'bx.csv', 'b'],
  ])('%s reads its own rows, not those of %s beside it, and is fingerprinted alone', async (file, other, name) => {
    const dir = join(t.dir(), name);
    mkdirSync(dir);
    writeFileSync(join(dir, file), 'k,v\nmine,1\n');
    writeFileSync(join(dir, other), 'k,v\nother,2\nother,3\n');
    const ds = await add(join(dir, file));
    expect(ds).toMatchObject({ status: 'ready', name, format: 'csv' });
    expect(await rows(`select k, v from ${name} order by all`)).toEqual([['mine', '1']]);
    expect(ds.fingerprint?.bytes).toBe(statSync(join(dir, file)).size);
    expect(ds.fingerprint?.files).toBeUndefined(); // one file, hashed as one, not a pattern's list
  });

  it('a file whose name holds # is read by its extension, not cut at the # as a URL', async () => {
    const dir = join(t.dir(), 'hash');
    mkdirSync(dir);
    writeFileSync(join(dir, 'invoice #7.csv'), 'k,v\nz,9\n');
    expect(await add(join(dir, 'invoice #7.csv'))).toMatchObject({ status: 'ready', name: 'invoice_7', format: 'csv' });
    expect(await rows('select k, v from invoice_7')).toEqual([['z', '9']]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { literal } from '../query/sql';

/** Files whose name says another format than their bytes, or none (real core, real DuckDB). */
describe('a file whose extension misleads', () => {
  const dir = useTempDataDir<TestCore>();

  it('given a Parquet file named .csv, CSV text named .txt, and a .tab file, then each is read as its bytes say, named without its extension', async () => {
    const core = dir.keep(await startTestCore(join(dir.path(), 'data')));
    const parquet = join(dir.path(), 'export.csv');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (select range as id from range(5)) TO ${literal(parquet)} (FORMAT parquet)`);
    duck.closeSync();
    writeFileSync(join(dir.path(), 'export.txt'), 'id,name\n1,a\n2,b\n');
    writeFileSync(join(dir.path(), 'tabbed.tab'), 'id\tname\n1\ta\n');
    const [p, t, tab] = [await addDataset(core, parquet), await addDataset(core, join(dir.path(), 'export.txt')), await addDataset(core, join(dir.path(), 'tabbed.tab'))];
    // before: the CSV sniffer's 900 characters on the Parquet file; ".txt files" refused though a URL's text opens as CSV
    expect([p.status, p.format, p.name]).toEqual(['ready', 'parquet', 'export']);
    expect([t.status, t.format]).toEqual(['ready', 'csv']);
    expect([tab.status, tab.format, tab.name]).toEqual(['ready', 'tsv', 'tabbed']);
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    expect(await resultRows(core, sessionId, `select sum(id) from ${p.name}`)).toEqual([['10']]);
    expect(await resultRows(core, sessionId, `select name from ${t.name} order by id`)).toEqual([['a'], ['b']]);
  });

  it('given CSV text that begins like a signature, or text under another name, then the name decides as before', async () => {
    const core = dir.keep(await startTestCore(join(dir.path(), 'data3')));
    writeFileSync(join(dir.path(), 'birds.csv'), 'species,DUCKS_SEEN\nmallard,3\n'); // "DUCK" at bytes 8-11: DuckDB's header
    writeFileSync(join(dir.path(), 'parts.csv'), 'PAR1,PAR2\n1,2\n');
    writeFileSync(join(dir.path(), 'log.txt'), '[info] started\n[info] done\n');
    writeFileSync(join(dir.path(), 'notes.md'), '# notes\n');
    const added = [];
    for (const name of ['birds.csv', 'parts.csv', 'log.txt', 'notes.md']) added.push(await addDataset(core, join(dir.path(), name)));
    expect(added.map((d) => [d.status, d.format ?? d.error?.code])).toEqual([
      ['ready', 'csv'],
      ['ready', 'csv'],
      ['ready', 'csv'],
      ['failed', 'DATASET_UNSUPPORTED'],
    ]);
  });

  it('given binary bytes under a name no format has, then it is still refused as a file Sextant cannot read', async () => {
    const core = dir.keep(await startTestCore(join(dir.path(), 'data2')));
    writeFileSync(join(dir.path(), 'sheet.xlsx'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3, 4, 5, 6]));
    const ds = await addDataset(core, join(dir.path(), 'sheet.xlsx'));
    expect(ds.error).toMatchObject({ code: 'DATASET_UNSUPPORTED', message: expect.stringMatching(/cannot read \.xlsx files/) as unknown });
  });
});

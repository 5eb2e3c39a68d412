import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { writeDatabaseFile } from '../../../test/support/databaseFile';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { literal } from '../query/sql';

/** A new dataset's name leaves what a person made in the workspace alone (real core, real DuckDB). */
describe('dataset names beside a person’s own tables, views and attached databases', () => {
  const dir = useTempDataDir<TestCore>();

  const duckdbFile = (path: string, rows: number) => writeDatabaseFile(path, `create table t as select range as v from range(${rows})`);

  it('given a view bar, a table foo and a database attached as sales, then bar.csv, foo.csv and sales.duckdb are added beside them, each read from its own file', async () => {
    const core = dir.keep(await startTestCore(join(dir.path(), 'data')));
    const other = join(dir.path(), 'other.duckdb');
    await duckdbFile(other, 100);
    await core.queryWorker.request({ type: 'exec', sql: `create view bar as select 42 as answer; create table foo as select 1 as one; attach ${literal(other)} as sales (read_only)` });
    for (const name of ['bar', 'foo']) writeFileSync(join(dir.path(), `${name}.csv`), 'x\n7\n');
    const sales = join(dir.path(), 'sales.duckdb');
    await duckdbFile(sales, 3);

    const added = [await addDataset(core, join(dir.path(), 'bar.csv')), await addDataset(core, join(dir.path(), 'foo.csv')), await addDataset(core, sales)];
    expect(added.map((d) => [d.status, d.name])).toEqual([
      ['ready', 'bar_2'],
      ['ready', 'foo_2'],
      ['ready', 'sales_2'],
    ]);
    const read = (sql: string) => core.queryWorker.request({ type: 'read', sql });
    expect(await read('select answer from bar')).toEqual([{ answer: 42 }]); // the person's view, not replaced
    expect(await read('select x from bar_2')).toEqual([{ x: 7n }]);
    expect(await read('select count(*)::integer as n from sales_2.t')).toEqual([{ n: 3 }]); // the file added, not the attached one
    expect(await read('select count(*)::integer as n from sales.t')).toEqual([{ n: 100 }]);
  });
});

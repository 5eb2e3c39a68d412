import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { datasetRelation } from '../../shared/domain/datasetRelation';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { writeDatabaseFile } from '../../../test/support/databaseFile';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import { registerDataset, unregisterDataset } from './readers.worker';

/** What raw DuckDB says of `relation` of the file at `path`: its columns, or the error reading it. */
async function rawDescribe(path: string, relation: string): Promise<{ columns: { name: string; type: string }[] } | { error: string }> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH ${literal(path)} AS raw (READ_ONLY)`);
    const rows = (await c.runAndReadAll(`DESCRIBE raw.${relation}`)).getRowObjectsJS();
    return { columns: rows.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) })) };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

// A database file's views: told apart from its tables, and one that cannot be read (its table dropped
// since, or in another database) said so with DuckDB's reason, not listed as fine.
describe('views of a DuckDB database file (real files, real DuckDB)', { shuffle: false }, () => {
  const dir = tempDir();
  const file = (name: string) => join(dir.path, name);
  let instance: DuckDBInstance;
  let c: DuckDBConnection;

  beforeAll(async () => {
    await writeDatabaseFile(file('other.duckdb'), 'CREATE TABLE t AS SELECT 1 AS x');
    await writeDatabaseFile(
      file('mixed.duckdb'),
      "CREATE TABLE cars AS SELECT range AS id, 'car ' || range AS label FROM range(4)",
      'CREATE TABLE weather AS SELECT 1.5 AS temp',
      // `a_view` sorts before `cars`: a view is listed in its place by name, as a table is
      'CREATE VIEW a_view AS SELECT id, label FROM cars WHERE id > 1',
      'CREATE TABLE gone AS SELECT 1 AS g',
      'CREATE VIEW "Aa gone" AS SELECT * FROM gone',
      'DROP TABLE gone',
      `ATTACH ${literal(file('other.duckdb'))} AS other`,
      'CREATE VIEW b_elsewhere AS SELECT * FROM other.t',
      'DETACH other',
      // made over `select *`, then the table grew: duckdb_columns() keeps the view's first columns
      'CREATE TABLE grows AS SELECT 1 AS a',
      'CREATE VIEW z_grows AS SELECT * FROM grows',
      'ALTER TABLE grows ADD COLUMN b VARCHAR',
    );
    await writeDatabaseFile(file('only-broken.duckdb'), 'CREATE TABLE gone AS SELECT 1 AS g', 'CREATE VIEW v AS SELECT * FROM gone', 'DROP TABLE gone');
    await writeDatabaseFile(file('only-views.duckdb'), 'CREATE VIEW numbers AS SELECT range AS n FROM range(3)');
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  it('lists tables and views apart, readable first; a view that cannot be read has DuckDB’s reason and no columns', async () => {
    const spec = { kind: 'attach', name: 'mixed', location: file('mixed.duckdb') } as const;
    const { tables } = await registerDataset(c, spec);
    expect(tables?.map((t) => [t.name, t.kind ?? 'table', t.unreadable === undefined])).toEqual([
      ['a_view', 'view', true],
      ['cars', 'table', true],
      ['grows', 'table', true],
      ['weather', 'table', true],
      ['z_grows', 'view', true],
      ['Aa gone', 'view', false],
      ['b_elsewhere', 'view', false],
    ]);
    // each readable one's columns are those raw DuckDB reads now (z_grows: both of grows' columns)
    for (const t of tables!.filter((t) => t.unreadable === undefined)) {
      expect(await rawDescribe(file('mixed.duckdb'), quoteIdent(t.name)), t.name).toEqual({ columns: t.columns });
    }
    // an unreadable one's reason is raw DuckDB's first line, less its class
    for (const t of tables!.filter((t) => t.unreadable !== undefined)) {
      const raw = await rawDescribe(file('mixed.duckdb'), quoteIdent(t.name));
      expect('error' in raw && raw.error.split('\n')[0]!.replace(/^Catalog Error: /, ''), t.name).toBe(t.unreadable);
      expect(t.columns).toEqual([]);
    }
    expect(tables?.find((t) => t.name === 'b_elsewhere')?.unreadable).toMatch(/other\.t.*does not exist/);
    await unregisterDataset(c, spec);
  });

  it('a file whose only views cannot be read fails, saying which and why; one of readable views only registers', async () => {
    const broken = registerDataset(c, { kind: 'attach', name: 'only_broken', location: file('only-broken.duckdb') });
    await expect(broken).rejects.toMatchObject({ error: { code: 'DATASET_EMPTY', message: 'The database has no tables, and its only view cannot be read: v (Table with name gone does not exist!)' } });
    // nothing left attached
    expect((await c.runAndReadAll("SELECT count(*)::INTEGER FROM duckdb_databases() WHERE database_name = 'only_broken'")).getRowsJS()).toEqual([[0]]);
    const { tables } = await registerDataset(c, { kind: 'attach', name: 'only_views', location: file('only-views.duckdb') });
    expect(tables).toEqual([{ name: 'numbers', kind: 'view', columns: [{ name: 'n', type: 'BIGINT' }] }]);
  });

  describe('through the app', () => {
    let core: TestCore;
    beforeAll(async () => {
      core = await startTestCore(file('data'));
    });
    afterAll(() => core.close());

    it('the first entry of a database file ("Query this dataset") is one that reads, and its tables stay queryable', async () => {
      const ds = await addDataset(core, file('mixed.duckdb'));
      expect(ds).toMatchObject({ status: 'ready', name: 'mixed' });
      const rows = (sql: string) => resultRows(core, openSessions(core.projections.current.view)[0]!.id, sql);
      expect(await rows(`select * from ${datasetRelation(ds, quoteIdent)}`)).toEqual([['2', 'car 2'], ['3', 'car 3']]);
      expect(await rows('select count(*) from mixed.cars')).toEqual([['4']]);
    });

    it('a file whose only views cannot be read is a failed dataset with the reason', async () => {
      const ds = await addDataset(core, file('only-broken.duckdb'));
      expect(ds.status).toBe('failed');
      expect(ds.error?.message).toMatch(/has no tables, and its only view cannot be read: v \(Table with name gone does not exist!\)$/);
    });
  });
});

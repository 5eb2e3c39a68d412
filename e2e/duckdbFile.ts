import { DuckDBInstance } from '@duckdb/node-api';
import { VEGA_DATA } from './fixtures';

/** Writes `two.duckdb`-like files with raw DuckDB, outside the app: tables `cars` and `weather` from the samples. */
export async function writeTwoTables(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE cars AS SELECT * FROM read_json_auto('${VEGA_DATA}/cars.json')`);
    await connection.run(`CREATE TABLE weather AS SELECT * FROM read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The sources the tables of writeTwoTables are read from, for DuckDB's DESCRIBE of each. */
export const TWO_TABLE_SOURCES = { cars: `read_json_auto('${VEGA_DATA}/cars.json')`, weather: `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')` } as const;

/**
 * Writes a file like a tester's views.duckdb with raw DuckDB: the tables of writeTwoTables, a view
 * `heavy_cars` over cars, and two views that cannot be read, `gone_view` (its table dropped after)
 * and `elsewhere` (a table of another database, attached when it was made). Returns what raw DuckDB
 * says of each view: its columns, or the first line of its error.
 */
export async function writeTablesAndViews(path: string, other: string): Promise<Record<'heavy_cars' | 'gone_view' | 'elsewhere', { columns: string[][] } | { error: string }>> {
  await writeTwoTables(path);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE VIEW heavy_cars AS SELECT "Name", "Weight_in_lbs" FROM cars WHERE "Weight_in_lbs" > 4000`);
    await connection.run('CREATE TABLE gone AS SELECT 1 AS g; CREATE VIEW gone_view AS SELECT * FROM gone; DROP TABLE gone');
    await connection.run(`ATTACH '${other.replaceAll("'", "''")}' AS other; CREATE TABLE other.t AS SELECT 1 AS x; CREATE VIEW elsewhere AS SELECT * FROM other.t; DETACH other`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const raw = await DuckDBInstance.create(':memory:');
  const c = await raw.connect();
  try {
    await c.run(`ATTACH '${path.replaceAll("'", "''")}' AS raw (READ_ONLY)`);
    const said = async (view: string) => {
      try {
        return { columns: (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE raw.${view})`)).getRowsJS() as string[][] };
      } catch (e) {
        return { error: (e as Error).message.split('\n')[0]! };
      }
    };
    return { heavy_cars: await said('heavy_cars'), gone_view: await said('gone_view'), elsewhere: await said('elsewhere') };
  } finally {
    c.closeSync();
    raw.closeSync();
  }
}

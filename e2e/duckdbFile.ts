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

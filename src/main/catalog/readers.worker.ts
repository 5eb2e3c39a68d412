import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetFormat } from '../../shared/contracts/events';
import { globLiteral, isGlob } from '../../shared/domain/datasetName';
import type { Registered, RegisterSpec } from '../query/workerProtocol';
import { databaseTables } from './databaseTables.worker';
import { isFile } from './isFile.worker';
import { refuseSpecialFile } from './regularFile.worker';
import { ident, literal } from '../query/sql';

/**
 * The DuckDB table function that reads `location` in `format` (an Arrow file arrives converted to
 * Parquet). `file`: the location is one file, whatever its name holds.
 */
export function readerSql(location: string, format: Exclude<DatasetFormat, 'duckdb'>, file = !isGlob(location)): string {
  // DuckDB's readers take `[`, `*` or `?` as a glob, which would read whatever files it matches
  // (`report [v2].csv` reads `report v.csv` beside it): a file's path is escaped to match it alone.
  const path = literal(file ? globLiteral(location) : location);
  // Files matched by a glob may differ in their columns; line them up by name, not position.
  const many = file ? '' : ', union_by_name = true';
  switch (format) {
    case 'csv':
      return `read_csv(${path}${many})`;
    case 'tsv':
      return `read_csv(${path}, delim = '\\t'${many})`;
    case 'parquet':
    case 'arrow':
      return `read_parquet(${path}${many})`;
    case 'json':
      return `read_json_auto(${path})`;
    case 'ndjson':
      return `read_json_auto(${path}, format = 'newline_delimited')`;
  }
}

/**
 * Makes a dataset queryable under its name: a view over its reader, or a DuckDB file attached
 * read-only. Reads the first rows once, so a file DuckDB cannot parse fails here, not in a query.
 * Leaves nothing behind when it fails.
 */
export async function registerDataset(c: DuckDBConnection, spec: RegisterSpec): Promise<Registered> {
  try {
    if (spec.kind === 'attach') return await attach(c, spec.name, spec.location);
    const file = !isGlob(spec.location) || (await isFile(spec.location));
    if (file) await refuseSpecialFile(spec.location);
    await c.run(`CREATE OR REPLACE VIEW ${ident(spec.name)} AS SELECT * FROM ${readerSql(spec.location, spec.format, file)}`);
    await c.run(`SELECT * FROM ${ident(spec.name)} LIMIT 100`);
    const described = await c.runAndReadAll(`DESCRIBE ${ident(spec.name)}`);
    return { columns: described.getRowObjectsJS().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) })) };
  } catch (e) {
    await unregisterDataset(c, spec).catch(() => undefined);
    throw e;
  }
}

export async function unregisterDataset(c: DuckDBConnection, spec: RegisterSpec): Promise<void> {
  if (spec.kind === 'attach') await c.run(`DETACH DATABASE IF EXISTS ${ident(spec.name)}`);
  else await c.run(`DROP VIEW IF EXISTS ${ident(spec.name)}`);
}

async function attach(c: DuckDBConnection, name: string, location: string): Promise<Registered> {
  await refuseSpecialFile(location);
  await c.run(`ATTACH IF NOT EXISTS ${literal(location)} AS ${ident(name)} (READ_ONLY)`);
  return { columns: [], tables: await databaseTables(c, name) };
}

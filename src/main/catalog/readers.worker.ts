import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column, CsvReading, DatasetFormat } from '../../shared/contracts/events';
import { readingOptions } from '../../shared/domain/csvReading';
import { globLiteral, isGlob } from '../../shared/domain/datasetName';
import type { Registered, RegisterSpec } from '../query/workerProtocol';
import { readingAfterFailure, readingAfterSuccess } from './csvReading.worker';
import { databaseTables } from './databaseTables.worker';
import { isFile } from './isFile.worker';
import { patternReading } from './patternEncoding.worker';
import { refuseSpecialFile } from './regularFile.worker';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';

/**
 * The DuckDB table function that reads `location` in `format` (an Arrow file arrives converted to
 * Parquet). `file`: the location is one file, whatever its name holds.
 */
export function readerSql(location: string, format: Exclude<DatasetFormat, 'duckdb'>, file = !isGlob(location), reading?: CsvReading): string {
  // DuckDB's readers take `[`, `*` or `?` as a glob, which would read whatever files it matches
  // (`report [v2].csv` reads `report v.csv` beside it): a file's path is escaped to match it alone.
  const path = literal(file ? globLiteral(location) : location);
  // Files matched by a glob may differ in their columns; line them up by name, not position.
  const many = file ? '' : ', union_by_name = true';
  switch (format) {
    case 'csv':
      return `read_csv(${path}${many}${readingOptions('csv', reading)})`;
    case 'tsv':
      return `read_csv(${path}, delim = '\\t'${many}${readingOptions('tsv', reading)})`;
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
    const csv = spec.format === 'csv' || spec.format === 'tsv' ? spec.format : undefined;
    // A CSV DuckDB's defaults misread is read again another way (shared/domain/csvReading.ts): at
    // most its encoding (its whole file's bytes decide, not only its first rows), then its ragged
    // rows; each retry is tried once. A pattern's files are first looked at for UTF-16, which DuckDB
    // sniffs as UTF-8 (patternEncoding.worker.ts).
    let reading: CsvReading = csv && !file ? await patternReading(c, spec.location) : {};
    for (;;) {
      let columns: Column[];
      try {
        columns = await viewOver(c, spec.name, readerSql(spec.location, spec.format, file, reading));
      } catch (e) {
        const next = csv && (await readingAfterFailure(e, reading, file ? spec.location : undefined));
        if (!next) throw e;
        reading = next;
        continue;
      }
      const instead = csv && (await readingAfterSuccess(c, csv, columns, file ? spec.location : undefined, reading));
      if (instead) {
        reading = instead;
        continue;
      }
      return { columns, ...(reading.encoding || reading.ragged ? { reading } : {}) };
    }
  } catch (e) {
    await unregisterDataset(c, spec).catch(() => undefined);
    throw e;
  }
}

/** The dataset's view over `reader`, its first rows read once so a file DuckDB cannot parse fails here; its columns. */
async function viewOver(c: DuckDBConnection, name: string, reader: string): Promise<Column[]> {
  await c.run(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM ${reader}`);
  await c.run(`SELECT * FROM ${quoteIdent(name)} LIMIT 100`);
  const described = await c.runAndReadAll(`DESCRIBE ${quoteIdent(name)}`);
  return described.getRowObjectsJS().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
}

export async function unregisterDataset(c: DuckDBConnection, spec: RegisterSpec): Promise<void> {
  if (spec.kind === 'attach') await c.run(`DETACH DATABASE IF EXISTS ${quoteIdent(spec.name)}`);
  else await c.run(`DROP VIEW IF EXISTS ${quoteIdent(spec.name)}`);
}

async function attach(c: DuckDBConnection, name: string, location: string): Promise<Registered> {
  await refuseSpecialFile(location);
  await c.run(`ATTACH IF NOT EXISTS ${literal(location)} AS ${quoteIdent(name)} (READ_ONLY)`);
  return { columns: [], tables: await databaseTables(c, name) };
}

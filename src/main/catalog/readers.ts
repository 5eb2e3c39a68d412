import type { DatasetFormat } from '../../shared/contracts/events';
import { literal } from '../query/sql';

/** The DuckDB table function that reads a source, or undefined for formats not readable yet. */
export function readerSql(source: string, format: DatasetFormat): string | undefined {
  const path = literal(source);
  switch (format) {
    case 'csv':
      return `read_csv(${path})`;
    case 'tsv':
      return `read_csv(${path}, delim = '\\t')`;
    case 'parquet':
      return `read_parquet(${path})`;
    case 'json':
      return `read_json_auto(${path})`;
    case 'ndjson':
      return `read_json_auto(${path}, format = 'newline_delimited')`;
    case 'arrow':
    case 'duckdb':
      return undefined;
  }
}

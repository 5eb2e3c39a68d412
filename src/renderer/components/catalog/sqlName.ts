import { datasetRelation } from '../../../shared/domain/datasetRelation';
import type { DatasetView } from '../../../shared/views/appView';
import { DUCKDB_KEYWORDS } from '../editor/duckdbDialect';

/** A dataset name as SQL: bare when it is a plain identifier, quoted when it is a keyword (`select.csv`). */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !DUCKDB_KEYWORDS.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** "Query this dataset": its first rows, read as opening it on the command line reads it. */
export function datasetQuery(dataset: DatasetView): string | undefined {
  const from = datasetRelation(dataset, sqlName);
  return from === undefined ? undefined : `select * from ${from} limit 100`;
}

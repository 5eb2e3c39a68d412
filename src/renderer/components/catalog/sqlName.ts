import type { DatasetTable } from '../../../shared/contracts/events';
import { datasetRelation, tableLabel, tableRelation } from '../../../shared/domain/datasetRelation';
import type { DatasetView } from '../../../shared/views/appView';
import { isBareName, quoteIdent } from '../../../shared/sql/sqlIdentifier';
import { isReady } from '../../../shared/domain/datasetLifecycle';

/**
 * A dataset or table name as SQL: bare when it is a plain lower-case identifier, quoted when it is a
 * keyword (`select.csv`). Stricter than the editor's sqlIdentifier on purpose: a name with capitals
 * is quoted too, so "Query this table" names a database file's table as it is stored (`two."Cars"`).
 */
export const sqlName = (name: string): string => (isBareName(name) ? name : quoteIdent(name));

/** "Query this dataset": its first rows, read as opening it on the command line reads it. */
export function datasetQuery(dataset: DatasetView): string | undefined {
  const from = datasetRelation(dataset, sqlName);
  return from === undefined ? undefined : `select * from ${from} limit 100`;
}

/**
 * The empty editor's example: the query "Query this dataset" writes for the catalog's first ready
 * dataset, so it names a table that is there (a fixed `cars` example outlived its dataset); with
 * none, a query that needs no data.
 */
export function exampleQuery(datasets: readonly DatasetView[]): string {
  for (const d of datasets) {
    const query = isReady(d.status) ? datasetQuery(d) : undefined;
    if (query) return query;
  }
  return 'select 42 as answer';
}

/** "Query this table": a DuckDB database file's table, `<db>.<table>` (`<db>.<schema>.<table>` outside main), each name quoted when it must be. */
export function tableQuery(dataset: Pick<DatasetView, 'name'>, table: Pick<DatasetTable, 'name' | 'schema'>): string | undefined {
  return dataset.name === undefined ? undefined : `select * from ${tableRelation(dataset.name, table, sqlName)} limit 100`;
}

/** The menu's words for "Query this dataset": a database file says which of its tables it reads. */
export function datasetQueryLabel(dataset: Pick<DatasetView, 'format' | 'tables'>): string {
  const first = dataset.format === 'duckdb' ? dataset.tables?.[0] : undefined;
  return first ? `Query this dataset (first table: ${tableLabel(first)})` : 'Query this dataset';
}

import type { DatasetTable } from '../contracts/events';
import type { DatasetView } from '../views/appView';

/** How a database file's table reads to a person: `events`, or `staging.events` outside the main schema. */
export const tableLabel = (table: Pick<DatasetTable, 'name' | 'schema'>): string => (table.schema === undefined ? table.name : `${table.schema}.${table.name}`);

/** A database file's table as SQL: `<db>.<table>`, or `<db>.<schema>.<table>` outside main, each name quoted by `quote`. */
export function tableRelation(database: string, table: Pick<DatasetTable, 'name' | 'schema'>, quote: (name: string) => string): string {
  return [database, ...(table.schema === undefined ? [] : [table.schema]), table.name].map(quote).join('.');
}

/**
 * What `select * from` reads to show a dataset, its names each quoted by `quote`: the dataset, or for
 * a DuckDB database file (a schema of tables, not itself a table) its first table. Undefined when
 * there is nothing to read. The command line's first query and "Query this dataset" both use it.
 */
export function datasetRelation(dataset: Pick<DatasetView, 'name' | 'format' | 'tables'>, quote: (name: string) => string): string | undefined {
  if (dataset.name === undefined) return undefined;
  if (dataset.format !== 'duckdb') return quote(dataset.name);
  const table = dataset.tables?.[0];
  return table ? tableRelation(dataset.name, table, quote) : undefined;
}

import type { DatasetView } from '../views/appView';

/**
 * What `select * from` reads to show a dataset, its names each quoted by `quote`: the dataset, or for
 * a DuckDB database file (a schema of tables, not itself a table) its first table. Undefined when
 * there is nothing to read. The command line's first query and "Query this dataset" both use it.
 */
export function datasetRelation(dataset: Pick<DatasetView, 'name' | 'format' | 'tables'>, quote: (name: string) => string): string | undefined {
  if (dataset.name === undefined) return undefined;
  if (dataset.format !== 'duckdb') return quote(dataset.name);
  const table = dataset.tables?.[0];
  return table ? `${quote(dataset.name)}.${quote(table.name)}` : undefined;
}

import type { QueryWorker } from '../query/queryWorker';

/**
 * The names a new dataset must not take, beyond the catalog's own: the tables and views a person
 * made in the workspace's main schema, and the databases attached to it, lower-cased as dataset
 * names are. A dataset named `bar` replaced a person's view `bar` (CREATE OR REPLACE VIEW, and its
 * removal then dropped it), one named `foo` failed on their table `foo`, and a database file named
 * `sales` read an attached `sales` instead (ATTACH IF NOT EXISTS): each is now `bar_2`, `foo_2`, `sales_2`.
 */
export async function workspaceNames(queryWorker: QueryWorker): Promise<string[]> {
  const rows = await queryWorker.request({
    type: 'read',
    sql: `SELECT lower(table_name) AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
          UNION SELECT lower(view_name) FROM duckdb_views() WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
          UNION SELECT lower(database_name) FROM duckdb_databases()`,
  });
  return rows.map((r) => String(r['name']));
}

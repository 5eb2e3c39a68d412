import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Column, DatasetTable } from '../../shared/contracts/events';
import { tableLabel, tableRelation } from '../../shared/domain/datasetRelation';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import { viewFailure } from './viewFailure.worker';

type Listed = DatasetTable & { columns: Column[] };

/**
 * The tables and views of the database file attached as `name`, each with its columns: main's
 * first, then other schemas', by name; views that cannot be read last, so that a database's first
 * entry ("Query this dataset") is one that reads. Throws when nothing in it can be read.
 */
export async function databaseTables(c: DuckDBConnection, name: string): Promise<DatasetTable[]> {
  const db = literal(name);
  const relations = await c.runAndReadAll(
    `SELECT * FROM (
       SELECT schema_name, table_name AS relation, 'table' AS kind FROM duckdb_tables() WHERE database_name = ${db}
       UNION ALL SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE database_name = ${db} AND NOT internal
     ) ORDER BY schema_name = 'main' DESC, schema_name, relation`,
  );
  // by schema and name: `orders` of main and `staging.orders` are two tables, not one of both's columns
  const key = (schema: string, relation: string) => JSON.stringify([schema, relation]);
  const tableColumns = new Map<string, Column[]>();
  const columns = await c.runAndReadAll(`SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = ${db} ORDER BY column_index`);
  for (const r of columns.getRowObjectsJS()) {
    const k = key(String(r['schema_name']), String(r['table_name']));
    tableColumns.set(k, [...(tableColumns.get(k) ?? []), { name: String(r['column_name']), type: String(r['data_type']) }]);
  }
  const readable: Listed[] = [];
  const unreadable: Listed[] = [];
  for (const r of relations.getRowObjectsJS()) {
    const schema = String(r['schema_name']);
    const entry: Listed = { name: String(r['relation']), ...(schema === 'main' ? {} : { schema }), columns: [] };
    if (r['kind'] === 'table') readable.push({ ...entry, columns: tableColumns.get(key(schema, entry.name)) ?? [] });
    else {
      // A view's columns as duckdb_columns() has them are those of when it was made: a view over a
      // table dropped since, or over another database's table, is listed there as fine. Binding it
      // says whether it reads, and what it yields now.
      const view = await bindView(c, tableRelation(name, entry, quoteIdent));
      if ('reason' in view) unreadable.push({ ...entry, kind: 'view', unreadable: view.reason });
      else readable.push({ ...entry, kind: 'view', columns: view.columns });
    }
  }
  if (readable.length > 0) return [...readable, ...unreadable];
  if (unreadable.length === 0) throw new AppErrorException(appError(randomUUID(), 'DATASET_EMPTY', 'The database has no tables.'));
  // Only views, none of which reads: the file offers nothing to query, so it fails as an empty one does, saying why.
  const why = unreadable.map((v) => `${tableLabel(v)} (${v.unreadable})`).join(', ');
  const views = unreadable.length === 1 ? 'its only view cannot' : 'none of its views can';
  throw new AppErrorException(appError(randomUUID(), 'DATASET_EMPTY', `The database has no tables, and ${views} be read: ${why}`));
}

async function bindView(c: DuckDBConnection, relation: string): Promise<{ columns: Column[] } | { reason: string }> {
  try {
    const described = await c.runAndReadAll(`DESCRIBE ${relation}`);
    return { columns: described.getRowObjectsJS().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) })) };
  } catch (e) {
    return { reason: viewFailure(e instanceof Error ? e.message : String(e)) };
  }
}

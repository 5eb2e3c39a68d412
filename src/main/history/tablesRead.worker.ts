import { VARCHAR, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The names each statement reads as tables, as DuckDB's own parser reports them
 * (`json_serialize_sql`, one call for the whole batch): every BASE_TABLE's table, schema and
 * catalog name, so `flights` and `mydb.trips` (a DuckDB-file dataset) are both found. A script
 * that is not all queries (DuckDB serializes only SELECTs) reads nothing as far as this knows.
 */
export async function tablesReadBy(conn: DuckDBConnection, sqls: readonly string[]): Promise<string[][]> {
  if (sqls.length === 0) return [];
  const reader = await conn.runAndReadAll('SELECT list_transform($1, s -> json_serialize_sql(s::VARCHAR)) AS trees', [listValue([...sqls])], [LIST(VARCHAR)]);
  const trees = reader.getRowObjectsJS()[0]?.['trees'];
  return sqls.map((_, i) => {
    const text = Array.isArray(trees) ? trees[i] : undefined;
    return typeof text === 'string' ? baseTables(JSON.parse(text) as unknown) : [];
  });
}

/** Every name a BASE_TABLE reference in the tree carries. */
export function baseTables(tree: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (node['type'] === 'BASE_TABLE') {
      for (const key of ['table_name', 'schema_name', 'catalog_name']) {
        const v = node[key];
        if (typeof v === 'string' && v !== '') out.push(v);
      }
    }
    for (const v of Object.values(node)) visit(v);
  };
  if (isObject(tree) && tree['error'] === false) visit(tree['statements']);
  return out;
}

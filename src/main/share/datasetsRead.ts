import type { DatasetView } from '../../shared/views/appView';
import type { QueryWorker } from '../query/queryWorker';

/** Statements parsed per worker request: one read, however long the session. */
const CHUNK = 2000;

/**
 * The catalog datasets each statement reads, from DuckDB's own parse tree (`json_serialize_sql`):
 * every table reference is matched to a dataset by name, case-insensitively (a DuckDB file's
 * dataset by its catalog or schema part, `db.table`). Text DuckDB cannot parse reads nothing.
 * Answers a map from statement text to the datasets it read, in catalog order.
 */
export async function datasetsRead(pool: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<Map<string, DatasetView[]>> {
  const byName = new Map<string, DatasetView>();
  for (const d of datasets) if (d.name !== undefined) byName.set(d.name.toLowerCase(), d);
  const distinct = [...new Set(statements)];
  const answer = new Map<string, DatasetView[]>();
  for (let start = 0; start < distinct.length; start += CHUNK) {
    const chunk = distinct.slice(start, start + CHUNK);
    const rows = await pool.request({
      type: 'read',
      // The statements travel as one bound JSON parameter; nothing of them is spliced into SQL.
      sql: `SELECT i::INTEGER AS i, json_serialize_sql(l[i])::VARCHAR AS tree
            FROM (SELECT l, unnest(generate_series(1, len(l))) AS i FROM (SELECT from_json($1::VARCHAR, '["VARCHAR"]') AS l))`,
      params: [JSON.stringify(chunk)],
    });
    for (const row of rows) {
      const sql = chunk[Number(row['i']) - 1];
      if (sql === undefined) continue;
      const names = new Set<string>();
      collectTableNames(JSON.parse(String(row['tree'])) as unknown, names);
      const read = datasets.filter((d) => d.name !== undefined && names.has(d.name.toLowerCase()));
      answer.set(sql, read);
    }
  }
  return answer;
}

/** Every name a BASE_TABLE reference in the tree could be a dataset by: its table, schema and catalog parts. */
function collectTableNames(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectTableNames(n, names);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o['type'] === 'BASE_TABLE') {
    for (const key of ['table_name', 'schema_name', 'catalog_name']) {
      const v = o[key];
      if (typeof v === 'string' && v !== '') names.add(v.toLowerCase());
    }
  }
  for (const v of Object.values(o)) if (v !== null && typeof v === 'object') collectTableNames(v, names);
}

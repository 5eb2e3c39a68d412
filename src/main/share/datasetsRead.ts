import type { DatasetView } from '../../shared/views/appView';
import type { QueryWorker } from '../query/queryWorker';

/** Statements parsed per worker request. */
const CHUNK = 2000;

/**
 * The catalog datasets each statement reads, from DuckDB's own parse tree (`json_serialize_sql`):
 * every table reference is matched to a dataset by name, case-insensitively (a DuckDB file's
 * dataset by its catalog or schema part, `db.table`). Text DuckDB cannot parse reads nothing.
 * Answers a map from statement text to the datasets it read, in catalog order.
 */
export async function datasetsRead(pool: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<Map<string, DatasetView[]>> {
  const distinct = [...new Set(statements)];
  const answer = new Map<string, DatasetView[]>();
  for (let start = 0; start < distinct.length; start += CHUNK) {
    const chunk = distinct.slice(start, start + CHUNK);
    const names = await tableNames(pool, chunk);
    chunk.forEach((sql, i) => answer.set(sql, datasets.filter((d) => d.name !== undefined && names[i]!.has(d.name.toLowerCase()))));
  }
  return answer;
}

/**
 * The datasets any of the statements reads: the same answer as the union of `datasetsRead`, found
 * with fewer parses. A statement can only read a dataset whose name it spells, so one that spells
 * none not yet found is not parsed: a session of 10,000 queries over one dataset parses one.
 */
export async function datasetsUsed(pool: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<DatasetView[]> {
  const named = datasets.filter((d): d is DatasetView & { name: string } => d.name !== undefined);
  const found = new Set<DatasetView>();
  const distinct = [...new Set(statements)];
  // Small batches first, so the first statements can rule out parsing the many after them.
  for (let start = 0, size = 8; start < distinct.length && found.size < named.length; start += size, size = Math.min(CHUNK, size * 2)) {
    const chunk = distinct.slice(start, start + size).filter((sql) => {
      const text = sql.toLowerCase();
      return named.some((d) => !found.has(d) && spells(text, d.name));
    });
    if (chunk.length === 0) continue;
    const names = await tableNames(pool, chunk);
    for (const n of names) for (const d of named) if (n.has(d.name.toLowerCase())) found.add(d);
  }
  return datasets.filter((d) => found.has(d));
}

/** Whether lower-cased SQL text spells a name, as written bare or quoted (a quote inside doubled). */
function spells(text: string, name: string): boolean {
  const lower = name.toLowerCase();
  return text.includes(lower) || text.includes(lower.replaceAll('"', '""'));
}

/** The names each statement's table references could be a dataset by, lower-cased, from DuckDB's parse tree. */
async function tableNames(pool: Pick<QueryWorker, 'request'>, statements: readonly string[]): Promise<Set<string>[]> {
  const names = statements.map(() => new Set<string>());
  const rows = await pool.request({
    type: 'read',
    // The statements travel as one bound JSON parameter; nothing of them is spliced into SQL.
    sql: `SELECT i::INTEGER AS i, json_serialize_sql(s)::VARCHAR AS tree
          FROM (SELECT unnest(l) AS s, unnest(generate_series(1, len(l))) AS i FROM (SELECT from_json($1::VARCHAR, '["VARCHAR"]') AS l))`,
    params: [JSON.stringify(statements)],
  });
  for (const row of rows) {
    const set = names[Number(row['i']) - 1];
    if (set) collectTableNames(JSON.parse(String(row['tree'])) as unknown, set);
  }
  return names;
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

import type { TableRef } from '../../shared/sql/tableRef';

/**
 * What a preview may run, decided on the statement's parse tree as DuckDB's `json_serialize_sql`
 * writes it (only SELECT-family statements serialize; anything else was refused before). The tree
 * is walked whole — CTE bodies, subqueries in expressions, set operations — and the statement may
 * preview only if every table it reads is a CTE in scope or a relation of the catalog, and every
 * table function is one that reads nothing outside DuckDB (docs/instant.md).
 */

/** `tables`: the tables the statement names that are not its CTEs, which the catalog must hold. */
export type TreeVerdict = { readonly ok: true; readonly tables: readonly TableRef[] } | { readonly ok: false; readonly reason: string };

/** Table functions that read only DuckDB's own state or make rows from their arguments. */
const SAFE_TABLE_FUNCTIONS = new Set([
  'range',
  'generate_series',
  'unnest',
  'duckdb_columns',
  'duckdb_constraints',
  'duckdb_databases',
  'duckdb_functions',
  'duckdb_indexes',
  'duckdb_keywords',
  'duckdb_schemas',
  'duckdb_sequences',
  'duckdb_tables',
  'duckdb_types',
  'duckdb_views',
  'pragma_table_info',
]);

/** Scalar functions that run SQL of their own, read the environment or change state. */
const UNSAFE_SCALAR_FUNCTIONS = new Set(['json_execute_serialized_sql', 'query', 'query_table', 'getenv', 'nextval', 'setseed']);

/** Table functions that read files or other databases, named as such in the refusal. */
const FILE_READER = /^(read_|parquet_|sniff_csv|glob$|scan_|sqlite_|postgres_|mysql_|iceberg_|delta_|st_read)/;

/** The table references a serialized tree may hold; another kind is refused, not guessed at. */
const TABLE_REF_TYPES = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'TABLE_FUNCTION', 'EMPTY', 'EXPRESSION_LIST', 'PIVOT', 'SHOW_REF', 'COLUMN_DATA']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

class Refusal {
  constructor(readonly reason: string) {}
}

/** The CTEs a query node defines, in order: [name, body query node]. */
export function cteEntries(node: unknown): [string, unknown][] {
  if (!isObject(node) || !isObject(node['cte_map'])) return [];
  const map = node['cte_map']['map'];
  if (!Array.isArray(map)) return [];
  const out: [string, unknown][] = [];
  for (const entry of map) {
    if (!isObject(entry) || typeof entry['key'] !== 'string') continue;
    const value = entry['value'];
    const query = isObject(value) && isObject(value['query']) ? value['query']['node'] : undefined;
    out.push([entry['key'], query]);
  }
  return out;
}

/** Checks one serialized statement (`statements[0]` of json_serialize_sql). */
export function inspectTree(statement: unknown): TreeVerdict {
  const tables: TableRef[] = [];
  try {
    visit(statement, new Set(), tables);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.reason };
    throw e;
  }
  return { ok: true, tables };
}

function visit(value: unknown, scope: ReadonlySet<string>, tables: TableRef[]): void {
  if (Array.isArray(value)) {
    for (const v of value) visit(v, scope, tables);
    return;
  }
  if (!isObject(value)) return;
  if (isObject(value['cte_map'])) return visitQueryNode(value, scope, tables);
  if (value['class'] === 'FUNCTION') checkScalar(value);
  else if (value['class'] === undefined && typeof value['type'] === 'string' && 'sample' in value && 'query_location' in value) checkTableRef(value, scope, tables);
  for (const [key, v] of Object.entries(value)) if (key !== 'cte_map') visit(v, scope, tables);
}

/** A CTE sees the CTEs before it (and itself, when recursive); the node's body sees them all. */
function visitQueryNode(node: Json, outer: ReadonlySet<string>, tables: TableRef[]): void {
  const scope = new Set(outer);
  for (const [name, body] of cteEntries(node)) {
    scope.add(name.toLowerCase());
    visit(body, new Set(scope), tables);
  }
  for (const [key, v] of Object.entries(node)) if (key !== 'cte_map') visit(v, scope, tables);
}

function checkScalar(fn: Json): void {
  const name = str(fn['function_name']).toLowerCase();
  if (UNSAFE_SCALAR_FUNCTIONS.has(name)) throw new Refusal(`${name}() runs SQL of its own or changes state, so a preview never calls it. Run the query to see its result.`);
}

function checkTableRef(ref: Json, scope: ReadonlySet<string>, tables: TableRef[]): void {
  const type = str(ref['type']);
  if (!TABLE_REF_TYPES.has(type)) throw new Refusal(`The statement reads from a ${type.toLowerCase().replaceAll('_', ' ')}, which a preview does not run. Run the query to see its result.`);
  if (type === 'BASE_TABLE') {
    const name = str(ref['table_name']);
    const catalog = str(ref['catalog_name']);
    const schema = str(ref['schema_name']);
    if (!catalog && !schema && scope.has(name.toLowerCase())) return;
    tables.push({ catalog, schema, table: name });
    return;
  }
  if (type === 'TABLE_FUNCTION') {
    const fn = ref['function'];
    const name = isObject(fn) ? str(fn['function_name']).toLowerCase() : '';
    if (SAFE_TABLE_FUNCTIONS.has(name)) return;
    if (FILE_READER.test(name)) {
      throw new Refusal(`${name}() reads files directly; a preview reads only the catalog's datasets. Add the file to the catalog, or Run the query.`);
    }
    throw new Refusal(`The table function ${name}() may read outside the catalog, so a preview never calls it. Run the query to see its result.`);
  }
}

/**
 * A table name DuckDB would read as a file (a replacement scan: FROM 'data.csv'); the catalog has
 * no such relation, so a preview refuses it rather than let DuckDB open the file.
 */
export const looksLikeFile = (name: string): boolean => /[./\\:]/.test(name);

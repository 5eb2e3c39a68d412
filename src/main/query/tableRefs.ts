import type { TableRef } from '../../shared/sql/tableRef';

/** The tables a script names and the CTE names it defines, read from `json_serialize_sql`'s output. */
export interface ParsedRefs {
  readonly tables: readonly TableRef[];
  readonly ctes: ReadonlySet<string>;
}

/**
 * Walks DuckDB's own parse tree (`SELECT json_serialize_sql(sql)`) for the base tables it names, in
 * every FROM, join, subquery, set operation and CTE, and the CTE names it defines, so a reference
 * to a CTE is not taken for a dataset. Undefined when DuckDB could not serialize the script (only
 * SELECT statements can be): its inputs are then unknown, not guessed from the text.
 */
export function tableRefs(serialized: string): ParsedRefs | undefined {
  let tree: unknown;
  try {
    tree = JSON.parse(serialized);
  } catch {
    return undefined;
  }
  if (!isObject(tree) || tree['error'] !== false) return undefined;
  const tables: TableRef[] = [];
  const ctes = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (node['type'] === 'BASE_TABLE' && typeof node['table_name'] === 'string') {
      tables.push({ catalog: text(node['catalog_name']), schema: text(node['schema_name']), table: node['table_name'] });
    }
    const cteMap = node['cte_map'];
    if (isObject(cteMap) && Array.isArray(cteMap['map'])) {
      for (const entry of cteMap['map']) if (isObject(entry) && typeof entry['key'] === 'string') ctes.add(entry['key'].toLowerCase());
    }
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) visit(value);
  };
  visit(tree['statements']);
  return { tables, ctes };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

import type { DatasetView } from '../../shared/views/appView';
import { queryInputs } from '../query/queryInputs';
import type { QueryWorker } from '../query/queryWorker';
import { serializedSql } from '../query/sql';
import { tableRefs, type ParsedRefs } from '../query/tableRefs';

/** Statements parsed per worker request. */
const CHUNK = 2000;

/**
 * The catalog datasets each statement reads, from DuckDB's own parse tree (`json_serialize_sql`),
 * matched to datasets as a query's recorded inputs are. Text DuckDB cannot serialize reads nothing.
 * Answers a map from statement text to the datasets it read, in catalog order.
 */
export async function datasetsRead(queryWorker: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<Map<string, DatasetView[]>> {
  const distinct = [...new Set(statements)];
  const answer = new Map<string, DatasetView[]>();
  for (let start = 0; start < distinct.length; start += CHUNK) {
    const chunk = distinct.slice(start, start + CHUNK);
    const read = await readBy(queryWorker, chunk, datasets);
    chunk.forEach((sql, i) => answer.set(sql, read[i] ?? []));
  }
  return answer;
}

/**
 * The datasets any of the statements reads: the same answer as the union of `datasetsRead`, found
 * with fewer parses. A statement can only read a dataset whose name it spells, so one that spells
 * none not yet found is not parsed: a session of 10,000 queries over one dataset parses one.
 */
export async function datasetsUsed(queryWorker: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<DatasetView[]> {
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
    for (const read of await readBy(queryWorker, chunk, named)) for (const d of read) found.add(d);
  }
  return datasets.filter((d) => found.has(d));
}

/** Whether lower-cased SQL text spells a name, as written bare or quoted (a quote inside doubled). */
function spells(text: string, name: string): boolean {
  const lower = name.toLowerCase();
  return text.includes(lower) || text.includes(lower.replaceAll('"', '""'));
}

/**
 * Which datasets each statement reads, by the one rule queries record their inputs with
 * (query/queryInputs.ts: CTE names shadow datasets, a DuckDB file is read as `db.table`).
 */
async function readBy(queryWorker: Pick<QueryWorker, 'request'>, statements: readonly string[], datasets: readonly DatasetView[]): Promise<DatasetView[][]> {
  const byId = Object.fromEntries(datasets.map((d) => [d.id, d]));
  const parsed = await parseTrees(queryWorker, statements);
  return parsed.map((refs) => {
    if (!refs) return [];
    const ids = new Set(queryInputs(refs, byId).map((i) => i.datasetId));
    return datasets.filter((d) => ids.has(d.id));
  });
}

/** DuckDB's parse tree of each statement, read for its table references (undefined: not a SELECT DuckDB serializes). */
async function parseTrees(queryWorker: Pick<QueryWorker, 'request'>, statements: readonly string[]): Promise<(ParsedRefs | undefined)[]> {
  const out: (ParsedRefs | undefined)[] = statements.map(() => undefined);
  const rows = await queryWorker.request({
    type: 'read',
    // The statements travel as one bound JSON parameter; nothing of them is spliced into SQL.
    sql: `SELECT i::INTEGER AS i, ${serializedSql('s')}::VARCHAR AS tree
          FROM (SELECT unnest(l) AS s, unnest(generate_series(1, len(l))) AS i FROM (SELECT from_json($1::VARCHAR, '["VARCHAR"]') AS l))`,
    params: [JSON.stringify(statements)],
  });
  for (const row of rows) out[Number(row['i']) - 1] = tableRefs(String(row['tree']));
  return out;
}

import type { DatasetView } from '../../shared/views/appView';
import type { QueryWorker } from '../query/queryWorker';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';

/**
 * The statement that makes each dataset queryable under its name, as the catalog registered it:
 * DuckDB's own text of the catalog's view (`duckdb_views()`: the reader, its path and options as
 * registered), or the read-only ATTACH of a DuckDB file. Undefined for a dataset no longer registered.
 */
export async function registrationSql(queryWorker: Pick<QueryWorker, 'request'>, datasets: readonly DatasetView[]): Promise<Map<string, string | undefined>> {
  const answer = new Map<string, string | undefined>();
  const views = datasets.filter((d) => d.format !== 'duckdb' && d.name !== undefined).map((d) => d.name!);
  const texts = new Map<string, string>();
  if (views.length > 0) {
    const rows = await queryWorker.request({
      type: 'read',
      sql: `SELECT view_name, sql FROM duckdb_views()
            WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
              AND list_contains(from_json($1::VARCHAR, '["VARCHAR"]'), view_name)`,
      params: [JSON.stringify(views)],
    });
    for (const r of rows) texts.set(String(r['view_name']), String(r['sql']).replace(/^\s*CREATE\s+VIEW\b/i, 'CREATE OR REPLACE VIEW'));
  }
  for (const d of datasets) {
    if (d.name === undefined) continue;
    if (d.format === 'duckdb') answer.set(d.id, `ATTACH IF NOT EXISTS ${literal(d.location ?? d.source)} AS ${quoteIdent(d.name)} (READ_ONLY)`);
    else answer.set(d.id, texts.get(d.name));
  }
  return answer;
}

/**
 * Instant previews on the DuckDB worker thread (docs/instant.md). Each preview runs on a
 * connection of its own — never one a Run, a page or the catalog uses — so a preview neither waits
 * behind them nor makes them wait; a cancel interrupts exactly it. DuckDB's parser decides what
 * the statement is (json_serialize_sql) and the tree decides whether it may run; large datasets are
 * read through a sample that shadows them, for this connection only, under their own names.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance, DuckDBType } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import type { PreviewAnswer, TextSpan } from '../../shared/instant/preview';
import { utf16Offset } from '../../shared/text/codePoints';
import { PREVIEW_ROWS } from '../../shared/instant/preview';
import { columnTypeName } from '../query/columnTypeName.worker';
import { withoutWrapper } from '../query/queryErrors.worker';
import { interruptJob, jobSettled, startedJob, type InterruptibleJob } from '../query/jobInterrupt.worker';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { SERIALIZE_SQL } from '../query/sql';
import { cteEntries, inspectTree, looksLikeFile } from './previewTree.worker';
import type { TableRef } from '../../shared/sql/tableRef';
import { errorOffset, previewSqlFor, type PreviewQuery, type PreviewSql } from './previewSql.worker';
import { shownRows, shownSelect } from './previewValues.worker';
import { refusalFor } from './refusals.worker';
import { sampleClause, type SamplePlan } from './previewSample.worker';
import { firstKeyword, locateStatement } from './statementLocation.worker';

/** Connections of finished previews, reused; one that was interrupted is closed instead. */
const idle: DuckDBConnection[] = [];
const IDLE_LIMIT = 4;
const running = new Map<string, InterruptibleJob>();
/** Cancels that arrived before their preview started. */
const early = new Set<string>();
const EARLY_LIMIT = 1000;

const interrupted = () => new AppErrorException(appError(randomUUID(), 'INTERRUPTED', 'The preview was replaced by a newer one.'));

/** Row estimates of the catalog's relations, by name and definition (a re-registered dataset has a new one). */
const estimates = new Map<string, number>();
const ESTIMATE_LIMIT = 500;

export interface PreviewOptions {
  /** Relations with more rows than this are previewed on a sample. */
  readonly sampleAbove: number;
  /** Rows a sample aims at. */
  readonly sampleRows: number;
}

export async function runPreview(instance: DuckDBInstance, previewId: string, text: string, cursor: number, options: PreviewOptions): Promise<PreviewAnswer> {
  if (early.delete(previewId)) throw interrupted();
  const located = locateStatement(text, Math.min(cursor, text.length));
  if (!located) return { kind: 'none' };
  // Known before its connection exists: a cancel that lands while it connects is not lost.
  const job = startedJob();
  running.set(previewId, job);
  let connection: DuckDBConnection;
  try {
    connection = idle.pop() ?? (await instance.connect());
  } catch (e) {
    running.delete(previewId);
    throw e;
  }
  job.connection = connection;
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    if (job.interrupted) throw interrupted();
    try {
      return await work();
    } catch (e) {
      if (job.interrupted) throw interrupted();
      throw e;
    }
  };
  try {
    const answer = await preview(connection, step, text, located.span, located.tokens, cursor, options);
    if (job.interrupted) throw interrupted();
    return answer;
  } finally {
    running.delete(previewId);
    jobSettled(job);
    // An interrupted connection goes, and its samples with it; another is kept with its samples for the next preview.
    if (job.interrupted || idle.length >= IDLE_LIMIT) {
      shadows.delete(connection);
      connection.closeSync();
    } else idle.push(connection);
  }
}

/**
 * The samples (temp views) each preview connection holds now, by name, with the SQL that made
 * them: the next preview on it keeps the ones it needs as they are and drops the others, so a
 * preview of an unchanged statement writes nothing to the catalog.
 */
const shadows = new WeakMap<DuckDBConnection, Map<string, string>>();

async function shadowWith(c: DuckDBConnection, step: Step, plans: readonly SamplePlan[]): Promise<void> {
  const held = shadows.get(c) ?? new Map<string, string>();
  shadows.set(c, held);
  const wanted = new Map(plans.map((p) => [p.name, `CREATE OR REPLACE TEMP VIEW ${quoteIdent(p.name)} AS SELECT * FROM ${p.qualified} ${sampleClause(p)}`]));
  for (const name of [...held.keys()]) {
    if (wanted.has(name)) continue;
    await step(() => c.run(`DROP VIEW IF EXISTS temp.main.${quoteIdent(name)}`));
    held.delete(name);
  }
  for (const [name, sql] of wanted) {
    if (held.get(name) === sql) continue;
    held.delete(name);
    await step(() => c.run(sql));
    held.set(name, sql);
  }
}

type Step = <T>(work: () => Promise<T>) => Promise<T>;

async function preview(
  c: DuckDBConnection,
  step: Step,
  text: string,
  span: TextSpan,
  tokens: Parameters<typeof previewSqlFor>[2],
  cursor: number,
  options: PreviewOptions,
): Promise<PreviewAnswer> {
  const statementText = text.slice(span.from, span.to);
  const serialized = await step(() => c.runAndReadAll(SERIALIZE_SQL, [statementText]));
  const tree = JSON.parse(String(serialized.getRowsJS()[0]?.[0] ?? '{}')) as {
    error?: boolean;
    error_type?: string;
    error_message?: string;
    position?: string;
    statements?: unknown[];
  };
  if (tree.error) {
    if (tree.error_type === 'parser') {
      const at = Number(tree.position);
      return {
        kind: 'invalid',
        statement: span,
        errorId: randomUUID(),
        message: `Parser Error: ${tree.error_message ?? 'syntax error'}`,
        // DuckDB's position counts code points; the editor's, UTF-16 units
        ...(Number.isInteger(at) && at >= 0 ? { position: span.from + utf16Offset(statementText, at) } : {}),
      };
    }
    // Only SELECT-family statements serialize: everything else writes, changes settings or reaches out.
    return { kind: 'refused', statement: span, reason: refusalFor(firstKeyword(tokens)) };
  }
  const statements = tree.statements ?? [];
  if (statements.length === 0) return { kind: 'none' };
  if (statements.length > 1) {
    return { kind: 'refused', statement: span, reason: 'DuckDB reads several statements here; put a semicolon between them to preview one.' };
  }
  const statement = statements[0];
  const verdict = inspectTree(statement);
  if (!verdict.ok) return { kind: 'refused', statement: span, reason: verdict.reason };

  const plans: SamplePlan[] = [];
  for (const ref of dedupe(verdict.tables)) {
    const found = await step(() => findRelation(c, ref));
    if (!found) {
      if (looksLikeFile(ref.table)) {
        return { kind: 'refused', statement: span, reason: `'${ref.table}' is read as a file; a preview reads only the catalog's datasets. Add the file to the catalog, or Run the query.` };
      }
      continue; // DuckDB's binder says it does not exist, in its own words
    }
    if (ref.catalog || ref.schema) continue; // only unqualified names can be shadowed by a sample
    const rows = await step(() => estimateRows(c, found));
    if (rows > options.sampleAbove) plans.push({ name: found.name, qualified: found.qualified, rows, sampleRows: options.sampleRows });
  }

  const node = (statement as { node?: unknown }).node;
  const built = previewSqlFor(text, span, tokens, cursor, (path) => cteNamesAt(node, path));
  await shadowWith(c, step, plans);
  let shown: Shown;
  try {
    shown = await readRows(c, step, built);
  } catch (e) {
    if (e instanceof AppErrorException || !(e instanceof PreviewSqlError)) throw e;
    const message = withoutWrapper(e.cause instanceof Error ? e.cause.message : String(e.cause));
    const at = errorOffset(message, e.sql.sql);
    const position = at === undefined ? undefined : e.sql.origin(at);
    return { kind: 'invalid', statement: span, errorId: randomUUID(), message, ...(position !== undefined ? { position } : {}) };
  }
  const { columns, values, more, overBudget } = shown;
  const sampled = plans.length > 0 ? { sample: { rows: Math.min(...plans.map((p) => Math.min(p.rows, p.sampleRows))) } } : {};
  return { kind: 'rows', statement: span, steps: built.steps, columns, values, ...(more ? { more } : {}), ...(overBudget ? { overBudget } : {}), ...sampled };
}

/** The names of the CTEs at `path` (the CTE names leading there) in the parse tree. */
function cteNamesAt(node: unknown, path: readonly string[]): string[] {
  let here = node;
  for (const name of path) here = cteEntries(here).find(([n]) => n === name)?.[1];
  return cteEntries(here).map(([n]) => n);
}

const dedupe = (refs: readonly TableRef[]): TableRef[] => [...new Map(refs.map((r) => [`${r.catalog}.${r.schema}.${r.table}`.toLowerCase(), r])).values()];

interface Relation {
  readonly name: string;
  /** database.schema.name, quoted. */
  readonly qualified: string;
  readonly definition: string;
  readonly estimated: number | undefined;
}

/** The catalog relation `ref` names, as DuckDB would resolve it (default database and schema for missing parts). */
async function findRelation(c: DuckDBConnection, ref: TableRef): Promise<Relation | undefined> {
  const rows = (
    await c.runAndReadAll(
      `SELECT database_name, schema_name, view_name AS name, sql AS definition, NULL::BIGINT AS estimated, current_database() AS current FROM duckdb_views()
         WHERE NOT internal AND NOT temporary AND lower(view_name) = lower($1::VARCHAR)
       UNION ALL
       SELECT database_name, schema_name, table_name, sql, estimated_size, current_database() FROM duckdb_tables()
         WHERE NOT temporary AND lower(table_name) = lower($1::VARCHAR)`,
      [ref.table],
    )
  ).getRowObjectsJS();
  const lower = (v: unknown) => String(v).toLowerCase();
  const match = rows.find((r) => {
    const db = lower(r['database_name']);
    const schema = lower(r['schema_name']);
    const current = lower(r['current']);
    const wantCatalog = ref.catalog.toLowerCase();
    const wantSchema = ref.schema.toLowerCase();
    if (wantCatalog) return db === wantCatalog && schema === (wantSchema || 'main');
    if (wantSchema) return (db === current && schema === wantSchema) || (db === wantSchema && schema === 'main');
    return db === current && schema === 'main';
  });
  if (!match) return undefined;
  const name = String(match['name']);
  return {
    name,
    qualified: `${quoteIdent(String(match['database_name']))}.${quoteIdent(String(match['schema_name']))}.${quoteIdent(name)}`,
    definition: String(match['definition']),
    estimated: match['estimated'] === null || match['estimated'] === undefined ? undefined : Number(match['estimated']),
  };
}

/**
 * A relation's rows as DuckDB's planner estimates them: exact for Parquet (its metadata) and
 * tables, from the file's size for CSV and JSON. Planned, never counted; kept per definition.
 */
async function estimateRows(c: DuckDBConnection, relation: Relation): Promise<number> {
  if (relation.estimated !== undefined) return relation.estimated;
  const key = `${relation.qualified}\0${relation.definition}`;
  const known = estimates.get(key);
  if (known !== undefined) return known;
  const plan = (await c.runAndReadAll(`EXPLAIN (FORMAT JSON) SELECT * FROM ${relation.qualified}`)).getRowsJS()[0]?.[1];
  const parsed = JSON.parse(String(plan ?? '[]')) as { extra_info?: Record<string, unknown> }[];
  const rows = Number(parsed[0]?.extra_info?.['Estimated Cardinality'] ?? 0);
  if (estimates.size >= ESTIMATE_LIMIT) estimates.clear();
  estimates.set(key, Number.isFinite(rows) ? rows : 0);
  return estimates.get(key)!;
}

/** DuckDB refused the SQL `sql` (its message places the error in it). */
class PreviewSqlError extends Error {
  constructor(
    readonly sql: PreviewSql,
    override readonly cause: unknown,
  ) {
    super('preview SQL failed');
  }
}

interface Shown {
  readonly columns: Column[];
  readonly values: (string | null)[][];
  readonly more: boolean;
  readonly overBudget: boolean;
}

/**
 * The preview's columns, named as Run names them (the statement prepared alone: wrapped in a
 * subquery DuckDB renames a repeated `a` to `a_1`), and its first PREVIEW_ROWS rows as DuckDB's
 * text, cut as the grid cuts them and within the text budget (previewValues.worker.ts).
 */
async function readRows(c: DuckDBConnection, step: Step, built: PreviewQuery): Promise<Shown> {
  const attempt = async <T>(sql: PreviewSql, work: () => Promise<T>): Promise<T> => {
    try {
      return await step(work);
    } catch (e) {
      throw e instanceof AppErrorException ? e : new PreviewSqlError(sql, e);
    }
  };
  const prepared = await attempt(built.statement, () => c.prepare(built.statement.sql));
  const columns: Column[] = [];
  const types: DuckDBType[] = [];
  try {
    for (let i = 0; i < prepared.columnCount; i++) {
      types.push(prepared.columnType(i));
      columns.push({ name: prepared.columnName(i), type: columnTypeName(prepared.columnType(i)) });
    }
  } finally {
    prepared.destroySync();
  }
  const { select, alias } = shownSelect(types);
  const sql = built.shown(select, alias);
  const chunks = await attempt(sql, async () => (await c.run(sql.sql)).fetchAllChunks());
  return { columns, ...shownRows(chunks, columns.length, PREVIEW_ROWS) };
}

/** Interrupts preview `previewId` if it runs (until it stops: jobInterrupt.worker.ts); else remembers it so it never starts. */
export function cancelPreview(previewId: string): void {
  const job = running.get(previewId);
  if (job) return interruptJob(job);
  if (early.size >= EARLY_LIMIT) early.clear();
  early.add(previewId);
}

/** On the way out: every preview stops, so the thread can exit. */
export function interruptPreviews(): void {
  for (const previewId of running.keys()) cancelPreview(previewId);
}

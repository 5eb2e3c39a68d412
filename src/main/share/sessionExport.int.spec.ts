import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionLogEventSchema, sessionLogHeaderSchema } from '../../shared/contracts/sessionLog';
import type { SessionExportFormat } from '../../shared/share/sessionExportFormat';
import type { DatasetView } from '../../shared/views/appView';
import { datasetsRead, datasetsUsed } from './datasetsRead';
import type { TestCore } from '../../../test/support/testCore';
import { useTestSession } from '../../../test/support/useTestSession';

/** A dataset whose file name, column names and values hold quotes, pipes, newlines and Unicode. */
const CSV = ['id,"na|me","it\'s ""quoted"""', '1,"O\'Brien | ""Bob""","line1\nline2"', '2,"Zoë ✓ 東京","plain"', '3,"a|b","-- not a comment"', ''].join('\n');
const TITLE = 'Report | one\nDROP TABLE x; --';

/** Rows of one result as DuckDB's text, row-major: what the app's pages and raw DuckDB are compared in. */
type Rows = (string | null)[][];

describe('exporting a session', () => {
  const app = useTestSession('all');
  let core: TestCore;
  let sessionId: string;
  let out: string;
  let dataset: string;
  const queries: string[] = [];
  beforeAll(async () => {
    core = app.core();
    out = mkdtempSync(join(tmpdir(), 'sextant-share-'));
    const file = join(out, `it's "odd" | ü.csv`);
    writeFileSync(file, CSV);
    const added = await core.dispatch({ type: 'AddDataset', source: file });
    if (!added.ok) throw new Error(added.error.message);
    await core.catalog.idle();
    dataset = Object.values(core.view().datasets).find((d) => d.source === file)!.name!;
    sessionId = app.sessionId();
    await core.dispatch({ type: 'RenameSession', sessionId, title: TITLE });
    const ident = `"${dataset.replaceAll('"', '""')}"`;
    for (const sql of [`select * from ${ident} order by id -- sorted by id`, `select count(*) as n, 'it''s | fine' as "we|ird" from ${ident}`, 'select nope']) {
      queries.push((await app.run(sql)).queryId);
    }
    const view = await core.dispatch({ type: 'SetResultView', sessionId, queryId: queries[0]!, orderBy: [{ column: 0, descending: true }], filter: [{ column: 1, op: 'contains', value: "'Brien |" }] });
    if (!view.ok) throw new Error(view.error.message);
    const chart = await core.dispatch({ type: 'SetChart', sessionId, queryId: queries[0]!, spec: { mark: 'Bar', x: 'na|me', aggregate: 'Count' } });
    if (!chart.ok) throw new Error(chart.error.message);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  async function exported(format: SessionExportFormat): Promise<string> {
    const path = join(out, `export-${format}`);
    const result = await core.sessionExports.export(sessionId, format, { kind: 'file', path });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    expect(result.value.outcome?.target).toBe(path);
    return readFileSync(path, 'utf8');
  }

  async function appRows(queryId: string): Promise<Rows> {
    const page = await core.runner.fetchPage(queryId, 0, 100);
    if (!page.ok) throw new Error(page.error.message);
    const { values } = page.value;
    return Array.from({ length: values[0]?.length ?? 0 }, (_, r) => values.map((c) => c[r] ?? null));
  }

  it('writes a SQL script that raw DuckDB runs against the same file to the same results', async () => {
    const script = await exported('sql');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      const statements = await c.extractStatements(script);
      const results: Rows[] = [];
      for (let i = 0; i < statements.count; i++) {
        const reader = await (await statements.prepare(i)).runAndReadAll();
        results.push(reader.getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v)))));
      }
      // The view that makes the dataset queryable, then the two statements that completed (the failed one is a comment).
      expect(statements.count).toBe(3);
      expect(results.slice(1)).toEqual([await appRows(queries[0]!), await appRows(queries[1]!)]);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
    expect(script).toContain('-- Statement 3');
    expect(script).toContain('\n-- select nope;\n');
    // The sort/filter as the SQL "Open as SQL" gives, commented; a title's line break ends no comment.
    expect(script).toMatch(/-- Shown sorted\/filtered, as this SQL:\n-- {3}SELECT \*\n/);
    expect(script).toContain(`contains(lower(CAST("na|me" AS VARCHAR)), lower('''Brien |'))`);
    expect(script.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('--')).some((l) => l.startsWith('DROP'))).toBe(false);
    expect(script).toContain(`-- Read: ${dataset}: `);
  });

  it('writes the event log: the header, the dataset’s events, then every session event as stored', async () => {
    const lines = (await exported('eventLog')).trimEnd().split('\n');
    const header = sessionLogHeaderSchema.parse(JSON.parse(lines[0]!));
    expect(header).toMatchObject({ format: 'sextant-session-log', version: 1, sessionId, title: TITLE });
    const events = lines.slice(1).map((l) => sessionLogEventSchema.parse(JSON.parse(l)));
    expect(events).toHaveLength(header.eventCount);
    const session = core.store.readAggregate('QuerySession', sessionId);
    const catalog = events.filter((e) => e.aggregateType === 'Dataset');
    expect(catalog.map((e) => e.type)).toEqual(['DatasetRequested', 'DatasetRegistered']);
    expect(events.slice(0, catalog.length)).toEqual(catalog);
    expect(events.slice(catalog.length)).toEqual(JSON.parse(JSON.stringify(session)));
  });

  it('writes a Markdown notebook with each query, its preview and totals, cells escaped', async () => {
    const md = await exported('markdown');
    expect(md.startsWith('# Report \\| one<br>DROP TABLE x; --\n')).toBe(true);
    expect(md).toContain('```sql\nselect * from ');
    expect(md).toContain('Preview: 1 row.');
    expect(md).toContain('| id | na\\|me | it\'s "quoted" |');
    expect(md).toContain('| 1 | O\'Brien \\| "Bob" | line1<br>line2 |');
    expect(md).toContain('| n | we\\|ird |');
    expect(md).toContain('| 3 | it\'s \\| fine |');
    expect(md).toContain('Ran ');
    expect(md).toContain("failed: SQL\\_ERROR");
    // the chart: its spec, and the marks DuckDB aggregated (one bar per name, each counted once)
    expect(md).toContain('Chart (Bar, Count):');
    expect(md).toContain('"x": "na|me"');
    expect(md).toContain('Aggregated data: 3 marks.');
    expect(md).toContain('| x: na\\|me | value: count |\n| --- | --- |\n');
    expect(md).toContain('| O\'Brien \\| "Bob" | 1 |\n');
  });

  it('hands a browser its export once as a download, and refuses a folder it cannot write', async () => {
    const result = await core.sessionExports.export(sessionId, 'sql', { kind: 'download' });
    if (!result.ok) throw new Error(result.error.message);
    const outcome = result.value.outcome!;
    expect(outcome.download?.fileName).toBe('Report one DROP TABLE x --.sql');
    const download = core.downloads.take(outcome.exportId);
    expect(readFileSync(download!.path, 'utf8')).toContain('-- Sextant session:');
    const refused = await core.sessionExports.export(sessionId, 'sql', { kind: 'file', path: join(out, 'missing', 'x.sql') });
    expect(refused.ok ? undefined : refused.error.code).toBe('EXPORT_NOT_WRITABLE');
  });

  it('finds the datasets statements read from DuckDB’s parse tree: a join, a CTE, a quoted name; a name in a string or unparsable text reads nothing', async () => {
    const ds = (name: string): DatasetView => ({ id: `id-${name}`, name, source: `/data/${name}.csv`, requestedSeq: 1, status: 'ready', columns: [] });
    const catalog = [ds('alpha'), ds('Be"ta'), ds('gamma'), ds('unused')];
    const statements = [
      'select * from ALPHA a join "Be""ta" b using (id)',
      "with g as (select * from gamma) select 'unused' as s from g",
      'selec unused from gamma',
    ];
    const read = await datasetsRead(core.pool, statements, catalog);
    expect(statements.map((s) => read.get(s)!.map((d) => d.name))).toEqual([['alpha', 'Be"ta'], ['gamma'], []]);
    const used = await datasetsUsed(core.pool, statements, catalog);
    expect(used.map((d) => d.name)).toEqual(['alpha', 'Be"ta', 'gamma']);
    // The same answer when later batches are filtered by what earlier ones found: a statement
    // spelling only a found name is skipped, one spelling a quoted name not yet found is not.
    const fillers = Array.from({ length: 30 }, (_, i) => `select ${i} as alpha_column`);
    const many = ['select * from alpha', ...fillers, 'select * from "Be""ta"', ...statements.slice(1)];
    expect((await datasetsUsed(core.pool, many, catalog)).map((d) => d.name)).toEqual(['alpha', 'Be"ta', 'gamma']);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../shared/chart/chartSpec';
import { sessionLogEventSchema, sessionLogHeaderSchema } from '../../shared/contracts/sessionLog';
import { readableNumber } from '../../shared/explore/profileText';
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

/** The notebook's embedded images: each one's alt text and its SVG, decoded. */
function notebookImages(md: string): { alt: string; svg: string }[] {
  return [...md.matchAll(/!\[((?:\\.|[^\]\\])*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => ({ alt: m[1]!, svg: Buffer.from(m[2]!, 'base64').toString('utf8') }));
}

/** A standalone SVG parsed as an SVG file (not HTML), with what makes it one checked: the namespace, its size, a white background. */
function svgDocument(svg: string) {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  expect(root.tagName).toBe('svg');
  expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
  expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
  expect(Number(root.getAttribute('height'))).toBeGreaterThan(0);
  expect(root.firstElementChild?.getAttribute('fill')).toBe('#ffffff');
  return doc;
}

/** The rectangles Plot drew for a bar chart's bars (or a histogram's bins). */
const barsOf = (svg: string, mark: 'bar' | 'rect' = 'bar'): number => svgDocument(svg).querySelectorAll(`g[aria-label="${mark}"] > rect`).length;

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
    // the chart: an image named as the window names it, then the marks DuckDB aggregated (one bar per name, each counted once)
    expect(md).toContain('Chart: Bar chart of count per na\\|me.');
    const [image] = notebookImages(md);
    expect(image?.alt).toBe('Bar chart of count per na\\|me');
    expect(image && barsOf(image.svg)).toBe(3);
    expect(md).toContain('Its data: 3 marks.');
    expect(md).toContain('| x: na\\|me | value: count |\n| --- | --- |\n');
    expect(md).toContain('| O\'Brien \\| "Bob" | 1 |\n');
    // each completed result's profile, its names and values escaped as any cell
    expect(md).toContain('Profile of 3 columns, over all 3 rows:');
    expect(md).toContain('| na\\|me | VARCHAR | 0 (0%) | 3 |  |  |  | O\'Brien \\| "Bob" (1), Zoë ✓ 東京 (1), a\\|b (1) |\n');
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
    const read = await datasetsRead(core.queryWorker, statements, catalog);
    expect(statements.map((s) => read.get(s)!.map((d) => d.name))).toEqual([['alpha', 'Be"ta'], ['gamma'], []]);
    const used = await datasetsUsed(core.queryWorker, statements, catalog);
    expect(used.map((d) => d.name)).toEqual(['alpha', 'Be"ta', 'gamma']);
    // The same answer when later batches are filtered by what earlier ones found: a statement
    // spelling only a found name is skipped, one spelling a quoted name not yet found is not.
    const fillers = Array.from({ length: 30 }, (_, i) => `select ${i} as alpha_column`);
    const many = ['select * from alpha', ...fillers, 'select * from "Be""ta"', ...statements.slice(1)];
    expect((await datasetsUsed(core.queryWorker, many, catalog)).map((d) => d.name)).toEqual(['alpha', 'Be"ta', 'gamma']);
  });
});

describe('the Markdown notebook of real datasets: charts as images, profiles as raw DuckDB computes them', () => {
  const app = useTestSession('all');
  const VEGA = resolve('node_modules/vega-datasets/data');
  const FILES = { weather: join(VEGA, 'seattle-weather.csv'), penguins: join(VEGA, 'penguins.json') };
  let md = '';
  let out = '';
  beforeAll(async () => {
    const core = app.core();
    const names: Record<string, string> = {};
    for (const [key, file] of Object.entries(FILES)) {
      const added = await core.dispatch({ type: 'AddDataset', source: file });
      if (!added.ok) throw new Error(added.error.message);
      await core.catalog.idle();
      names[key] = core.view().datasets[added.value.aggregateId]!.name!;
    }
    const sessionId = app.sessionId();
    const weather = (await app.run(`select * from ${names.weather}`)).queryId;
    await app.run(`select * from ${names.penguins}`);
    await app.run(`select ${Array.from({ length: 22 }, (_, i) => `${i} as c${i}`).join(', ')}`);
    await app.run('select range as n from range(1200000)');
    const linked: ChartSpec = { mark: 'Bar', x: 'weather', aggregate: 'Count', linked: [{ mark: 'Histogram', x: 'temp_max', aggregate: 'Count' }] };
    const chart = await core.dispatch({ type: 'SetChart', sessionId, queryId: weather, spec: linked });
    if (!chart.ok) throw new Error(chart.error.message);
    out = mkdtempSync(join(tmpdir(), 'sextant-notebook-'));
    const path = join(out, 'notebook.md');
    const result = await core.sessionExports.export(sessionId, 'markdown', { kind: 'file', path });
    if (!result.ok) throw new Error(result.error.message);
    md = readFileSync(path, 'utf8');
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  async function raw<T>(read: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      return await read(c);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  }

  it('embeds each chart of a result as an SVG image whose marks are the chart data’s: a bar per weather, a rect per histogram bin', async () => {
    const images = notebookImages(md);
    expect(images.map((i) => i.alt)).toEqual(['Bar chart of count per weather', 'Histogram of temp\\_max, count per bin']);
    const kinds = await raw(async (c) => (await c.runAndReadAll(`SELECT count(DISTINCT weather)::INTEGER FROM read_csv('${FILES.weather}')`)).getRows()[0]![0]);
    expect(barsOf(images[0]!.svg)).toBe(kinds);
    // the histogram's data line says how many bins DuckDB made; the image has a rectangle for each
    const bins = [...md.matchAll(/^Its data: (?:the first \d+ marks of )?(\d+) marks?\.$/gm)].map((m) => Number(m[1]));
    expect(bins).toHaveLength(2);
    expect(bins[0]).toBe(kinds);
    expect(barsOf(images[1]!.svg, 'rect')).toBe(bins[1]);
    expect(bins[1]).toBeGreaterThan(5);
  });

  it('summarizes each result’s columns with the figures raw DuckDB’s SUMMARIZE and counts give, nulls included', async () => {
    for (const [file, reader] of [[FILES.weather, 'read_csv'], [FILES.penguins, 'read_json']] as const) {
      const expected = await raw(async (c) => {
        const rows = (await c.runAndReadAll(`SUMMARIZE SELECT * FROM ${reader}('${file}')`)).getRowObjectsJS();
        return Promise.all(
          rows.map(async (r) => {
            const name = String(r.column_name);
            const quoted = `"${name.replaceAll('"', '""')}"`;
            // small files: the profile counts distinct values exactly
            const [nulls, distinct] = (await c.runAndReadAll(`SELECT (count(*) - count(${quoted}))::INTEGER, count(DISTINCT ${quoted})::INTEGER FROM ${reader}('${file}')`)).getRows()[0]!;
            const top = (await c.runAndReadAll(`SELECT ${quoted}::VARCHAR, count(*)::INTEGER AS n FROM ${reader}('${file}') WHERE ${quoted} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3`)).getRows();
            const type = String(r.column_type);
            const number = /INT|DOUBLE|FLOAT|DECIMAL/.test(type);
            const text = type === 'VARCHAR';
            return { name, type, nulls, distinct: Number(distinct), min: text ? '' : String(r.min), max: text ? '' : String(r.max), mean: number ? readableNumber(String(r.avg)).replaceAll(',', '') : '', top: text ? top.map(([v, n]) => `${String(v)} (${String(n)})`) : [] };
          }),
        );
      });
      const sql = `select * from ${file === FILES.weather ? 'seattle_weather' : 'penguins'}`;
      const table = profileTableAfter(md, sql);
      expect(md.slice(md.indexOf(`\`\`\`sql\n${sql}`))).toContain('| Column | Type | Nulls | Distinct | Min |');
      expect(table).toEqual(expected.map((e) => ({ ...e, nulls: Number(e.nulls) })));
    }
  });

  it('profiles only the first 20 columns, and says when a profile is from a sample', () => {
    expect(md).toContain('Profile of the first 20 columns of 22 columns (2 columns not profiled), over all 1 row:');
    expect(md).toMatch(/Profile of 1 column, over a sample of [\d,]+ rows of 1,200,000 rows \(the most frequent values counted over all rows\):/);
  });
});

/** The profile table of the query whose SQL block starts with `sql`, its cells read back: numbers without grouping, top values as a list. */
function profileTableAfter(md: string, sql: string) {
  const section = md.slice(md.indexOf(`\`\`\`sql\n${sql}`));
  const lines = section.slice(section.indexOf('| Column | Type |')).split('\n');
  const rows = lines.slice(2, lines.findIndex((l, i) => i > 1 && !l.startsWith('|')));
  const plain = (cell: string) => cell.replace(/(\d),(?=\d{3})/g, '$1');
  return rows.map((line) => {
    const cells = line.slice(2, -2).split(/ (?<!\\)\| /).map((c) => c.replaceAll('\\|', '|').replaceAll('\\_', '_'));
    const [name, type, nulls, distinct, min, max, mean, top] = cells as [string, string, string, string, string, string, string, string];
    return {
      name,
      type,
      nulls: Number(plain(nulls).split(' ')[0]),
      distinct: Number(plain(distinct)),
      min: plain(min),
      max: plain(max),
      mean: plain(mean),
      top: top === '' ? [] : top.replace(/, …$/, '').split(/, (?=[^,]* \(\d)/).map((t) => t.replace(/\((\d[\d,]*)\)$/, (_, n: string) => `(${plain(n)})`)),
    };
  });
}

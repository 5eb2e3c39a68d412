import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sessionLogEventSchema, sessionLogHeaderSchema } from '../src/shared/contracts/sessionLog';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { exportSession } from './share.helpers';
import { grid, ready, runSql, screenshot } from './workbench.helpers';

// The desktop app asks where to save with the OS's save dialog, which Playwright cannot drive; a
// browser gets a download, and that is what this checks.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'a browser download; the desktop uses the OS save dialog'));

const WEATHER = `read_csv('${VEGA_DATA}/seattle-weather.csv')`;
const QUERIES = [
  `select weather, count(*) as days, round(avg(temp_max), 2) as avg_max from seattle_weather group by weather order by weather`,
  `select "date", precipitation, weather from seattle_weather where precipitation > 40 order by "date"`,
];

/** Every statement of a script run by raw DuckDB, in order: each one's rows as DuckDB's text. */
async function runScript(script: string): Promise<(string | null)[][][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    const statements = await c.extractStatements(script);
    const results: (string | null)[][][] = [];
    for (let i = 0; i < statements.count; i++) {
      const reader = await (await statements.prepare(i)).runAndReadAll();
      results.push(reader.getRows().map((r) => r.map((v) => (v === null ? null : String(v)))));
    }
    return results;
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

test('Export session… writes the SQL script raw DuckDB re-runs to the same rows, the event log and the notebook', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  const expected = await Promise.all(QUERIES.map((sql) => duckdbRows(sql.replace('from seattle_weather', `from ${WEATHER}`))));
  for (const [i, sql] of QUERIES.entries()) {
    await runSql(page, sql);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected[i]!.length + 1));
  }

  const script = await exportSession(page, 'SQL script', testInfo.outputPath('session.sql'));
  const results = await runScript(script);
  // The view that makes seattle_weather queryable, then the two queries.
  expect(results.slice(1)).toEqual(expected);
  // Each statement names what it read with the fingerprint recorded when it ran: the file's own size and SHA-256.
  const csv = readFileSync(join(VEGA_DATA, 'seattle-weather.csv'));
  const fingerprint = `${csv.length.toLocaleString('en-US')} bytes, sha256 ${createHash('sha256').update(csv).digest('hex')}`;
  const reads = script.split('\n').filter((l) => l.startsWith('-- Read: '));
  expect(reads).toEqual(QUERIES.map(() => expect.stringMatching(/^-- Read: seattle_weather: \S*\/seattle-weather\.csv \(csv\); /)));
  for (const line of reads) expect(line.endsWith(fingerprint)).toBe(true);

  const lines = (await exportSession(page, 'Event log (NDJSON)', testInfo.outputPath('session.sextant.ndjson'))).trimEnd().split('\n');
  const header = sessionLogHeaderSchema.parse(JSON.parse(lines[0]!));
  const events = lines.slice(1).map((l) => sessionLogEventSchema.parse(JSON.parse(l)));
  expect(events).toHaveLength(header.eventCount);
  expect(events.filter((e) => e.type === 'QueryCompleted')).toHaveLength(2);
  expect(events[0]).toMatchObject({ aggregateType: 'Dataset', type: 'DatasetRequested' });

  // a chart of the last result: bars of counts per weather
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  const chart = page.getByRole('region', { name: 'Chart' });
  await chart.getByRole('combobox', { name: 'Mark', exact: true }).selectOption('Bar');
  await chart.getByRole('combobox', { name: 'X', exact: true }).selectOption('weather');
  await chart.getByRole('combobox', { name: 'Aggregate', exact: true }).selectOption('Count');
  await expect(chart.getByRole('img', { name: 'Bar chart of count per weather' })).toBeVisible();

  const md = await exportSession(page, 'Markdown notebook', testInfo.outputPath('session.md'));
  for (const sql of QUERIES) expect(md).toContain(`\`\`\`sql\n${sql}\n\`\`\``);
  expect(md).toContain(`Preview: ${expected[0]!.length} rows.`);
  expect(md).toContain(`| ${expected[0]![0]!.join(' | ')} |`);
  // a profile summary per result, and the chart as an image: an SVG with a bar per weather of the rows
  for (const rows of expected) expect(md).toContain(`Profile of 3 columns, over all ${rows.length} rows:`);
  const images = [...md.matchAll(/!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)];
  expect(images.map((m) => m[1])).toEqual(['Bar chart of count per weather']);
  const svg = Buffer.from(images[0]![2]!, 'base64').toString('utf8');
  await screenshot(page, testInfo, 'session-export');
  // a browser decodes it as an image of the size it declares, and reads it as SVG
  const viewer = await page.context().newPage();
  await viewer.setContent(`<img alt="chart" src="data:image/svg+xml;base64,${images[0]![2]!}">`);
  await expect.poll(() => viewer.getByRole('img', { name: 'chart' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(720);
  const bars = await viewer.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('g[aria-label="bar"] > rect').length, svg);
  expect(bars).toBe(new Set(expected[1]!.map((row) => row[2])).size);
  await viewer.close();
});

test('Escape closes the "Export session" dialog even when the focus has left it for the page', async ({ shared }) => {
  const { page } = shared;
  await page.getByRole('button', { name: 'Export session…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export session' });
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toBeFocused();
  // as when a button that goes away as an export ends drops the focus to the page
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('Escape pressed the moment the export is written, before the dialog’s effects have run, gives the focus back to "Export session…"', async ({ shared }) => {
  const { page } = shared;
  await runSql(page, 'select 42 as answer');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2');
  const button = page.getByRole('button', { name: 'Export session…' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Export session' });
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toBeFocused();
  // In the microtask after the render that says "Exported": React runs that render's effects (Done
  // takes the focus) in a later task, so a quick Escape on a busy machine lands before them.
  await dialog.evaluate((root) => {
    const observer = new MutationObserver(() => {
      if (!root.textContent?.includes('Exported')) return;
      observer.disconnect();
      (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await downloading;
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

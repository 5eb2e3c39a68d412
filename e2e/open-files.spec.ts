import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbRows } from './duckdbOracle';
import { expect, startWebHost, test, VEGA_DATA } from './fixtures';

/**
 * A week of flights-3m (113,493 rows) as a Parquet file of its own, written by raw DuckDB: what the
 * test checks of a Parquet file (its session, its count) needs no 3M rows, which its session's query
 * materialised beside the CSV's on a 2-core machine.
 */
async function writeFlightsWeek(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_parquet('${join(VEGA_DATA, 'flights-3m.parquet')}') WHERE date < '2001-01-08') TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// Before the test's fixtures are set up: the electron project has no Chromium to hand a `browser`.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'the web host’s command line (the desktop shell has its own)'));

test('files given on the command line open as sessions showing their rows, as raw DuckDB reads them', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-e2e-'));
  const csv = join(dataDir, 'trips & "stops".csv');
  writeFileSync(csv, 'city,stops\nOslo,3\nLima,12\n"Zürich, CH",7\n');
  const flights = join(dataDir, 'flights-week.parquet');
  await writeFlightsWeek(flights);
  const host = await startWebHost(dataDir, 0, undefined, [flights, csv]);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    const tabs = page.getByRole('tablist', { name: 'Sessions' });
    await expect(tabs.getByRole('tab', { name: 'flights-week.parquet' })).toBeVisible();
    // the last file's session is the one shown, its query complete with every row of the file
    await expect(tabs.getByRole('tab', { name: 'trips & "stops".csv' })).toHaveAttribute('aria-selected', 'true');
    const expected = await duckdbRows(`select * from read_csv('${csv.replaceAll("'", "''")}')`);
    await expect(page.getByRole('status')).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
    const rows = page.getByRole('grid', { name: 'Results' }).getByRole('row');
    for (const [i, row] of expected.entries()) await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText(row.map((v) => v ?? 'NULL'));
    await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('listitem').filter({ hasText: /^trips_stops/ })).toBeVisible();

    await tabs.getByRole('tab', { name: 'flights-week.parquet' }).click();
    const [[count]] = (await duckdbRows(`select count(*) from read_parquet('${flights}')`)) as [[string]];
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^${Number(count).toLocaleString('en-US')}\\u00a0rows in [\\d,]+\\u00a0ms$`), { timeout: 60_000 });
  } finally {
    await context.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { nodeClient } from './nodeClient';
import { grid, history, ready, runSql, screenshot } from './workbench.helpers';

// The desktop app asks where to save with the OS's save dialog, which Playwright cannot drive; a
// browser gets a download, and that is what these check.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'a browser download; the desktop uses the OS save dialog'));

const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;
const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export result' });

/** Count and an order-independent checksum of every column: what a file must match. */
const fingerprint = (from: string) => duckdbRows(`select count(*), sum(hash(COLUMNS(*))) from ${from}`);

/** Files an export left in the data dir's download folder (none once downloaded or cancelled). */
const leftovers = (dataDir: string): string[] => (existsSync(join(dataDir, 'exports')) ? readdirSync(join(dataDir, 'exports')) : []);

test('Export… → Parquet → a download arrives with exactly the query’s rows, as raw DuckDB reads them', async ({ shared: app }, testInfo) => {
  const { page, dataDir } = app;
  await ready(page, 'flights_3m');
  await runSql(page, "select * from flights_3m where origin = 'SFO'");
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '60870', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = exportDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const format = dialog.getByRole('combobox', { name: 'Format' });
  await expect(format).toBeFocused();
  await expect(format.getByRole('option')).toHaveText(['CSV', 'Parquet', 'JSON', 'NDJSON']);
  await format.selectOption({ label: 'Parquet' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Session 1 - select all from flights_3m where origin SFO\.parquet$/);
  const file = testInfo.outputPath('export.parquet');
  await download.saveAs(file);
  await expect(dialog.getByRole('status')).toHaveText(/^Exported 60,869\u00a0rows as Parquet, [\d.]+\u00a0(KB|MB) — sent to the browser’s downloads\.$/);
  await screenshot(page, testInfo, 'export-dialog-done');
  expect(await fingerprint(`read_parquet('${file}')`)).toEqual(await fingerprint(`(select * from ${FLIGHTS} where origin = 'SFO')`));
  expect((await duckdbRows(`select column_type from (describe select * from read_parquet('${file}'))`)).flat()).toEqual(['TIMESTAMP', 'BIGINT', 'BIGINT', 'VARCHAR', 'VARCHAR']);
  // served once, then deleted from the data dir
  await expect.poll(() => leftovers(dataDir)).toEqual([]);

  // Escape closes the dialog and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});

test('Export… writes the view the grid shows: sorted by a header click, filtered in a filter box; the history records it', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
  await ready(page, 'cars');
  await runSql(page, 'select "Name", "Cylinders", "Horsepower" from cars');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '407');
  const sort = page.getByRole('button', { name: 'Sort by Horsepower' });
  await sort.click();
  await expect(page.getByRole('columnheader', { name: /Horsepower/ })).toHaveAttribute('aria-sort', 'ascending');
  await sort.click();
  await expect(page.getByRole('columnheader', { name: /Horsepower/ })).toHaveAttribute('aria-sort', 'descending');
  // a sort alone is said as a sort: nothing is filtered yet
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog(page)).toContainText('406\u00a0rows, sorted as the grid shows them');
  await page.keyboard.press('Escape');
  await expect(exportDialog(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('textbox', { name: 'Filter Cylinders' }).fill('>=6');
  const expected = await duckdbRows(`select "Name", "Cylinders", "Horsepower" from ${CARS} where "Cylinders" >= 6 order by "Horsepower" desc nulls last`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = exportDialog(page);
  // it counts what it writes: the rows passing the filter, not the result's 406
  await expect(dialog).toContainText(`${expected.length.toLocaleString('en-US')}\u00a0rows, sorted and filtered as the grid shows them`);
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'CSV' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = testInfo.outputPath('view.csv');
  await (await downloading).saveAs(file);
  const written = await duckdbRows(`select "Name", "Cylinders", "Horsepower" from read_csv('${file}')`);
  // the same rows, in the view's order (ties keep the result's order, which the oracle need not)
  expect(written.length).toBe(expected.length);
  expect([...written].map(String).sort()).toEqual([...expected].map(String).sort());
  expect(written.map((r) => r[2])).toEqual(expected.map((r) => r[2]));
  await page.keyboard.press('Escape');
  await expect(history(page).getByRole('listitem').first()).toContainText(`Exported ${expected.length.toLocaleString('en-US')} rows as CSV`);
  // its icon sits beside its words, as the sort summary's does, not alone on a line above them
  const entry = history(page).getByRole('listitem').first();
  await expect.poll(() => iconBesideWords(entry.locator('.view-sort'))).toBe(true);
  await expect.poll(() => iconBesideWords(entry.locator('.export-summary'))).toBe(true);
});

/** Whether a history summary's icon is left of its words and level with them (its middle within their lines' height). */
function iconBesideWords(summary: Locator): Promise<boolean> {
  return summary.evaluate((el) => {
    const icon = el.querySelector('svg')!.getBoundingClientRect();
    const range = document.createRange();
    range.setStartAfter(el.querySelector('svg')!);
    range.setEndAfter(el.lastChild!);
    const words = range.getBoundingClientRect();
    const middle = (icon.top + icon.bottom) / 2;
    return icon.right <= words.left + 1 && middle >= words.top && middle <= words.bottom;
  });
}

test('a sorted and filtered view exports as CSV, through the API, and the download URL serves it once', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  await runSql(page, 'select * from flights_3m where delay > 300');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2152', { timeout: 60_000 });
  // Through the API, to hold the download URL itself: it serves the file once, and only with the token.
  const client = await nodeClient(page.url());
  try {
    const session = client.sessions()[0]!;
    const queryId = session.history.at(-1)!.queryId;
    const view = { filter: [{ column: 2, op: 'gt' as const, value: '1000' }], orderBy: [{ column: 1, descending: true }] };
    const started = await client.api.startExport(session.id, queryId, 'csv', { kind: 'download' }, view);
    expect(started.ok).toBe(true);
    const exportId = started.ok ? started.value.exportId! : '';
    const outcome = await client.api.exportOutcome(exportId);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const expected = await duckdbRows(`select * from ${FLIGHTS} where delay > 300 and distance > 1000 order by delay desc`);
    expect(outcome.value.rows).toBe(expected.length);

    const url = new URL(outcome.value.download!.url, page.url());
    url.searchParams.set('token', new URL(page.url()).searchParams.get('token')!);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Session 1 - select all from flights_3m where delay 300\.csv"/);
    const file = testInfo.outputPath('view.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const written = await duckdbRows(`select * from read_csv('${file}', timestampformat = '%Y-%m-%d %H:%M:%S')`);
    // the same rows, in the view's order (ties keep the result's order, which the oracle need not)
    expect([...written].sort()).toEqual([...expected].sort());
    const delays = written.map((r) => Number(r[1]));
    expect(delays).toEqual([...delays].sort((a, b) => b - a));
    expect(written.every((r) => Number(r[2]) > 1000)).toBe(true);
    // once only
    expect((await fetch(url)).status).toBe(404);
    // and never without the token
    url.searchParams.delete('token');
    expect((await fetch(url)).status).toBe(403);
  } finally {
    client.close();
  }
});

/**
 * 6M rows of flights_3m being exported as JSON, the dialog saying bytes are in the partial file: big
 * and slow enough to still be writing when a cancel or a reload lands, even on a quiet machine (raw
 * DuckDB takes about 3 s to write it; 3M rows as CSV took 0.8 s, which a fast run could finish first).
 */
async function writingBigJson(page: Page) {
  await ready(page, 'flights_3m');
  await runSql(page, 'select f.* from flights_3m f, range(2)');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '6000001', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = exportDialog(page);
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'JSON' });
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Writing… about [\d,]+\u00a0rows?, (?!0\u00a0bytes)[\d.,]+\u00a0(bytes|KB|MB|GB) so far$/, { timeout: 30_000 });
  return dialog;
}

test('cancelling a big export (6M rows as JSON) removes its partial file', async ({ shared: app }, testInfo) => {
  const { page, dataDir } = app;
  const dialog = await writingBigJson(page);
  expect(leftovers(dataDir).some((f) => f.endsWith('.part'))).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // a cancel the person asked for is said plainly, not as a failure with an id
  await expect(dialog.getByRole('status')).toHaveText('The export was cancelled; no file was left behind.');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await screenshot(page, testInfo, 'export-dialog-cancelled');
  expect(leftovers(dataDir)).toEqual([]);
});

test('reloading the page while an export is written cancels it: no file is left and the history says nothing was exported', async ({ app }) => {
  const { page, dataDir } = app;
  await writingBigJson(page);
  // the temp file is `.<export id>.json.<export id>.part`: the id to ask main how the export ended
  const exportId = /^\.([0-9a-f-]{36})\.json\./.exec(leftovers(dataDir).find((f) => f.endsWith('.part')) ?? '')?.[1];
  expect(exportId).toBeDefined();
  await page.reload();
  await ready(page, 'flights_3m');
  const client = await nodeClient(page.url());
  try {
    expect(await client.api.exportOutcome(exportId!)).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
  } finally {
    client.close();
  }
  expect(leftovers(dataDir)).toEqual([]);
  await expect(history(page).getByRole('listitem').first()).toContainText('select f.* from flights_3m f, range(2)');
  await expect(history(page)).not.toContainText('Exported');
});

test('Export… opened straight after typing a filter (before its pause ends) counts and writes the filtered rows', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
  await ready(page, 'cars');
  await runSql(page, 'select "Name", "Cylinders" from cars');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '407');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  const dialog = exportDialog(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('textbox', { name: 'Filter Cylinders' }).fill('>=6');
  // at once, CSV as offered: the filter's typing pause (300 ms) has not ended when the export starts
  await page.getByRole('button', { name: 'Export…' }).click();
  await dialog.getByRole('button', { name: 'Export' }).click();
  const expected = await duckdbRows(`select "Name", "Cylinders" from ${CARS} where "Cylinders" >= 6`);
  await expect(dialog).toContainText(`${expected.length.toLocaleString('en-US')}\u00a0rows, filtered as the grid shows them`);
  const file = testInfo.outputPath('settled.csv');
  await (await downloading).saveAs(file);
  const written = await duckdbRows(`select "Name", "Cylinders" from read_csv('${file}')`);
  expect(written.length).toBe(expected.length);
  expect([...written].map(String).sort()).toEqual([...expected].map(String).sort());
  await page.keyboard.press('Escape');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
});

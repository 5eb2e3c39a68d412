import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { nodeClient } from './nodeClient';
import { grid, gridRow, ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * The past view says what the live view said at that point: the result's rows and time, its sort
 * and filter (shown, not changeable), and, after a failed query, that the grid shows the previous
 * result. Checked against raw DuckDB and the facts the log recorded.
 */
// A week of flights-3m (113,493 rows): many pages, sorted and filtered three times (live, then two
// past points) in a fraction of what the whole 3M rows took; nothing here is about the result's size.
const WEEK = "date < '2001-01-08'";
const FLIGHTS = `(select * from read_parquet('${VEGA_DATA}/flights-3m.parquet') where ${WEEK})`;
const SQL = `select * from flights_3m where ${WEEK}`;
const BAD = 'select * from nosuchtable';

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string | RegExp) => timeline(page).getByRole('listitem').filter({ hasText: text });
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });
const previous = (page: Page) => page.getByRole('note', { name: 'Previous result' });
const header = (page: Page, column: string) => grid(page).getByRole('columnheader').filter({ hasText: new RegExp(`^${column}`) });
const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });

/** The first `n` rows' cells of column `c` (0-based) as the grid shows them. */
async function columnShown(page: Page, c: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let r = 0; r < n; r++) out.push((await gridRow(page, r + 2).getByRole('gridcell').nth(c).textContent()) ?? '');
  return out;
}

test('a past point shows its result’s rows and time, its sort and filter read-only, and after a failure that the grid is the previous result', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  const [[total]] = (await duckdbRows(`select count(*) from ${FLIGHTS}`)) as [[string]];
  const [[sfo]] = (await duckdbRows(`select count(*) from ${FLIGHTS} where origin = 'SFO'`)) as [[string]];
  const grouped = (n: string) => Number(n).toLocaleString('en-US');
  const top = (await duckdbRows(`select delay from ${FLIGHTS} where origin = 'SFO' order by delay desc nulls last limit 5`)).map((r) => r[0] ?? 'NULL');

  // Now: the whole result, sorted by delay descending and filtered to SFO, as the live view shows it.
  await runSql(page, SQL);
  await expect(status(page)).toHaveText(new RegExp(`^${grouped(total)}\\u00a0rows in [\\d,]+\\u00a0ms$`), { timeout: 60_000 });
  await grid(page).getByRole('button', { name: 'Sort by delay', exact: true }).click();
  await grid(page).getByRole('button', { name: 'Sort by delay', exact: true }).click();
  await expect(header(page, 'delay')).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await filterBox(page, 'origin').fill('=SFO');
  const filteredText = new RegExp(`^${grouped(sfo)} of ${grouped(total)}\\u00a0rows in [\\d,]+\\u00a0ms$`);
  await expect(status(page)).toHaveText(filteredText, { timeout: 30_000 });
  const liveSaid = await status(page).textContent();
  const liveBox = await filterBox(page, 'origin').inputValue();

  // The recorded facts: the result's row count and time, as the log has them (over the protocol, from Node).
  if (testInfo.project.name === 'web') {
    const client = await nodeClient(page.url());
    try {
      await expect.poll(() => client.sessions()[0]?.history[0]?.view?.filter.length).toBe(1);
      const recorded = client.sessions()[0]!.history[0]!;
      expect(recorded.rowCount).toBe(Number(total));
      expect(liveSaid).toBe(`${grouped(sfo)} of ${grouped(total)}\u00a0rows in ${Math.round(recorded.durationMs!).toLocaleString('en-US')}\u00a0ms`);
    } finally {
      client.close();
    }
  }

  // A query that fails: the live grid keeps the result, labelled as the previous one.
  await runSql(page, BAD);
  await expect(status(page)).toContainText('Failed: Catalog Error');
  await expect(previous(page)).toContainText(SQL);
  const failedSaid = await status(page).textContent();
  await runSql(page, 'select 42 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);

  // Back to the filter: the status says the rows and time it said then, the header and the filter
  // box show the sort and filter of then, and nothing offers to change them.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await entry(page, /filtered origin = 'SFO'/i).getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await expect(status(page)).toHaveText(liveSaid!);
  await expect(header(page, 'delay')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'delay').locator('.sort-button.sorted .sort-state svg')).toBeVisible();
  await expect(header(page, 'origin').locator('.sort-state')).toHaveCount(0);
  await expect(filterBox(page, 'origin')).toHaveValue(liveBox);
  await expect(filterBox(page, 'origin')).toHaveJSProperty('readOnly', true);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(sfo) + 1));
  await expect.poll(() => columnShown(page, 1, 5), { timeout: 30_000 }).toEqual(top);
  await expect(grid(page).getByRole('button', { name: /^Sort by / })).toHaveCount(0);
  for (const name of ['Run', 'Cancel', 'Filters', 'Clear sort and filters', 'Open as SQL']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(previous(page)).toHaveCount(0);
  // typing in the shown filter changes nothing
  await filterBox(page, 'origin').focus();
  await page.keyboard.type('X');
  await expect(filterBox(page, 'origin')).toHaveValue(liveBox);
  await screenshot(page, testInfo, 'past-sorted-filtered');

  // Back to the failed query: the status says the failure as it did, and the grid that it shows the
  // previous result, still sorted and filtered as then.
  await entry(page, `Ran query ${BAD} · failed`).getByRole('button').first().click();
  await expect(status(page)).toHaveText(failedSaid!);
  await expect(page.getByRole('button', { name: 'Copy error id' })).toBeVisible();
  await expect(previous(page)).toContainText(SQL);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(sfo) + 1));
  await expect(filterBox(page, 'origin')).toHaveValue(liveBox);
  await expect(header(page, 'delay')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => columnShown(page, 1, 5), { timeout: 30_000 }).toEqual(top);
  await screenshot(page, testInfo, 'past-after-failure');

  // Back to now: the live view as it is.
  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(previous(page)).toHaveCount(0);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['42']);
});

test('a past point with a plain result says its rows and time, and shows no sort, no filter and no previous result', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Origin from cars order by Name limit 3');
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  const said = await status(page).textContent();
  await runSql(page, 'select 1 as one');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await entry(page, 'Ran query select Name, Origin from cars').getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await expect(status(page)).toHaveText(said!);
  await expect(grid(page).getByRole('columnheader')).toHaveCount(2);
  await expect(grid(page).locator('.sort-state')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Column filters' })).toHaveCount(0);
  await expect(previous(page)).toHaveCount(0);
});

import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { dataset, ready, runSql, status } from './workbench.helpers';

const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;

const region = (page: Page) => page.getByRole('region', { name: 'Column profiles' });
const card = (page: Page, column: string) => region(page).getByRole('article', { name: column, exact: true });
/** A figure of a card by its term ("Distinct", "Distinct in sample"), as the screen shows it. */
const figure = (c: Locator, term: string) => c.locator('.profile-figure').filter({ has: c.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
const grouped = (n: number | string) => Number(n).toLocaleString('en-US');

test('a sampled profile’s distinct count is a count of all rows: flights-3m’s dates read 213,834 as raw DuckDB counts them, not the sample’s 214,487', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await ready(page, 'flights_3m');
  await dataset(page, 'flights_3m').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(region(page).getByText(/^Sample of .*: figures marked ≈ are estimated from it\.$/)).toBeVisible({ timeout: 120_000 });
  const [[dates, rows]] = (await duckdbRows(`select count(distinct "date"), count(*) from ${FLIGHTS}`)) as [[string, string]];
  const date = figure(card(page, 'date'), 'Distinct');
  await expect(date).toHaveText(grouped(dates), { timeout: 120_000 });
  await expect(date).toHaveAttribute('title', `${grouped(dates)}, counted over all ${grouped(rows)}\u00a0rows`);
  await expect(card(page, 'date').getByText('Distinct in sample')).toHaveCount(0);
});

test('a sample holding too many distinct values to count over all rows says its count is the sample’s, never more than all rows hold', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const sql = 'select range as id, range % 7 as k from range(1500000)';
  await ready(page, 'cars');
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^1,500,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  const header = region(page).getByText(/^Sample of [\d,]+\srows \(of 1,500,000\): figures marked ≈ are estimated from it\.$/);
  await expect(header).toBeVisible({ timeout: 120_000 });
  const sampleRows = /^Sample of ([\d,]+)\srows/.exec((await header.textContent()) ?? '')![1]!;
  const [[ids, ks]] = (await duckdbRows(`select count(distinct id), count(distinct k) from (${sql})`)) as [[string, string]];
  // every id is distinct: the sample's count is its row count, below all rows' 1,500,000
  const id = figure(card(page, 'id'), 'Distinct in sample');
  await expect(id).toHaveText(sampleRows, { timeout: 120_000 });
  expect(Number(sampleRows.replaceAll(',', ''))).toBeLessThan(Number(ids));
  await expect(id).toHaveAttribute('title', `${sampleRows}, counted in the sample of ${sampleRows}\u00a0rows: too many to count over all 1,500,000\u00a0rows, which hold at least as many`);
  await expect(figure(card(page, 'k'), 'Distinct')).toHaveText(grouped(ks));
});

import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { ready, runSql, status } from './workbench.helpers';

/** The defect's result: 100 rows, col_0 = 0…99, and a column with NULLs. */
const SQL = 'select range as col_0, case when range % 7 = 0 then null else range % 13 end as col_1 from range(100)';

const region = (page: Page) => page.getByRole('region', { name: 'Column profiles' });
const card = (page: Page, column: string) => region(page).getByRole('article', { name: column, exact: true });
const figure = (c: Locator, term: string) => c.locator('.profile-figure').filter({ has: c.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });
const nullsText = (nulls: number, rows: number) => `${nulls.toLocaleString('en-US')} (${nulls === 0 ? '0' : Math.round((nulls / rows) * 1000) / 10}%)`;

/** Every card's Nulls, Distinct, Min and Max as raw DuckDB computes them over the rows `where` keeps. */
async function expectCards(page: Page, where: string): Promise<void> {
  const [[rows]] = (await duckdbRows(`select count(*) from (${SQL}) where ${where}`)) as [[string]];
  for (const column of ['col_0', 'col_1']) {
    const [[nulls, distinct, min, max]] = (await duckdbRows(`select count(*) - count(${column}), count(distinct ${column}), min(${column}), max(${column}) from (${SQL}) where ${where}`)) as [
      [string, string, string, string],
    ];
    const c = card(page, column);
    await expect(figure(c, 'Min')).toHaveText(min);
    await expect(figure(c, 'Max')).toHaveText(max);
    await expect(figure(c, 'Distinct')).toHaveText(distinct);
    await expect(figure(c, 'Nulls')).toHaveText(nullsText(Number(nulls), Number(rows)));
  }
}

test('a result’s profile describes the rows the grid’s filter keeps, says "N of M rows", re-profiles when the filter changes and ignores the sort', async ({ app }) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await runSql(page, SQL);
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await filterBox(page, 'col_0').fill('< 48');
  await expect(status(page)).toHaveText(/^48 of 100\u00a0rows in [\d,]+\u00a0ms$/);

  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  // the defect: Distinct 100, Min 0, Max 99, figures of the rows the filter removed
  await expect(figure(card(page, 'col_0'), 'Max')).toHaveText('47');
  const rowsNote = region(page).locator('.profile-rows');
  await expect(rowsNote).toHaveText('48 of 100\u00a0rows');
  // the note is under the title, which is drawn whole beside it ("Prof…" once)
  const title = region(page).getByRole('heading', { name: 'Profile of the result' });
  expect(await title.evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
  await expectCards(page, 'col_0 < 48');

  // another filter, typed while the profile is open, is another profile
  await filterBox(page, 'col_0').fill('>= 90');
  await expect(status(page)).toHaveText(/^10 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(rowsNote).toHaveText('10 of 100\u00a0rows');
  await expectCards(page, 'col_0 >= 90');
  await expect(filterBox(page, 'col_0')).toBeFocused();

  // the sort changes no figure
  await page.getByRole('button', { name: /^Sort by col_1\b/ }).click();
  await expectCards(page, 'col_0 >= 90');

  // a second column's filter narrows both
  await filterBox(page, 'col_1').fill('not null');
  await expect(status(page)).toHaveText(/^8 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(rowsNote).toHaveText('8 of 100\u00a0rows');
  await expectCards(page, 'col_0 >= 90 and col_1 is not null');

  // without filters, the whole result again, and no "of"
  await filterBox(page, 'col_1').fill('');
  await filterBox(page, 'col_0').fill('');
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(rowsNote).toHaveCount(0);
  await expectCards(page, 'true');
});

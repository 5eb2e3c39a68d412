import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { sqlHeadline } from '../src/shared/text/sqlHeadline';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { recordNotices } from './share.helpers';
import { editorText, grid, gridRow as resultRow, history, ready, runSql, screenshot, status } from './workbench.helpers';

const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const SQL = 'select weather, year(date) as year, month(date) as month, temp_max from seattle_weather';
const RAW = `select weather, year(date) as year, month(date) as month, temp_max from ${WEATHER}`;

const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
/** The panel's count of groups, beside its title. */
const count = (page: Page) => region(page).locator('.pivot-meta');
/** Raw DuckDB's count of distinct values (or tuples) of `what`, as the panel writes it. */
const groupsOf = async (what: string, relation: string) => {
  const [[n]] = (await duckdbRows(`select count(distinct ${what}) from ${relation}`)) as [[string]];
  return `${Number(n).toLocaleString('en-US')} ${n === '1' ? 'group' : 'groups'}`;
};
/** True when an element shows all of its text (nothing cut by an ellipsis or overflow). */
const whole = (el: Element) => el.scrollWidth <= el.clientWidth;
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const pivotRow = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`);
const cells = (page: Page, rowIndex: number) => pivotRow(page, rowIndex).getByRole('gridcell').allTextContents();
/** An average as the pivot writes it (the formatter is unit-tested in pivotText.unit.spec.ts). */
const shown = (v: string | null | undefined) => pivotCellText(v ?? null, 'DOUBLE');

/** Raw DuckDB's averages for the rows `where` picks: one per month 1…12 (blank for a month with no rows), then the total. */
async function expected(where: string): Promise<string[]> {
  const months = await duckdbRows(`select m.m, CASE WHEN count(r.month) > 0 THEN avg(temp_max) END, count(r.month) from range(1, 13) m(m) left join (${RAW}) r on r.month = m.m and ${where} group by m.m order by m.m`);
  const [[total]] = (await duckdbRows(`select avg(temp_max) from (${RAW}) where ${where}`)) as [[string]];
  return [...months.map((r) => (r[2] === '0' ? '' : shown(r[1]))), shown(total)];
}

test('a two-level row pivot with monthly columns: DuckDB’s averages and totals, sorting, kept over a reload, and its SQL', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await runSql(page, SQL);
  await expect(resultRow(page, 2)).toBeVisible();

  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(region(page)).toBeVisible();
  await region(page).getByRole('combobox', { name: 'Rows' }).selectOption('year');
  await region(page).getByRole('button', { name: 'Add to rows' }).click();
  await region(page).getByRole('combobox', { name: 'Columns' }).selectOption('month');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await region(page).getByRole('combobox', { name: 'Values' }).selectOption('temp_max');
  await region(page).getByRole('combobox', { name: 'Aggregate' }).selectOption('Average');

  // 1 grand total + 5 weathers × (1 subtotal + 4 years), under two header rows: "month", then the columns
  const [[groups]] = (await duckdbRows(`select count(distinct weather) + count(distinct (weather, year)) + 1 from (${RAW})`)) as [[string]];
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(Number(groups) + 2));
  // the count is of the finest level's groups: neither the subtotals nor the Total
  const pairs = await groupsOf('(weather, year)', `(${RAW})`);
  await expect(count(page)).toHaveText(pairs);
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['month', 'weather', 'year', ...Array.from({ length: 12 }, (_, i) => String(i + 1)), 'Total']);
  await expect(pivot(page).getByRole('columnheader', { name: 'month' })).toHaveAttribute('aria-colspan', '12');
  await expect.poll(() => cells(page, 3)).toEqual(['Total', '', ...(await expected('true'))]);
  await expect.poll(() => cells(page, 4)).toEqual(['drizzle', '', ...(await expected(`weather = 'drizzle'`))]);
  await expect.poll(() => cells(page, 5)).toEqual(['drizzle', '2012', ...(await expected(`weather = 'drizzle' and year = 2012`))]);
  // a figure drawn rounded has DuckDB's full text as its title (a sum of floats in parallel may
  // differ from raw DuckDB's in its last digits: the order of the additions is not fixed)
  const [[average]] = (await duckdbRows(`select avg(temp_max) from (${RAW})`)) as [[string]];
  const totalCell = pivotRow(page, 3).getByRole('gridcell').last();
  await expect(totalCell).toHaveAttribute('title', /^\d+\.\d{10,}$/);
  expect(Math.abs(Number(await totalCell.getAttribute('title')) - Number(average))).toBeLessThan(1e-9);
  expect(await totalCell.textContent()).toBe(shown(average));
  await screenshot(page, testInfo, 'pivot');
  await expect(history(page).getByRole('listitem').first()).toContainText('Pivot: Average of temp_max by weather, year across month');

  // Tad-style: a first-level group collapses to its subtotal row and expands again
  const [[drizzleYears]] = (await duckdbRows(`select count(distinct year) from (${RAW}) where weather = 'drizzle'`)) as [[string]];
  await pivot(page).getByRole('button', { name: 'Collapse drizzle' }).click();
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(Number(groups) + 2 - Number(drizzleYears)));
  await expect.poll(async () => (await cells(page, 5))[0]).toBe('fog');
  await expect(count(page)).toHaveText(pairs);
  await pivot(page).getByRole('button', { name: 'Expand drizzle' }).click();
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(Number(groups) + 2));

  // sorting by Total, descending on the second click: the warmest weather's group comes first
  const sortTotal = pivot(page).getByRole('button', { name: 'Sort by Total' });
  await sortTotal.click();
  await expect(pivot(page).getByRole('columnheader').last()).toHaveAttribute('aria-sort', 'ascending');
  await sortTotal.click();
  await expect(pivot(page).getByRole('columnheader').last()).toHaveAttribute('aria-sort', 'descending');
  const [[warmest]] = (await duckdbRows(`select weather from (${RAW}) group by weather order by avg(temp_max) desc limit 1`)) as [[string]];
  await expect.poll(async () => (await cells(page, 4))[0]).toBe(warmest);

  // the settings are the session's: a reload shows the same pivot
  await page.reload();
  await expect(region(page)).toBeVisible();
  await expect(region(page).getByRole('button', { name: 'Remove year from rows' })).toBeVisible();
  await expect(pivot(page).getByRole('columnheader').last()).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => cells(page, 3)).toEqual(['Total', '', ...(await expected('true'))]);
  await expect.poll(async () => (await cells(page, 4))[0]).toBe(warmest);

  // "Open as SQL": the editor gets a query that, run, gives the same numbers
  const firstGroup = await cells(page, 4);
  await region(page).getByRole('button', { name: 'Open as SQL' }).click();
  const sql = await editorText(page);
  expect(sql).toContain('GROUP BY ROLLUP');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // the results grid draws the columns in view: compare those (at least the row fields and six
  // months); a month with no rows, blank in the pivot, is NULL in its SQL (docs/pivot.md)
  const want = [warmest, 'NULL', ...firstGroup.slice(2).map((v) => (v === '' ? shown('NULL') : v))];
  await expect
    .poll(async () => {
      const got = (await resultRow(page, 3).getByRole('gridcell').allTextContents()).map((t, i) => (i < 2 ? t : shown(t)));
      return got.length >= 8 && JSON.stringify(got) === JSON.stringify(want.slice(0, got.length)) ? 'same' : got;
    })
    .toBe('same');

  // Escape closes the pivot, and that too is recorded: after a reload, Undo offers to take the close
  // back (so the reloaded window has that event), and the pivot stays closed
  const pivotButton = page.getByRole('button', { name: 'Pivot', exact: true });
  await pivotButton.click();
  await expect(region(page)).toBeVisible();
  await region(page).getByRole('combobox', { name: 'Values' }).focus();
  await page.keyboard.press('Escape');
  await expect(region(page)).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAccessibleDescription('Undo close pivot');
  await expect(pivotButton).toBeEnabled();
  await expect(pivotButton).toHaveAttribute('aria-pressed', 'false');
  await expect(region(page)).toBeHidden();

  // Another query since: the close is of a result no longer shown. Undo says whose, and once done,
  // which changes nothing in sight, the window says so; the shown result keeps no pivot
  const before = await history(page).getByRole('listitem').first().locator('.sql').textContent();
  await runSql(page, 'select 1 as one');
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toHaveAccessibleDescription(`Undo close pivot on an earlier result, “${sqlHeadline(before!, 40)}”`);
  const notices = await recordNotices(page);
  await undo.click();
  await expect.poll(notices).toContain(`Undone: close pivot on an earlier result, “${sqlHeadline(before!, 40)}”`);
  await expect(region(page)).toBeHidden();
});

test('Pivot takes focus into its panel, on its first field, as Chart and Profile do; the panel is the next Tab stop after the grid and its sash', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(resultRow(page, 2)).toBeVisible();
  const pivotButton = page.getByRole('button', { name: 'Pivot', exact: true });
  await pivotButton.focus();
  await page.keyboard.press('Enter');
  await expect(region(page)).toBeVisible();
  await expect(region(page).getByRole('combobox', { name: 'Row field 1' })).toBeFocused();
  // the grid is one Tab stop, its header's sort buttons and filter boxes included: the pivot comes
  // right after it and the separator that resizes the two
  await grid(page).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('separator', { name: 'Resize results grid' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(region(page).locator(':focus')).toHaveCount(1);
  // Escape closes it; focus goes back to "Pivot", which opened it
  await page.keyboard.press('Escape');
  await expect(region(page)).toBeHidden();
  await expect(pivotButton).toBeFocused();
  // shown again after a reload, it leaves the focus alone
  await pivotButton.click();
  await expect(region(page).getByRole('combobox', { name: 'Row field 1' })).toBeFocused();
  await page.reload();
  await expect(region(page)).toBeVisible();
  await expect(region(page).locator(':focus')).toHaveCount(0);
});

test('a group name too long for its column shows whole in its title', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Miles_per_Gallon from cars');
  await expect(resultRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['Name', /Miles_per_Gallon/]);
  await expect(count(page)).toHaveText(await groupsOf('Name', CARS));
  const long = pivot(page).getByRole('gridcell', { name: 'amc ambassador brougham', exact: true });
  await expect(long).toHaveAttribute('title', 'amc ambassador brougham');
  expect(await long.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test('beside a chart, the count is of the groups, and the title, count and value header show whole', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1400, height: 800 });
  await ready(page, 'cars');
  await runSql(page, 'select Origin, Cylinders, Horsepower from cars');
  await expect(resultRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Chart', exact: true })).toBeVisible();
  // proposed: rows by Origin, the Average of Horsepower (Cylinders, a whole number of 5 values, is no measure)
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  const header = pivot(page).getByRole('columnheader').last();
  await expect(header).toHaveText('Average of Horsepower');
  // Europe, Japan, USA: the Total row is not a group
  await expect(count(page)).toHaveText(await groupsOf('Origin', CARS));
  await expect(pivot(page).getByRole('row')).toHaveCount(1 + 4);
  expect(await header.locator('.col-name').evaluate(whole)).toBe(true);
  expect(await region(page).locator('.pivot-title').evaluate(whole)).toBe(true);
  expect(await count(page).evaluate(whole)).toBe(true);
});

const MOVIES = `read_json_auto('${VEGA_DATA}/movies.json')`;
const PROFIT = `select *, "Worldwide Gross" - "Production Budget" as profit from ${MOVIES}`;

/** Sets the pivot's rows (the first in place of the proposed one), columns, values and aggregate, as a person would in the builder. */
async function layOut(page: Page, rows: readonly string[], columns: readonly string[], values: string, aggregate: string) {
  await region(page).getByRole('combobox', { name: 'Row field 1', exact: true }).selectOption(rows[0]!);
  for (const [label, fields] of [['Rows', rows.slice(1)], ['Columns', columns]] as const) {
    for (const f of fields) {
      await region(page).getByRole('combobox', { name: label }).selectOption(f);
      await region(page).getByRole('button', { name: `Add to ${label.toLowerCase()}` }).click();
    }
  }
  await region(page).getByRole('combobox', { name: 'Values' }).selectOption(values);
  await region(page).getByRole('combobox', { name: 'Aggregate' }).selectOption(aggregate);
}
/** Raw DuckDB's number of distinct values of `fields` (a NULL one of them), in `relation`. */
const distinct = async (fields: string, relation: string, where = 'true') => Number((await duckdbRows(`select count(*) from (select distinct ${fields} from ${relation} where ${where})`))[0]![0]);

test('average profit by genre and rating: every number whole, DuckDB’s values, two decimals in every column', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await runSql(page, PROFIT);
  await expect(resultRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await layOut(page, ['Major Genre'], ['MPAA Rating'], 'profit', 'Average');
  // "MPAA Rating" over its values, then the genre, each rating and the Total
  await expect(pivot(page).getByRole('columnheader')).toHaveCount(1 + 1 + (await distinct('"MPAA Rating"', MOVIES)) + 1);
  // the grand total and the Action row against raw DuckDB, rating by rating
  const averages = async (where: string) => {
    const rows = await duckdbRows(`select avg(profit) filter (where "MPAA Rating" is not distinct from r.r), count(*) filter (where "MPAA Rating" is not distinct from r.r) from (${PROFIT}) p, (select distinct "MPAA Rating" as r from ${MOVIES}) r where ${where} group by r.r order by r.r nulls last`);
    const [[total]] = (await duckdbRows(`select avg(profit) from (${PROFIT}) where ${where}`)) as [[string]];
    // a rating with no film of the group: blank
    return [...rows.map(([v, n]) => (n === '0' ? '' : shown(v))), shown(total)];
  };
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...(await averages('true'))]);
  await expect.poll(() => cells(page, 4)).toEqual(['Action', ...(await averages(`"Major Genre" = 'Action'`))]);
  await expect(pivot(page).getByRole('row')).toHaveCount(2 + 1 + (await distinct('"Major Genre"', MOVIES)));
  // no number is cut: every value cell shows all of its text (a group's name may end in an ellipsis, titled)
  const cut = await pivot(page).locator('[role="gridcell"].num').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
  expect(cut).toEqual([]);
  // one column's values line up: each has two decimals
  const values = await pivot(page).locator('[role="gridcell"].num').allTextContents();
  expect(values.length).toBeGreaterThan(20);
  // (a NULL average, or a genre with no film of a rating: blank)
  expect(values.filter((v) => v !== 'NULL' && v !== '' && !/^-?[\d,]+\.\d\d$/.test(v))).toEqual([]);
});

test('collapsing and expanding a group by keyboard keeps the focus on its toggle', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, PROFIT);
  await expect(resultRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await layOut(page, ['Major Genre', 'Creative Type'], [], 'profit', 'Average');
  // the header, the Total, a subtotal per genre and a row per genre and type
  const rows = 1 + 1 + (await distinct('"Major Genre"', MOVIES)) + (await distinct('"Major Genre", "Creative Type"', MOVIES));
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(rows));
  const action = await distinct('"Creative Type"', MOVIES, `"Major Genre" = 'Action'`);
  await pivot(page).getByRole('button', { name: 'Collapse Action' }).focus();
  await page.keyboard.press('Enter');
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(rows - action));
  await expect(pivot(page).getByRole('button', { name: 'Expand Action' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(rows));
  await expect(pivot(page).getByRole('button', { name: 'Collapse Action' })).toBeFocused();
});

test('SQL NULL reads NULL, muted and italic, apart from the texts ‘NULL’ and ‘null’', async ({ shared: app }) => {
  const { page } = app;
  const data = `select * from (values ('a', 'x', 'NULL', 1), (NULL, 'x', NULL, 2), ('NULL', 'y', 'NULL', 3), ('null', NULL, NULL, 4), (NULL, 'y', 'NULL', 5)) t(g, h, c, n)`;
  await runSql(page, data);
  await expect(resultRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await layOut(page, ['g', 'h'], ['c'], 'n', 'Sum');
  const italic = (el: Element) => getComputedStyle(el).fontStyle === 'italic';
  // columns: the text 'NULL', then SQL NULL (last, as DuckDB orders them), then Total
  const headers = pivot(page).getByRole('columnheader');
  await expect(headers).toHaveText(['c', 'g', 'h', 'NULL', 'NULL', 'Total']);
  expect(await headers.nth(3).locator('.col-name').evaluate((el) => el.querySelector('.pivot-null') === null)).toBe(true);
  expect(await headers.nth(4).locator('.pivot-null').evaluate(italic)).toBe(true);
  await expect(pivot(page).getByRole('button', { name: "Sort by 'NULL'", exact: true })).toHaveCount(1);
  await expect(pivot(page).getByRole('button', { name: 'Sort by NULL', exact: true })).toHaveCount(1);
  // groups in DuckDB's order ('NULL' < 'a' < 'null' < NULL), each with its own toggle
  // a combination with no rows is blank, not NULL (a NULL sum would read NULL, as in the results grid)
  const groups = (await duckdbRows(`select g, coalesce((sum(n) filter (where c = 'NULL'))::VARCHAR, ''), coalesce((sum(n) filter (where c is null))::VARCHAR, ''), sum(n) from (${data}) group by g order by g nulls last`)).map(([g, ...sums]) => [g, ...sums]);
  for (const name of ["Collapse 'NULL'", 'Collapse a', "Collapse 'null'", 'Collapse NULL']) await expect(pivot(page).getByRole('button', { name, exact: true })).toHaveCount(1);
  // polled: the pivot of the aggregate picked before Sum (the same headers) may still be on screen
  const subtotals = () => pivot(page).locator('.pivot-subtotal').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent)));
  await expect.poll(async () => (await subtotals()).slice(1).map(([g, , ...sums]) => [g, ...sums])).toEqual(groups.map(([g, ...sums]) => [g ?? 'NULL', ...sums]));
  const firstCells = pivot(page).locator('.pivot-subtotal [role="gridcell"]:first-child');
  // the text 'NULL' is plain, the NULL group's name muted and italic
  expect(await firstCells.nth(1).evaluate((el) => el.querySelector('.pivot-null') === null && getComputedStyle(el).fontStyle)).toBe('normal');
  expect(await firstCells.nth(4).locator('.pivot-null').evaluate(italic)).toBe(true);
  // the NULL group collapses alone: the text groups 'NULL' and 'null' keep their rows
  await pivot(page).getByRole('button', { name: 'Collapse NULL', exact: true }).click();
  await expect(pivot(page).getByRole('button', { name: 'Expand NULL', exact: true })).toBeVisible();
  await expect(pivot(page).getByRole('button', { name: "Collapse 'NULL'", exact: true })).toBeVisible();
  await expect(pivot(page).getByRole('button', { name: "Collapse 'null'", exact: true })).toBeVisible();
});

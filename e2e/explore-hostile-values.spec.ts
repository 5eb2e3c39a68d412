import type { Locator, Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { CELL_CHARS } from '../src/shared/explore/cellChars';
import { pickChart } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { allowClipboard, grid, gridRow, groupedText, mod, readClipboard, ready, runSql, status } from './workbench.helpers';

const ROWS = 20;
const MULTI = 'line1\nline2\ttabbed';
const region = (page: Page) => page.getByRole('region', { name: 'Column profiles' });
const card = (page: Page, column: string) => region(page).getByRole('article', { name: column, exact: true });
const figure = (c: Locator, term: string) => c.locator('.profile-figure').filter({ has: c.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });

/**
 * A small Parquet file of values that broke the grid and the profiles: a 100 KB text most frequent,
 * a value with a newline and a tab, a DOUBLE's NaN and infinities, DECIMAL(38,10) too wide for a card.
 */
async function writeHostile(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`COPY (SELECT i AS id,
        CASE WHEN i <= 12 THEN repeat('L', 100000) ELSE 'short' END AS longtext,
        CASE WHEN i <= 3 THEN 'line1' || chr(10) || 'line2' || chr(9) || 'tabbed' ELSE 'v' || (i % 4) END AS multi,
        CASE i WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN '-inf'::DOUBLE ELSE i * 1.5 END AS dbl,
        ((i::HUGEINT * 111111111111111111111111111)::VARCHAR || '.' || lpad((i * 123456789)::VARCHAR, 10, '0'))::DECIMAL(38,10) AS dec38
      FROM range(1, ${ROWS + 1}) t(i)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

async function openHostile(page: Page, path: string): Promise<void> {
  await writeHostile(path);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(path);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'hostile');
  await runSql(page, 'select * from hostile order by id');
  await expect(status(page)).toHaveText(/^20\u00a0rows in [\d,]+\u00a0ms$/);
}

async function openProfile(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  await expect(region(page)).toBeVisible();
}

/** The first row raw DuckDB gives. */
const one = async (sql: string) => (await duckdbRows(sql))[0]!;

/** Scrolls the list of cards until `column`'s card exists (cards are virtualized). */
async function scrollToCard(page: Page, column: string): Promise<Locator> {
  const list = region(page).locator('.profile-list');
  for (let i = 0; i < 50 && (await card(page, column).count()) === 0; i++) await list.evaluate((el) => el.scrollBy(0, 150));
  await card(page, column).scrollIntoViewIfNeeded();
  return card(page, column);
}

test('a most frequent value too long to filter by is shown, not offered: no refused request, no failed status', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await openHostile(page, testInfo.outputPath('hostile.parquet'));
  await openProfile(page);
  const values = card(page, 'longtext').getByRole('list', { name: 'Most frequent values of longtext' }).getByRole('listitem');
  const [, longCount] = await one(`select longtext, count(*) from read_parquet('${testInfo.outputPath('hostile.parquet')}') group by 1 order by 2 desc limit 1`);
  await expect(values.first()).toContainText(longCount!);
  await expect(values.first().getByRole('button')).toHaveCount(0);
  await expect(values.first().locator('.profile-top-row')).toHaveAttribute('title', 'Too long to filter by: at most 1,000 characters');
  await values.first().click();
  // a short value still filters
  await values.nth(1).getByRole('button', { name: /short/ }).click();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(ROWS - 12 + 1));
  await expect(status(page)).toHaveText(/^8 of 20\u00a0rows in [\d,]+\u00a0ms$/);
});

test('a value with a newline clicked in a profile reads \\n in its filter box, and the box keeps filtering the same rows', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const path = testInfo.outputPath('hostile.parquet');
  await openHostile(page, path);
  await openProfile(page);
  const [n] = await one(`select count(*) from read_parquet('${path}') where multi = 'line1' || chr(10) || 'line2' || chr(9) || 'tabbed'`);
  // drawn on one line as the grid draws it: the break as ↵, the tab kept
  const top = card(page, 'multi').getByTitle(/^Filter multi to line1/);
  await expect(top.locator('.profile-top-value')).toHaveText('line1↵line2\ttabbed');
  await expect(top.locator('.profile-top-value')).toHaveCSS('white-space', 'pre');
  await top.click();
  await expect(filterBox(page, 'multi')).toHaveValue('=line1\\nline2\ttabbed');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(n) + 1));
  // touched: typed at, then back to the text it showed, the box sends that text again
  await filterBox(page, 'multi').click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1');
  await page.keyboard.press('Backspace');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(n) + 1));
  await expect(gridRow(page, 2).getByRole('gridcell').nth(2)).toHaveAttribute('title', MULTI);
});

test('nan, inf and -inf typed in a DOUBLE column’s box select the rows DuckDB casts them to', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const path = testInfo.outputPath('hostile.parquet');
  await openHostile(page, path);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  for (const [typed, where] of [
    ['nan', `dbl = 'nan'::DOUBLE`],
    ['-inf', `dbl = '-inf'::DOUBLE`],
    ['>=inf', `dbl >= 'inf'::DOUBLE`],
    ['!=nan', `dbl <> 'nan'::DOUBLE`],
  ] as const) {
    const expected = await duckdbRows(`select dbl from read_parquet('${path}') where ${where} order by id`);
    await filterBox(page, 'dbl').fill(typed);
    await expect(filterBox(page, 'dbl')).toHaveAttribute('aria-invalid', 'false');
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    await expect(gridRow(page, 2).getByRole('gridcell').nth(3)).toHaveText(expected[0]![0]!);
  }
});

test('a multi-line cell shows its lines on one line with ↵ between them; the whole value is its title and its copy', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await allowClipboard(page);
  await openHostile(page, testInfo.outputPath('hostile.parquet'));
  const cell = gridRow(page, 2).getByRole('gridcell').nth(2);
  await expect(cell).toHaveText('line1↵line2\ttabbed');
  await expect(cell.locator('.grid-break')).toHaveText('↵');
  await expect(cell).toHaveAttribute('title', MULTI);
  await cell.click();
  await page.keyboard.press(`${mod}+c`);
  // one cell copies just its text, not TSV-quoted
  await expect.poll(() => readClipboard(page)).toBe(MULTI);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press(`${mod}+c`);
  const [, dbl] = await one(`select multi, dbl from read_parquet('${testInfo.outputPath('hostile.parquet')}') order by id limit 1`);
  await expect.poll(() => readClipboard(page)).toBe(`"${MULTI}"\t${dbl}`);
});

test('a value of only spaces or a zero-width space shows marks instead of looking empty; its copy is the value DuckDB holds', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  const sql = "select '' as empty, '   ' as spaces, chr(8203) as zwsp, 'a' || chr(8203) as mixed";
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  const cells = gridRow(page, 2).getByRole('gridcell');
  await expect(cells).toHaveText(['', '···', '[U+200B]', 'a\u200b']);
  await expect(cells.nth(1).locator('.cell-invisible')).toHaveAttribute('title', '3 characters that draw nothing: U+0020');
  await expect(cells.nth(2).locator('.cell-invisible')).toHaveAttribute('title', '1 character that draws nothing: U+200B');
  const raw = await one(sql);
  for (const i of [1, 2]) {
    await cells.nth(i).click();
    await page.keyboard.press(`${mod}+c`);
    await expect.poll(() => readClipboard(page)).toBe(raw[i]);
  }
});

test('a DECIMAL(38,10) profile’s figures cut with “…” have the whole value as their title', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const path = testInfo.outputPath('hostile.parquet');
  await openHostile(page, path);
  await openProfile(page);
  const dec = await scrollToCard(page, 'dec38');
  const [min, max] = await one(`select min(dec38), max(dec38) from read_parquet('${path}')`);
  await expect(figure(dec, 'Min')).toHaveText(groupedText(min!));
  await expect(figure(dec, 'Max')).toHaveText(groupedText(max!));
  // the card is narrower than the figure: it is cut, and the title holds it whole
  expect(await figure(dec, 'Max').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  for (const term of ['Min', 'Max', 'Quartiles']) {
    const shown = await figure(dec, term).textContent();
    await expect(figure(dec, term)).toHaveAttribute('title', shown!);
  }
});

test('a sort or filter while scrolled to the bottom of a large result goes to the first row, where the selection is', async ({ shared: app }) => {
  const { page } = app;
  const columns = Array.from({ length: 30 }, (_, k) => `(i * ${k + 7}) % 1000 AS c${k}`).join(', ');
  await runSql(page, `select i as id, ${columns} from range(200000) t(i)`);
  await expect(status(page)).toHaveText(/^200,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 60_000 });
  const bottomRight = async () => {
    await grid(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight, left: 300 }));
    await expect(gridRow(page, 200_001)).toBeInViewport();
  };
  await bottomRight();
  const sort = grid(page).getByRole('button', { name: 'Sort by c9', exact: true });
  // in view before the click, so the click itself scrolls nothing
  await sort.scrollIntoViewIfNeeded();
  await expect(gridRow(page, 200_001)).toBeInViewport();
  const left = await grid(page).evaluate((el) => el.scrollLeft);
  expect(left).toBeGreaterThan(0);
  await sort.click();
  await expect(grid(page).getByRole('columnheader', { name: /c9/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(gridRow(page, 2)).toBeInViewport();
  expect(await grid(page).evaluate((el) => el.scrollLeft)).toBe(left);
  const [first] = await one(`select (i * 16) % 1000 from range(200000) t(i) order by 1 limit 1`);
  await expect(gridRow(page, 2).getByRole('gridcell').nth(10)).toHaveText(first!);

  await bottomRight();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await filterBox(page, 'c9').fill('>500');
  const [passing] = await one(`select count(*) from range(200000) t(i) where (i * 16) % 1000 > 500`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(passing) + 1));
  await expect(gridRow(page, 2)).toBeInViewport();
});

test('a histogram of a DOUBLE with NaN and infinities says how many rows it did not draw, as DuckDB counts them', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const path = testInfo.outputPath('hostile.parquet');
  await openHostile(page, path);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  const chartRegion = page.getByRole('region', { name: 'Chart', exact: true });
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'dbl' });
  const [left, drawn] = await one(`select count(*) filter (where not isfinite(dbl) or dbl is null), count(*) filter (where isfinite(dbl)) from read_parquet('${path}')`);
  await expect(chartRegion.locator('.chart-status')).toHaveText(`Not drawn: ${left}\u00a0rows whose dbl is empty, NaN or infinite.`);
  await chartRegion.getByRole('button', { name: 'Show chart data' }).click();
  const counts = await chartRegion.getByRole('table', { name: 'Chart data' }).locator('tbody tr td:last-child').allTextContents();
  expect(counts.reduce((s, t) => s + Number(t.replaceAll(',', '')), 0)).toBe(Number(drawn));
});

test('a pivot grouped by a 100 KB value and a multi-line one draws them as the grid does: cut with “…”, line breaks as ↵', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const path = testInfo.outputPath('hostile.parquet');
  await openHostile(page, path);
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Pivot table' });
  // the pivot proposes longtext as its rows (the fewest distinct values)
  await expect(panel.getByRole('combobox', { name: 'Row field 1' })).toHaveValue('longtext');
  await panel.getByRole('combobox', { name: 'Columns' }).selectOption('multi');
  await panel.getByRole('button', { name: 'Add to columns' }).click();
  await panel.getByRole('combobox', { name: 'Values' }).selectOption('id');
  await panel.getByRole('combobox', { name: 'Aggregate' }).selectOption('Count');

  // under the two header rows, the grand total, then the groups in order: the long value first
  const pivot = page.getByRole('grid', { name: 'Pivot' });
  const row = pivot.locator('[role="row"][aria-rowindex="4"]').getByRole('gridcell');
  const long = `${'L'.repeat(CELL_CHARS)}…`;
  await expect(row.first()).toHaveText(long);
  await expect(row.first()).toHaveAttribute('title', long);
  const multi = pivot.getByRole('columnheader').filter({ hasText: 'line1↵line2\ttabbed' });
  await expect(multi).toHaveCount(1);
  await expect(multi.getByRole('button')).toHaveAccessibleName(`Sort by ${MULTI}`);
  // its figures are raw DuckDB's
  const counts = await duckdbRows(`select count(id) filter (where multi = '${MULTI.replace('\n', "' || chr(10) || '")}'), count(id) from read_parquet('${path}') where length(longtext) > 5`);
  await expect.poll(async () => [(await row.nth(1).textContent()), (await row.last().textContent())]).toEqual(counts[0]);
});

import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { pivotOf, runSql } from './workbench.helpers';

/**
 * A combination of a group and a column value with no rows is an empty cell (blank, as Excel,
 * TablePlus and Tad leave it), for every aggregate: never "NULL", never 0. A real NULL (a Sum of
 * only NULLs) still reads NULL, a Count of rows that exist is never NULL (0 when every value is
 * NULL), and the Total of no rows is a Count's 0.
 */
const DATA = `select * from (values ('odd', true, 1), ('odd', false, NULL), ('odd', NULL, 3), ('even', true, 4), ('even', true, 6),
  (NULL, false, NULL), ('nulls', true, NULL), ('nulls', false, NULL)) t(cat, flag, v)`;
const FLIGHTS = `'${VEGA_DATA}/flights-3m.parquet'`;

const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const row = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`);
const cells = (page: Page, rowIndex: number) => row(page, rowIndex).getByRole('gridcell').allTextContents();
/** Each cell of a row as drawn: its text, and whether it is drawn as SQL NULL (muted, italic). */
const drawn = (page: Page, rowIndex: number) => row(page, rowIndex).getByRole('gridcell').evaluateAll((els) => els.map((el) => (el.querySelector('.pivot-null') ? '<NULL>' : el.textContent)));
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });

/** Raw DuckDB's cells of one group across flag (false, true, NULL) and its Total: '' where the combination has no rows. */
async function expected(aggregate: string, where: string): Promise<string[]> {
  const cell = async (key: string) => {
    const [[n, v]] = (await duckdbRows(`select count(*), (${aggregate})::VARCHAR from (${DATA}) t where ${where} and ${key}`)) as [[string, string | null]];
    return n === '0' ? '' : v === null ? '<NULL>' : pivotCellText(v, 'BIGINT');
  };
  return [await cell('flag = false'), await cell('flag = true'), await cell('flag IS NULL'), await cell('true')];
}

test('a combination with no rows is an empty cell for every aggregate, apart from a NULL value and from a Count of 0', async ({ shared: app }) => {
  const { page } = app;
  await pivotOf(page, DATA);
  await combobox(page, 'Row field 1').selectOption('cat');
  await combobox(page, 'Columns').selectOption('flag');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await combobox(page, 'Values').selectOption('cat');
  await combobox(page, 'Aggregate').selectOption('Count');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['flag', 'cat', 'false', 'true', 'NULL', 'Total']);
  // rows: the header rows, the Total, then even, nulls, odd and the NULL group
  await expect.poll(() => cells(page, 3)).toEqual(['Total', '2', '4', '1', '7']);
  // even was never false: blank, not NULL; the NULL group counts 0 of its NULL cats, and has no NULL flag
  await expect.poll(() => drawn(page, 4)).toEqual(['even', '', '2', '', '2']);
  await expect.poll(() => drawn(page, 7)).toEqual(['<NULL>', '0', '', '', '0']);
  for (const [r, where] of [[4, "cat = 'even'"], [5, "cat = 'nulls'"], [6, "cat = 'odd'"], [7, 'cat IS NULL']] as const) {
    expect((await drawn(page, r)).slice(1)).toEqual(await expected('count(cat)', where));
  }

  // a Sum: the only-NULL group's sums are NULL (drawn as NULL), its missing combination blank
  await combobox(page, 'Values').selectOption('v');
  await combobox(page, 'Aggregate').selectOption('Sum');
  await expect.poll(() => drawn(page, 5)).toEqual(['nulls', '<NULL>', '<NULL>', '', '<NULL>']);
  for (const aggregate of ['Sum', 'Average', 'Median', 'Min', 'Max']) {
    await combobox(page, 'Aggregate').selectOption(aggregate);
    const fn = { Sum: 'sum(v)', Average: 'avg(v)', Median: 'median(v)', Min: 'min(v)', Max: 'max(v)' }[aggregate]!;
    const even = await expected(fn, "cat = 'even'");
    expect(even[0]).toBe('');
    const shown = (cells: string[]) => cells.map((c) => (c === '' || c === '<NULL>' ? c : String(Number(c.replaceAll(',', '')))));
    await expect.poll(async () => shown((await drawn(page, 4)).slice(1)), aggregate).toEqual(shown(even));
  }
});

test('over no rows, with a column field, the Count is 0', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from (${DATA}) where cat = 'none'`);
  await expect(page.getByRole('button', { name: 'Pivot', exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await combobox(page, 'Row field 1').selectOption('cat');
  await combobox(page, 'Columns').selectOption('flag');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await combobox(page, 'Values').selectOption('v');
  await combobox(page, 'Aggregate').selectOption('Count');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['cat', 'Total']);
  await expect.poll(() => drawn(page, 2)).toEqual(['Total', '0']);
  await combobox(page, 'Aggregate').selectOption('Sum');
  await expect.poll(() => drawn(page, 2)).toEqual(['Total', '<NULL>']);
});

test('flights by origin across destination: a route nobody flies is blank, not NULL', async ({ shared: app }) => {
  const { page } = app;
  await pivotOf(page, 'select origin, destination, delay from flights_3m', 'flights_3m');
  await combobox(page, 'Row field 1').selectOption('origin');
  await combobox(page, 'Columns').selectOption('destination');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await combobox(page, 'Values').selectOption('delay');
  await combobox(page, 'Aggregate').selectOption('Count');
  const heads = pivot(page).getByRole('columnheader');
  await expect(heads).toHaveCount(1 + 1 + 50 + 1 + 1);
  const names = await heads.allTextContents();
  // ABE, the first origin: its flights to ATL counted, none to AUS (blank); no cell of the grid reads NULL
  const abe = async () => Object.fromEntries((await drawn(page, 4)).map((c, i) => [names[i + 1], c]));
  const [[atl]] = (await duckdbRows(`select count(delay) from ${FLIGHTS} where origin = 'ABE' and destination = 'ATL'`)) as [[string]];
  await expect.poll(async () => (await abe())['origin']).toBe('ABE');
  expect(await abe()).toMatchObject({ ATL: pivotCellText(atl, 'BIGINT'), AUS: '' });
  expect(await pivot(page).locator('.pivot-null').count()).toBe(0);
});

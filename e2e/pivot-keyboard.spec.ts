import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { allowClipboard, pivotOf, readClipboard } from './workbench.helpers';

/**
 * The pivot grid from the keyboard, as the results grid is: arrows, Home/End and Ctrl+End move an
 * active cell (aria-activedescendant) and bring it into view, Ctrl+C copies its text (a figure as
 * DuckDB wrote it, not as drawn), Enter and Space collapse and expand the group it heads.
 */
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });
/** The cell the grid names as active. */
async function activeCell(page: Page) {
  const id = await pivot(page).getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

test('arrows and Home/End move the pivot’s active cell into view; Ctrl+C copies DuckDB’s text; Enter and Space fold a group', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await pivotOf(page, 'select Origin, Cylinders, Horsepower from cars', 'cars');
  await expect(combobox(page, 'Row field 1')).toHaveValue('Origin');
  await combobox(page, 'Rows').selectOption('Cylinders');
  await region(page).getByRole('button', { name: 'Add to rows' }).click();
  await combobox(page, 'Values').selectOption('Horsepower');
  await combobox(page, 'Aggregate').selectOption('Sum');
  const groups = await duckdbRows(`select Origin, Cylinders, sum(Horsepower) from ${CARS} group by rollup (Origin, Cylinders) order by Origin nulls first, Cylinders nulls first`);
  // the grand total, then each origin's subtotal and its cylinders: the rollup in that order
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(groups.length + 1));
  const [[total]] = (await duckdbRows(`select sum(Horsepower) from ${CARS}`)) as [[string]];
  await expect(pivot(page).locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').last()).toHaveText(pivotCellText(total!, 'HUGEINT'));

  await pivot(page).focus();
  await expect(await activeCell(page)).toHaveText('Total');
  await page.keyboard.press('End');
  await expect(await activeCell(page)).toHaveText(pivotCellText(total!, 'HUGEINT'));
  await page.keyboard.press('ControlOrMeta+c');
  // the exact figure, without the thousands separators it is drawn with
  await expect.poll(() => readClipboard(page)).toBe(total);
  await expect(page.locator('.notice')).toHaveText('Copied 1 cell');

  // down to the first origin's subtotal; Home to its name, which Enter collapses
  const [first] = groups.filter(([o, c]) => o !== null && c === null);
  await page.keyboard.press('ArrowDown');
  await expect(await activeCell(page)).toHaveText(pivotCellText(first![2]!, 'HUGEINT'));
  await page.keyboard.press('Home');
  await expect(await activeCell(page)).toHaveText(first![0]!);
  const [[cylinders]] = (await duckdbRows(`select count(distinct Cylinders) from ${CARS} where Origin = '${first![0]}'`)) as [[string]];
  await page.keyboard.press('Enter');
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(groups.length + 1 - Number(cylinders)));
  await expect(pivot(page).getByRole('button', { name: `Expand ${first![0]}` })).toBeVisible();
  await expect(pivot(page)).toBeFocused();
  await page.keyboard.press(' ');
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(groups.length + 1));

  // Ctrl+End: the last group’s figure, scrolled into view (whole but for a panel width’s fraction of a px); Ctrl+Home back to the Total
  const last = groups.at(-1)!;
  await page.keyboard.press('ControlOrMeta+End');
  const end = await activeCell(page);
  await expect(end).toHaveText(pivotCellText(last[2]!, 'HUGEINT'));
  await expect(end).toBeInViewport({ ratio: 0.99 });
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(await activeCell(page)).toHaveText('Total');
  await expect(await activeCell(page)).toBeInViewport({ ratio: 0.99 });
});

test('the empty text as a group and as a column value reads (empty), named so on its buttons, told apart from SQL NULL and from a cell with no rows', async ({ shared: app }) => {
  const { page } = app;
  await pivotOf(page, `select * from (values ('', 'a', 1), ('x', '', 2), (NULL, 'a', 3)) t(g, c, v)`);
  await combobox(page, 'Row field 1').selectOption('g');
  await combobox(page, 'Columns').selectOption('c');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await combobox(page, 'Values').selectOption('v');
  await combobox(page, 'Aggregate').selectOption('Sum');
  // raw DuckDB: g '' has v 1 under c 'a'; c '' holds only x's 2
  await expect(pivot(page).getByRole('button', { name: 'Sort by (empty)' })).toBeVisible();
  await expect(pivot(page).getByRole('columnheader', { name: 'Sort by (empty)' }).locator('.col-name')).toHaveText('(empty)');
  const rows = pivot(page).locator('[role="row"][aria-rowindex]');
  const emptyGroup = rows.filter({ has: page.locator('[role="gridcell"]').first().filter({ hasText: /^\(empty\)$/ }) });
  await expect(emptyGroup).toHaveCount(1);
  await expect(pivot(page).locator('[role="gridcell"]').filter({ hasText: /^NULL$/ })).toHaveCount(1);
});

import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { gridRow, pivotOf, runSql, screenshot } from './workbench.helpers';

/**
 * The builder as a tester walked it through with cars: the proposed pivot, the controls saying
 * what the pivot is, replacing the only row field, the column field named over its values, the
 * focus after a remove, a cell with no rows blank and SQL NULL in a cell; every number against raw DuckDB.
 */
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const count = (page: Page) => region(page).locator('.pivot-meta');
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const rowsGroup = (page: Page) => region(page).getByRole('group', { name: 'Rows fields' });
const columnsGroup = (page: Page) => region(page).getByRole('group', { name: 'Columns fields' });
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });
/** The text a select shows: its selected option's. */
const shownOption = (page: Page, name: string) => combobox(page, name).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
const shown = (v: string | null | undefined) => pivotCellText(v ?? null, 'DOUBLE');
const groupsOf = async (field: string) => {
  const [[n]] = (await duckdbRows(`select count(distinct ${field}) from ${CARS}`)) as [[string]];
  return `${n} groups`;
};

test('cars: a useful proposal, controls that say what the pivot is, replacing the only row field, the column field named, NULL as the grid says it', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await pivotOf(page, 'select * from cars', 'cars');

  // proposed: rows by Origin, the text with the fewest values (not Name's 311), the average of the first number
  await expect(combobox(page, 'Row field 1')).toHaveValue('Origin');
  await expect(count(page)).toHaveText(await groupsOf('Origin'));
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['Origin', 'Average of Miles_per_Gallon']);
  const byOrigin = await duckdbRows(`select Origin, avg(Miles_per_Gallon) from ${CARS} group by all order by Origin`);
  const [[all]] = (await duckdbRows(`select avg(Miles_per_Gallon) from ${CARS}`)) as [[string]];
  await expect.poll(() => cells(page, 2)).toEqual(['Total', shown(all)]);
  for (const [i, [origin, avg]] of byOrigin.entries()) await expect.poll(() => cells(page, 3 + i)).toEqual([origin, shown(avg)]);

  // the pickers say they add, and read so until a field is picked; the fields are the chips
  expect(await shownOption(page, 'Rows')).toBe('Add a row field…');
  expect(await shownOption(page, 'Columns')).toBe('Add a column field…');
  await expect(region(page).getByRole('button', { name: 'Add to rows' })).toBeDisabled();
  await expect(rowsGroup(page).locator('.pivot-chip')).toHaveCount(1);
  await expect(columnsGroup(page).locator('.pivot-chip')).toHaveCount(0);

  // the only row field is replaced in place (its × would leave totals only: pivot-totals.spec.ts)
  await expect(region(page).getByRole('button', { name: 'Remove Origin from rows' })).toBeVisible();
  await combobox(page, 'Row field 1').selectOption('Cylinders');
  await expect(count(page)).toHaveText(await groupsOf('Cylinders'));
  await expect(combobox(page, 'Row field 1')).toBeFocused();
  await combobox(page, 'Row field 1').selectOption('Origin');
  await expect(count(page)).toHaveText(await groupsOf('Origin'));

  // a field on one axis is not offered on the other (Origin across Origin is one value per row)
  const offered = (name: string) => combobox(page, name).evaluate((el: HTMLSelectElement) => [...el.options].filter((o) => !o.disabled).map((o) => o.value));
  expect(await offered('Columns')).not.toContain('Origin');
  expect(await offered('Columns')).toContain('Cylinders');

  // a column field: its name heads its values' columns, one header over them all
  await combobox(page, 'Columns').selectOption('Cylinders');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await expect(combobox(page, 'Columns')).toBeFocused();
  expect(await shownOption(page, 'Columns')).toBe('Add a column field…');
  const cylinders = (await duckdbRows(`select distinct Cylinders from ${CARS} order by 1`)).map(([c]) => c!);
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['Cylinders', 'Origin', ...cylinders, 'Total']);
  const over = pivot(page).getByRole('columnheader', { name: 'Cylinders', exact: true });
  await expect(over).toHaveAttribute('aria-colspan', String(cylinders.length));
  // drawn over the values' columns: from the first value's left edge to the last one's right
  const [overBox, firstBox, lastBox] = await Promise.all([over.boundingBox(), pivot(page).getByRole('columnheader', { name: `Sort by ${cylinders[0]}`, exact: true }).boundingBox(), pivot(page).getByRole('columnheader', { name: `Sort by ${cylinders.at(-1)}`, exact: true }).boundingBox()]);
  expect(Math.round(overBox!.x)).toBe(Math.round(firstBox!.x));
  expect(Math.round(overBox!.x + overBox!.width)).toBe(Math.round(lastBox!.x + lastBox!.width));
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(2 + 1 + byOrigin.length));
  // and the other way: Cylinders, now a column field, is no longer offered for the rows, nor in place of Origin
  expect(await offered('Rows')).not.toContain('Cylinders');
  expect(await offered('Row field 1')).not.toContain('Cylinders');
  // every cell against raw DuckDB; a cylinder count an origin has no car of has no rows: blank, not NULL
  const averages = async (where: string) => {
    const rows = await duckdbRows(`select avg(Miles_per_Gallon) filter (where Cylinders = k.k), count(*) filter (where Cylinders = k.k) from ${CARS} c, (select distinct Cylinders k from ${CARS}) k where ${where} group by k.k order by k.k`);
    const [[total]] = (await duckdbRows(`select avg(Miles_per_Gallon) from ${CARS} where ${where}`)) as [[string]];
    return [...rows.map(([v, n]) => (n === '0' ? '' : shown(v))), shown(total)];
  };
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...(await averages('true'))]);
  for (const [i, [origin]] of byOrigin.entries()) await expect.poll(() => cells(page, 4 + i)).toEqual([origin, ...(await averages(`Origin = '${origin}'`))]);
  await screenshot(page, testInfo, 'pivot-builder');
  const firstOrigin = await averages(`Origin = '${byOrigin[0]![0]}'`);
  expect(firstOrigin).toContain('');
  const blank = pivot(page).locator('[role="row"][aria-rowindex="4"] [role="gridcell"].num').nth(firstOrigin.indexOf(''));
  await expect(blank).toHaveText('');
  await expect(blank.locator('.pivot-null')).toHaveCount(0);

  // Enter on a field's ×: the focus goes to the next chip's ×, or to the picker when none is left
  await combobox(page, 'Columns').selectOption('Year');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await region(page).getByRole('button', { name: 'Remove Cylinders from columns' }).focus();
  await page.keyboard.press('Enter');
  await expect(region(page).getByRole('button', { name: 'Remove Year from columns' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(combobox(page, 'Columns')).toBeFocused();
  await expect(columnsGroup(page).locator('.pivot-chip')).toHaveCount(0);
  await combobox(page, 'Rows').selectOption('Cylinders');
  await region(page).getByRole('button', { name: 'Add to rows' }).click();
  await region(page).getByRole('button', { name: 'Remove Origin from rows' }).focus();
  await page.keyboard.press('Enter');
  // Cylinders, now in its place, is the only row field: the focus goes to its ×
  await expect(region(page).getByRole('button', { name: 'Remove Cylinders from rows' })).toBeFocused();
  await expect(combobox(page, 'Row field 1')).toHaveValue('Cylinders');
  await expect(count(page)).toHaveText(await groupsOf('Cylinders'));
});

test('an average of only NULLs reads NULL, as the results grid shows SQL NULL', async ({ shared: app }) => {
  const { page } = app;
  const data = `select * from (values ('a', 1.5), ('a', NULL), ('b', NULL), ('b', NULL)) t(g, x)`;
  await runSql(page, data);
  await expect(gridRow(page, 2)).toBeVisible();
  // the results grid's NULL, to compare with
  const gridNull = page.getByRole('grid', { name: 'Results' }).locator('[role="gridcell"].null').first();
  await expect(gridNull).toHaveText('NULL');
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['g', 'Average of x']);
  const want = await duckdbRows(`select g, avg(x) from (${data}) group by g order by g`);
  expect(want).toEqual([
    ['a', '1.5'],
    ['b', null],
  ]);
  await expect.poll(() => cells(page, 3)).toEqual(['a', shown('1.5')]);
  await expect.poll(() => cells(page, 4)).toEqual(['b', 'NULL']);
  const cell = pivot(page).locator('[role="row"][aria-rowindex="4"] [role="gridcell"].num .pivot-null');
  const style = (el: Element) => [getComputedStyle(el).fontStyle, getComputedStyle(el).color];
  expect(await cell.evaluate(style)).toEqual(await gridNull.evaluate(style));
});

import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { allowClipboard, grid, gridRow, history, mod, readClipboard, ready, runSql, screenshot, status } from './workbench.helpers';

/** Drags a column header's right edge `by` px to the right, as a person resizes it. */
async function dragEdge(page: Page, column: string, by: number): Promise<void> {
  const box = (await grid(page).getByRole('separator', { name: `Resize ${column}` }).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + by, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

test('sticky header with types, numbers right-aligned, NULL shown distinctly', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const sql = 'select Name, Horsepower, Year from cars order by Name, Year';
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  const header = grid(page).getByRole('columnheader');
  await expect(header).toHaveText(['NameVARCHAR', 'HorsepowerBIGINT', 'YearDATE']);

  const expected = await duckdbRows(`select Name, Horsepower, Year from read_json_auto('${VEGA_DATA}/cars.json') order by Name, Year`);
  const nullRow = expected.findIndex((r) => r[1] === null);
  expect(nullRow, 'cars has a car without horsepower').toBeGreaterThanOrEqual(0);
  await grid(page).focus();
  for (let i = 0; i < nullRow; i++) await page.keyboard.press('ArrowDown');
  const nullCell = gridRow(page, nullRow + 2).getByRole('gridcell').nth(1);
  await expect(nullCell).toHaveText('NULL');
  await expect(nullCell).toHaveCSS('font-style', 'italic');
  // at the right, where the column's numbers are
  await expect(nullCell).toHaveCSS('text-align', 'right');
  const numberCell = gridRow(page, 2).getByRole('gridcell').nth(1);
  await grid(page).evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(numberCell).toHaveText(expected[0]![1]!);
  await expect(numberCell).toHaveCSS('text-align', 'right');
  await expect(gridRow(page, 2).getByRole('gridcell').first()).not.toHaveCSS('text-align', 'right');

  // Scrolled down, the header stays at the top of the grid.
  await grid(page).evaluate((el) => el.scrollTo({ top: 3000 }));
  const gridBox = (await grid(page).boundingBox())!;
  const headerBox = (await header.first().boundingBox())!;
  expect(Math.abs(headerBox.y - gridBox.y)).toBeLessThan(2);
  await screenshot(page, testInfo, 'grid-types-null-numbers');
});

test('columns resize by dragging the header edge, or from the keyboard by the context menu', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Year from cars');
  await expect(status(page)).toHaveText(/rows in/);
  const name = grid(page).getByRole('columnheader').first();
  const before = (await name.boundingBox())!.width;
  await dragEdge(page, 'Name', 120);
  const after = (await name.boundingBox())!.width;
  expect(after - before).toBeGreaterThan(100);
  const year = grid(page).getByRole('columnheader').nth(1);
  expect((await year.boundingBox())!.x).toBeGreaterThan((await name.boundingBox())!.x + after - 2);

  // The keyboard reaches the same widths: the active cell's column, through the grid's context menu.
  const width = async () => (await name.boundingBox())!.width;
  const fromMenu = async (item: string) => {
    await grid(page).focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: item }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeHidden();
  };
  await fromMenu('Narrow column');
  await expect.poll(width).toBeCloseTo(after - 32, 0);
  await fromMenu('Widen column');
  await expect.poll(width).toBeCloseTo(after, 0);
  await fromMenu('Fit column to content');
  await expect.poll(width).toBeLessThan(after - 50);
});

test('a header’s menu acts on its column only: no value or row of another cell; it copies the name as SQL writes it and resizes that column', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  await runSql(page, 'select 1 as first, 2 as "two words"');
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  const header = grid(page).getByRole('columnheader', { name: /Sort by two words/ });
  const before = (await header.boundingBox())!.width;
  await header.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Result actions' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy column name', 'Profile column', 'Fit column to content', 'Widen column', 'Narrow column']);
  await menu.getByRole('menuitem', { name: 'Copy column name' }).click();
  await expect.poll(() => readClipboard(page)).toBe('"two words"');
  await header.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Widen column' }).click();
  await expect.poll(async () => (await header.boundingBox())!.width).toBeCloseTo(before + 32, 0);
  // a cell's menu still has the cell's and the row's actions, then the column's
  await gridRow(page, 2).getByRole('gridcell').first().click({ button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Show value', 'Copy cell', 'Copy row', 'Copy selection as TSV', 'Copy selection with header', 'Copy column name', 'Profile column', 'Fit column to content', 'Widen column', 'Narrow column']);
});

test('a width the person set stays across a tab switch and a sort; a new run fits its columns again', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Year from cars');
  await expect(status(page)).toHaveText(/rows in/);
  // -1 while a run replaces the grid
  const width = async () => (await grid(page).getByRole('columnheader').first().boundingBox())?.width ?? -1;
  // fitted to its rows once they are here: "N rows in" can come first on a loaded machine (measured
  // before, the header's own width was taken for the fit)
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('chevrolet chevelle malibu');
  await expect.poll(async () => { const a = await width(); await page.waitForTimeout(50); return a > 0 && a === (await width()); }).toBe(true);
  const fitted = await width();
  await dragEdge(page, 'Name', 150);
  const set = await width();
  expect(set - fitted).toBeGreaterThan(100);

  // Away and back: the grid mounts anew, with the width as it was left.
  await page.keyboard.press(`${mod}+t`);
  await runSql(page, "select 'second' as tab");
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['second']);
  await page.keyboard.press('Alt+PageUp');
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('chevrolet chevelle malibu');
  expect(await width()).toBeCloseTo(set, 0);

  // A sort shows other rows in the same columns.
  const sortYear = grid(page).getByRole('button', { name: 'Sort by Year', exact: true });
  await sortYear.click();
  await expect(grid(page).getByRole('columnheader').filter({ has: page.getByRole('button', { name: 'Sort by Year', exact: true }) })).toHaveAttribute('aria-sort', 'ascending');
  expect(await width()).toBeCloseTo(set, 0);

  // Run again (from its history entry: the test does not depend on the editor's draft): a new result, fitted to its own rows.
  await history(page).getByRole('button', { name: 'Repeat query' }).first().click();
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await expect.poll(width).toBeCloseTo(fitted, 0);
});

test('keyboard navigation and copy of a cell, a row and a selection as TSV', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  await ready(page, 'cars');
  const sql = 'select Name, Cylinders, Origin from cars order by Name, Year limit 50';
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^50\u00a0rows in [\d,]+\u00a0ms$/);
  const rows = await duckdbRows(`select Name, Cylinders, Origin from read_json_auto('${VEGA_DATA}/cars.json') order by Name, Year limit 50`);

  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(`${mod}+c`);
  await expect.poll(() => readClipboard(page)).toBe(rows[2]![1]);
  await expect(page.getByText('Copied 1 cell', { exact: true })).toBeVisible();

  // Shift+arrows grow a selection from the active cell.
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press(`${mod}+c`);
  await expect.poll(() => readClipboard(page)).toBe(rows.slice(2, 4).map((r) => r.slice(1, 3).join('\t')).join('\n'));
  await expect(page.getByText('Copied 2 rows × 2 columns as TSV')).toBeVisible();

  // PageDown moves a screenful, End goes to the last column, and the context menu copies the row.
  await page.keyboard.press('PageDown');
  const active = await grid(page).getAttribute('aria-activedescendant');
  const activeRow = Number(/-(\d+)-\d+$/.exec(active!)![1]);
  expect(activeRow).toBeGreaterThan(10);
  await page.locator(`#${active}`).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy row' }).click();
  await expect.poll(() => readClipboard(page)).toBe(rows[activeRow]!.join('\t'));

  await page.locator(`#${active}`).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy selection with header' }).click();
  await expect.poll(() => readClipboard(page)).toBe(`Origin\n${rows[activeRow]![2]}`);
});

test('a running query shows elapsed time, a progress bar and Cancel, and the grid waits for its first rows; cancelling says Cancelled', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await runSql(page, 'select count(*) from range(100000000000) a(i) where i % 7 = 3');
  await expect(status(page)).toHaveText('Running…');
  // An aggregate has no columns until it ends (main pages none): the grid says it waits, no lone "#" header.
  await expect(page.getByText('Waiting for the first rows…')).toBeVisible();
  await expect(grid(page).getByRole('row')).toHaveCount(0);
  await expect(page.getByLabel('Elapsed time')).toHaveText(/^\d+\.\d\u00a0s$/);
  await expect(page.getByRole('progressbar', { name: 'Query progress' })).toBeVisible();
  const first = await page.getByLabel('Elapsed time').textContent();
  await expect(page.getByLabel('Elapsed time')).not.toHaveText(first!);
  await screenshot(page, testInfo, 'status-running');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
});

test('an empty result, or filters nothing passes, says so in the grid and what to do', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Cylinders from cars where Cylinders > 100');
  await expect(status(page)).toHaveText(/^0\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.getByText('The query returned no rows.')).toBeVisible();

  await runSql(page, 'select Name, Cylinders from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.getByText('The query returned no rows.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('textbox', { name: 'Filter Cylinders' }).fill('>100');
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText(/^0 of 406\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.getByText('No rows match the filters. Change a filter, or show all rows with “Clear sort and filters”.')).toBeVisible();
});

test('a filter starts the selection again at the first row, so a copy is of rows the grid shows', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  await ready(page, 'cars');
  await runSql(page, 'select Name, Horsepower, Year, Origin from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await grid(page).focus();
  await page.keyboard.press(`${mod}+End`);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('textbox', { name: 'Filter Name' }).fill('ford pinto');
  await page.keyboard.press('Enter');
  const rows = await duckdbRows(`select Name, Horsepower, Year, Origin from read_json_auto('${VEGA_DATA}/cars.json') where Name ilike '%ford pinto%'`);
  await expect(status(page)).toHaveText(new RegExp(`^${rows.length} of 406\\u00a0rows in [\\d,]+\\u00a0ms$`));
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-0-0$/);
  await grid(page).focus();
  await page.keyboard.press(`${mod}+c`);
  await expect.poll(() => readClipboard(page)).toBe(rows[0]![0]);
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press(`${mod}+c`);
  await expect(page.getByText(`Copied ${rows.length} rows × 4 columns as TSV`)).toBeVisible();
  // The filter keeps the result's order, so compare as sets of lines.
  await expect.poll(async () => (await readClipboard(page)).split('\n').sort()).toEqual(rows.map((r) => r.map((v) => v ?? '').join('\t')).sort());
});

/** Each shown header's name and type line: whether it is cut, and where it sits in its cell. */
const headerLabels = (page: Page) =>
  grid(page).evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('[role="columnheader"]')].flatMap((th) => {
      const cell = th.getBoundingClientRect();
      return [...th.querySelectorAll<HTMLElement>('.col-name, .col-type')].map((label) => {
        const box = label.getBoundingClientRect();
        return { text: label.textContent, cut: label.scrollWidth > label.clientWidth, outLeft: box.left < cell.left, outRight: box.right > cell.right, overflow: getComputedStyle(label).textOverflow };
      });
    }),
  );

test('headers show their whole name and type; a narrowed numeric column cuts its name at the right with “…”', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(gridRow(page, 2).getByRole('gridcell').first()).not.toHaveText('');
  // The columns are virtualized: look at the first ones, then at the last ones.
  const seen = new Map<string, Awaited<ReturnType<typeof headerLabels>>[number]>();
  const look = async () => (await headerLabels(page)).forEach((l) => seen.set(l.text!, l));
  await look();
  await grid(page).evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(grid(page).getByRole('columnheader').last()).toHaveText('OriginVARCHAR');
  await look();
  for (const name of ['Name', 'Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin']) {
    expect(seen.get(name), name).toEqual({ text: name, cut: false, outLeft: false, outRight: false, overflow: 'ellipsis' });
  }
  await screenshot(page, testInfo, 'grid-headers-whole');

  // Narrowed by its handle, Horsepower (right-aligned) keeps its first letters and ends in "…".
  const horsepower = grid(page).getByRole('columnheader').filter({ hasText: 'Horsepower' });
  const handle = grid(page).getByRole('separator', { name: 'Resize Horsepower' });
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const width = (await horsepower.boundingBox())!.width;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - (width - 64), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await horsepower.boundingBox())!.width)).toBeLessThan(70);
  const narrowed = (await headerLabels(page)).find((l) => l.text === 'Horsepower');
  expect(narrowed).toEqual({ text: 'Horsepower', cut: true, outLeft: false, outRight: false, overflow: 'ellipsis' });
  await screenshot(page, testInfo, 'grid-header-narrowed');
  await expect(horsepower.getByRole('button', { name: 'Sort by Horsepower' })).toHaveAttribute('title', /^Horsepower · BIGINT/);
  await expect(gridRow(page, 2).getByRole('gridcell').nth(4)).toHaveCSS('text-align', 'right');
});

test('after a failed query the grid says the result it still shows is the previous one, of which SQL', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const previous = page.getByRole('note', { name: 'Previous result' });
  await runSql(page, 'select * from cars where 1=0');
  await expect(status(page)).toHaveText(/^0\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.getByText('The query returned no rows.')).toBeVisible();
  await expect(previous).toHaveCount(0);

  await runSql(page, 'select * from nosuchtable');
  await expect(status(page)).toContainText('Failed: Catalog Error');
  await expect(previous).toContainText('select * from cars where 1=0');
  await expect(page.getByText('The previous query returned no rows.')).toBeVisible();
  await expect(page.getByText('The query returned no rows.')).toHaveCount(0);

  // A typo after a result with rows: its rows stay, labelled.
  await runSql(page, 'select Name, Year from cars order by Name limit 5');
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(previous).toHaveCount(0);
  await runSql(page, 'selec bad');
  await expect(status(page)).toContainText('Failed: Parser Error');
  await expect(previous).toContainText('select Name, Year from cars order by Name limit 5');
  await expect(gridRow(page, 6).getByRole('gridcell')).toHaveCount(2);
  await screenshot(page, testInfo, 'grid-previous-result');

  await runSql(page, 'select 42 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(previous).toHaveCount(0);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['42']);
});

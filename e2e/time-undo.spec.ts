import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { dataset, grid, gridRow, mod, ready, runSql, status, tabs } from './workbench.helpers';

const RAW = `select Name, Horsepower from read_json_auto('${VEGA_DATA}/cars.json')`;
const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });
const redoButton = (page: Page) => page.getByRole('button', { name: 'Redo', exact: true });
const sortButton = (page: Page) => grid(page).getByRole('button', { name: 'Sort by Horsepower', exact: true });
const header = (page: Page) => grid(page).getByRole('columnheader').filter({ has: page.getByRole('button', { name: 'Sort by Horsepower', exact: true }) });

/** The first `n` rows as the grid shows them (NULL as the grid writes it). */
async function rowsShown(page: Page, n: number): Promise<string[][]> {
  const out: string[][] = [];
  for (let r = 0; r < n; r++) out.push(await gridRow(page, r + 2).getByRole('gridcell').allTextContents());
  return out;
}
const asShown = (rows: (string | null)[][]) => rows.map((r) => r.map((v) => v ?? 'NULL'));

test.describe('undo and redo', () => {
  test('a sort, a rename, a closed tab and a removed dataset are undone and redone, by button and by keys, and undo works the same after a restart', async ({ app }, testInfo) => {
    test.skip(testInfo.project.name !== 'web', 'restarting a host under an open page is the web host’s case');
    let { page } = app;
    await ready(page, 'cars');
    await expect(undoButton(page)).toBeDisabled();
    await expect(redoButton(page)).toBeDisabled();

    // Sort by a header click, then Undo: the grid is back in the order DuckDB returns the rows.
    await runSql(page, 'select Name, Horsepower from cars');
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
    const plain = asShown(await duckdbRows(`${RAW} limit 8`));
    const sorted = asShown(await duckdbRows(`${RAW} order by Horsepower asc nulls last limit 8`));
    await sortButton(page).click();
    await expect(header(page)).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => rowsShown(page, 8).then((r) => r.map((c) => c[1]))).toEqual(sorted.map((c) => c[1]));
    await expect(undoButton(page)).toHaveAttribute('title', /^Undo sort by Horsepower /);
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo sort by Horsepower');
    await undoButton(page).click();
    await expect(header(page)).toHaveAttribute('aria-sort', 'none');
    await expect.poll(() => rowsShown(page, 8)).toEqual(plain);
    await expect(redoButton(page)).toHaveAttribute('aria-description', 'Redo sort by Horsepower');
    await redoButton(page).click();
    await expect(header(page)).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => rowsShown(page, 8).then((r) => r.map((c) => c[1]))).toEqual(sorted.map((c) => c[1]));

    // Rename, then Ctrl+Z outside the editor: the old title. Inside the editor, Ctrl+Z stays the editor's.
    await page.getByRole('tab', { name: 'Session 1' }).dblclick();
    await page.getByRole('textbox', { name: 'Session name' }).fill('Horsepower');
    await page.keyboard.press('Enter');
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await page.getByRole('textbox', { name: 'SQL editor' }).click();
    await page.keyboard.press(`${mod}+z`);
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await page.getByRole('tab', { name: 'Horsepower' }).focus();
    await page.keyboard.press(`${mod}+z`);
    await expect(tabs(page)).toHaveText(['Session 1']);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await expect(page.locator('.notice')).toHaveText('Redone: rename to “Horsepower”');
    // pressed with nothing left to redo, the key is not silent either
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect(page.locator('.notice')).toHaveText('Nothing to redo');

    // Close a tab, then Undo: it is back, and shown.
    await page.getByRole('button', { name: 'New session' }).click();
    await expect(tabs(page)).toHaveText(['Horsepower', 'Session 1']);
    await page.getByRole('button', { name: 'Close Session 1' }).click();
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo close of “Session 1”');
    await undoButton(page).click();
    await expect(tabs(page)).toHaveText(['Horsepower', 'Session 1']);
    await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');

    // Close it again, restart the host on the same data dir: Undo brings it back as before quitting.
    await page.getByRole('button', { name: 'Close Session 1' }).click();
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await app.restartHost();
    page = app.page;
    await page.reload();
    await expect(tabs(page)).toHaveText(['Horsepower']);
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo close of “Session 1”');
    await undoButton(page).click();
    await expect(tabs(page)).toHaveText(['Horsepower', 'Session 1']);
    // ...and further back in the first session: its sort, after its rename.
    await page.getByRole('tab', { name: 'Horsepower' }).click();
    await page.getByRole('tab', { name: 'Horsepower' }).focus();
    await page.keyboard.press(`${mod}+z`);
    await expect(tabs(page)).toHaveText(['Session 1', 'Session 1']);
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo sort by Horsepower');
    await undoButton(page).click();
    await expect(header(page)).toHaveAttribute('aria-sort', 'none');
    await expect.poll(() => rowsShown(page, 8)).toEqual(plain);

    // A removed dataset comes back with its registration, queryable under its name.
    await dataset(page, 'cars').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    await expect(dataset(page, 'cars')).toHaveCount(0);
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo remove dataset cars');
    await undoButton(page).click();
    await expect(dataset(page, 'cars')).toHaveCount(1);
    await runSql(page, 'select count(*) as n from cars');
    await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['406']);
  });
  test('undoing a chart’s first setting closes the chart, records nothing more, and Redo brings it back; a new result is charted again only while a chart is open', async ({ app }) => {
    const { page } = app;
    await ready(page, 'cars');
    const region = page.getByRole('region', { name: 'Chart' });
    const button = page.getByRole('button', { name: 'Chart', exact: true });
    const line = region.getByRole('img', { name: 'Line chart of average of Miles_per_Gallon over Year' });
    await runSql(page, 'select * from cars');
    await expect(status(page)).toHaveText(/^406\u00a0rows in/);
    await button.click();
    await expect(line).toBeVisible();
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo chart: line chart of average of Miles_per_Gallon over Year');

    // Undo: no chart, as before it was opened; the chart is not recorded again, so Redo is offered
    await undoButton(page).click();
    await expect(region).toHaveCount(0);
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await expect(redoButton(page)).toHaveAttribute('aria-description', 'Redo chart: line chart of average of Miles_per_Gallon over Year');
    await expect(undoButton(page)).toBeDisabled();
    await page.waitForTimeout(300); // what a re-recording effect took (9 ms after the undo)
    expect(await countStoredEvents(page.url(), 'ChartSet')).toBe(1);
    await expect(region).toHaveCount(0);

    // a reload agrees, and Redo is still there
    await page.reload();
    await expect(status(page)).toHaveText(/^406\u00a0rows in/);
    await expect(redoButton(page)).toHaveAttribute('aria-description', 'Redo chart: line chart of average of Miles_per_Gallon over Year');
    await expect(region).toHaveCount(0);

    // the chart was closed: the next result is not charted
    await runSql(page, 'select * from cars limit 100');
    await expect(status(page)).toHaveText(/^100\u00a0rows in/);
    await page.waitForTimeout(300);
    await expect(region).toHaveCount(0);
    expect(await countStoredEvents(page.url(), 'ChartSet')).toBe(1);

    // opened again and undone again, and this time before a reload: the same
    await button.click();
    await expect(line).toBeVisible();
    await undoButton(page).click();
    await expect(region).toHaveCount(0);
    await expect(redoButton(page)).toHaveAttribute('aria-description', 'Redo chart: line chart of average of Miles_per_Gallon over Year');

    // Redo brings it back, and it carries to the next result as an open chart does
    await redoButton(page).click();
    await expect(line).toBeVisible();
    await runSql(page, 'select * from cars limit 50');
    await expect(status(page)).toHaveText(/^50\u00a0rows in/);
    await expect(line).toBeVisible();
    await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo chart: line chart of average of Miles_per_Gallon over Year');
    // undoing the carried chart of that result closes it too, and Redo brings it back
    await undoButton(page).click();
    await expect(region).toHaveCount(0);
    await redoButton(page).click();
    await expect(line).toBeVisible();
    await expect.poll(() => countStoredEvents(page.url(), 'ChartSet')).toBe(3);
  });
});

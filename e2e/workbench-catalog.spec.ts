import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TWO_TABLE_SOURCES, writeTwoTables } from './duckdbFile';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import type { Page } from '@playwright/test';
import { allowClipboard, dataset, datasets, editorText, gridRow, readClipboard, ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * The catalog entry of `name` says as many columns as DuckDB's DESCRIBE of `source` finds, and,
 * expanded, lists each with its type as DESCRIBE gives them; then it is folded again.
 */
async function showsColumnsAsDescribed(page: Page, name: string, source: string): Promise<void> {
  const described = await duckdbRows(`select column_name, column_type from (describe select * from ${source})`);
  expect(described.length).toBeGreaterThan(0); // an empty DESCRIBE would check nothing
  await expect(dataset(page, name)).toContainText(new RegExp(`· ${described.length}\\u00a0columns?$`));
  await dataset(page, name).getByRole('button', { expanded: false }).click();
  await expect(page.getByRole('list', { name: `Columns of ${name}` }).getByRole('listitem')).toHaveText(described.map(([column, type]) => `${column} ${type}`));
  await dataset(page, name).getByRole('button', { expanded: true }).click();
  await expect(page.getByRole('list', { name: `Columns of ${name}` })).toHaveCount(0);
}

test('a dataset expands to its columns and types, as DuckDB describes them', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const toggle = dataset(page, 'cars').getByRole('button', { expanded: false });
  await toggle.click();
  await expect(dataset(page, 'cars').getByRole('button', { expanded: true })).toBeVisible();
  const described = await duckdbRows(`select column_name, column_type from (describe select * from read_json_auto('${VEGA_DATA}/cars.json'))`);
  const columns = page.getByRole('list', { name: 'Columns of cars' }).getByRole('listitem');
  await expect(columns).toHaveText(described.map(([name, type]) => `${name} ${type}`));
  await screenshot(page, testInfo, 'catalog-expanded');
  // Keyboard: ArrowLeft folds it again.
  await dataset(page, 'cars').getByRole('button', { expanded: true }).press('ArrowLeft');
  await expect(page.getByRole('list', { name: 'Columns of cars' })).toHaveCount(0);
});

test('right-click a dataset: query it, copy its name, remove it', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await allowClipboard(page);
  await ready(page, 'seattle_weather');
  await dataset(page, 'seattle_weather').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for seattle_weather' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Query this dataset', 'Copy name', 'Profile', 'Remove']);
  await screenshot(page, testInfo, 'catalog-menu');
  await menu.getByRole('menuitem', { name: 'Query this dataset' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from seattle_weather limit 100');
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);

  // The ⋯ button opens the same menu from the keyboard.
  await page.mouse.move(0, 0); // no hover: the ⋯ button must still be reachable with Tab
  await dataset(page, 'seattle_weather').getByRole('button', { expanded: false }).focus();
  await page.keyboard.press('Tab');
  await expect(dataset(page, 'seattle_weather').getByRole('button', { name: 'Actions for seattle_weather' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Query this dataset' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => readClipboard(page)).toBe('seattle_weather');

  await dataset(page, 'seattle_weather').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  await expect(dataset(page, 'seattle_weather')).toHaveCount(0);
  await expect(dataset(page, 'cars')).toHaveCount(1);
});

test('a DuckDB database file lists its tables with their columns, and "Query this dataset" reads its first table', async ({ shared: app }) => {
  const { page, dataDir } = app;
  const file = join(dataDir, 'two.duckdb');
  await writeTwoTables(file);
  // nothing to add until a path is typed
  await expect(page.getByRole('button', { name: 'Add dataset' })).toBeDisabled();
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill('   ');
  await expect(page.getByRole('button', { name: 'Add dataset' })).toBeDisabled();
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(dataset(page, 'two')).toContainText(/duckdb · 2\u00a0tables$/);
  await dataset(page, 'two').getByRole('button', { expanded: false }).click();
  const tables = page.getByRole('list', { name: 'Tables of two' }).getByRole('listitem').filter({ has: page.getByRole('list') });
  await expect(tables).toHaveCount(2);
  for (const [table, source] of Object.entries(TWO_TABLE_SOURCES)) {
    const described = await duckdbRows(`select column_name, column_type from (describe select * from ${source})`);
    await expect(tables.filter({ hasText: new RegExp(`^${table} ${described.length}\u00a0columns`) })).toHaveCount(1);
    await expect(page.getByRole('list', { name: `Columns of two.${table}` }).getByRole('listitem')).toHaveText(described.map(([name, type]) => `${name} ${type}`));
  }

  await dataset(page, 'two').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Actions for two' }).getByRole('menuitem', { name: 'Query this dataset' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from two.cars limit 100');
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
});

/**
 * A database file is attached, and an attachment holds its file open: moved away while the app
 * runs, it used to go on answering while the catalog said it was gone. The watcher's look (every
 * 2 s) marks it, and a query over it then says so; put back, it answers again.
 */
test('a DuckDB file moved away while the app runs is marked not here and a query over it says so; put back, it answers again', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('moving.duckdb');
  const aside = testInfo.outputPath('aside.duckdb');
  await writeTwoTables(file);
  const [[cars]] = (await duckdbRows(`select count(*) from ${TWO_TABLE_SOURCES.cars}`)) as [[string]];
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(dataset(page, 'moving')).toContainText(/duckdb · 2\u00a0tables$/);
  const countCars = async () => {
    await runSql(page, 'select count(*) as n from moving.cars');
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
    await expect(gridRow(page, 2).getByRole('gridcell').last()).toHaveText(cars);
  };
  await countCars();

  renameSync(file, aside);
  const marker = dataset(page, 'moving').locator('.meta.not-here');
  await expect(marker).toHaveText('not found on this machine');
  await runSql(page, 'select count(*) as n from moving.cars');
  await expect(status(page)).toContainText(`Failed: The dataset “moving” (read from ${file}) is not on this machine. Locate its file (“Locate…”), and run the query again.`);

  renameSync(aside, file);
  await expect(marker).toHaveCount(0);
  await countCars();
});

test('dropping onto the window: a file link adds the dataset with its columns as DuckDB describes them; a bare browser file explains what to do', async ({ app }) => {
  const { page } = app;
  await ready(page, 'cars');
  const drop = (payload: { uri?: string; fileName?: string }) =>
    page.locator('.app').evaluate((el, { uri, fileName }) => {
      const data = new DataTransfer();
      if (uri) data.setData('text/uri-list', uri);
      if (fileName) data.items.add(new File(['a,b\n1,2\n'], fileName, { type: 'text/csv' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, payload);

  await drop({ uri: pathToFileURL(`${VEGA_DATA}/penguins.json`).href });
  await ready(page, 'penguins');
  await showsColumnsAsDescribed(page, 'penguins', `read_json_auto('${VEGA_DATA}/penguins.json')`);

  await drop({ fileName: 'trips.csv' });
  await expect(page.getByText(/A browser does not tell Sextant where trips\.csv is on disk/)).toBeVisible();
  await expect(datasets(page).getByRole('listitem').filter({ hasText: 'trips' })).toHaveCount(0);
});

test('a big file being added shows how far its fingerprint has got, then its columns as DuckDB describes them', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  // 320 MiB of "1,2" rows: hashed for a second or more, with a progress report every 200 ms
  const big = testInfo.outputPath('big_numbers.csv');
  writeFileSync(big, Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(320 * 2 ** 20, '1,2\n')]));
  try {
    await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(big);
    await page.getByRole('textbox', { name: 'Dataset path or URL' }).press('Enter');
    const bar = datasets(page).getByRole('progressbar', { name: `Fingerprinting ${big}` });
    await expect(bar).toBeVisible();
    await expect(datasets(page).getByText(/fingerprinting \d+(\.\d)?%/)).toBeVisible();
    await screenshot(page, testInfo, 'catalog-fingerprinting');
    await ready(page, 'big_numbers');
    await expect(bar).toHaveCount(0);
    await showsColumnsAsDescribed(page, 'big_numbers', `read_csv_auto('${big}')`);
  } finally {
    rmSync(big, { force: true });
  }
});

test('adding a source the catalog has already is said beside the Add box, its entry scrolled to and highlighted; the query status is left alone', async ({ app }, testInfo) => {
  const { page } = app;
  const dir = mkdtempSync(join(tmpdir(), 'sextant-again-'));
  writeFileSync(join(dir, 'weather.csv'), 'day,mm\n1,3\n');
  // a wide dataset, expanded below it, pushes the Add box a screen away from the entry
  const columns = Array.from({ length: 60 }, (_, i) => `c${i}`);
  writeFileSync(join(dir, 'wide.csv'), `${columns.join(',')}\n${columns.map((_, i) => i).join(',')}\n`);
  const input = page.getByRole('textbox', { name: 'Dataset path or URL' });
  const add = async (source: string) => {
    await input.fill(source);
    await page.getByRole('button', { name: 'Add dataset' }).click();
  };
  await add(join(dir, 'weather.csv'));
  await ready(page, 'weather');
  await add(join(dir, 'wide.csv'));
  await ready(page, 'wide');
  await dataset(page, 'wide').getByRole('button', { expanded: false }).click();
  await runSql(page, 'select 1');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);

  // the list scrolled to its end: the Add box stays in sight under it, the entry is out of sight above
  await datasets(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(input).toBeInViewport();
  await expect(dataset(page, 'weather')).not.toBeInViewport();
  await input.fill(join(dir, 'weather.csv'));
  await input.press('Enter');
  await expect(input).toHaveAccessibleDescription(/^New dataset not saved: Already in the catalog as weather\. \(error id [0-9a-f-]{36}\)/);
  await expect(dataset(page, 'weather')).toHaveClass(/\bflash\b/);
  await expect(dataset(page, 'weather')).toBeInViewport();
  // and the reason, with its error id, in sight under the box, not a screen below the entry shown
  await expect(page.locator('#add-dataset-refusal')).toBeInViewport({ ratio: 1 });
  await expect(input).toBeFocused(); // the person was typing there
  await screenshot(page, testInfo, 'catalog-already-added');
  // the query's line still says the query's outcome
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(page.locator('.statusbar')).not.toHaveClass(/\bfailed\b/);
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^weather/ })).toHaveCount(1);
  // the highlight is brief; the words stay until the box is edited
  await expect(dataset(page, 'weather')).not.toHaveClass(/\bflash\b/, { timeout: 5000 });
  await expect(input).toHaveAccessibleDescription(/^New dataset not saved/);
  await input.fill(join(dir, 'other.csv'));
  await expect(input).toHaveAccessibleDescription('');
  rmSync(dir, { recursive: true, force: true });
});

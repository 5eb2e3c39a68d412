import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { TWO_TABLE_SOURCES, writeTwoTables } from './duckdbFile';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { completionTakesKeys, datasets, editor, editorText, grid, gridRow, history, mod, ready, runSql, screenshot, setSql, status } from './workbench.helpers';

const completions = (page: Page) => page.getByRole('listbox').getByRole('option');

/**
 * Accepts `option` with Enter, as a person does, once the list takes keys (completionTakesKeys).
 */
async function acceptCompletion(page: Page, option: Locator): Promise<void> {
  const lines = editor(page).locator('.cm-line');
  await expect(async () => {
    await expect(option).toHaveAttribute('aria-selected', 'true', { timeout: 2_000 });
    const before = await lines.count();
    await completionTakesKeys(page);
    await page.keyboard.press('Enter');
    // A list updated in place (a slow source's options arriving) restarts CodeMirror's delay, which
    // no attribute shows; declined, Enter makes a new line: take it back, reopen the list, try again.
    if ((await lines.count()) > before) {
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      throw new Error('Enter was taken as a new line, not as accepting the completion');
    }
  }).toPass({ timeout: 20_000 });
}

test('SQL is highlighted: keywords, strings and numbers each have their own colour', async ({ shared: app }) => {
  const { page } = app;
  await setSql(page, "select 'text' as s, 42 as n from cars");
  const colour = (text: string) =>
    editor(page).getByText(text, { exact: true }).first().evaluate((el) => getComputedStyle(el).color);
  const keyword = await colour('select');
  const string = await colour("'text'");
  const number = await colour('42');
  const plain = await editor(page).evaluate((el) => getComputedStyle(el).color);
  expect(new Set([keyword, string, number, plain]).size).toBe(4);

  // the caret blinks, unless the person asked for less motion (the suite's default): then nothing moves
  const running = () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
  await expect(editor(page)).toBeFocused();
  expect(await running()).toBe(0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(running).toBeGreaterThan(0);
});

test('an empty editor’s example is the query of the catalog’s first dataset, as its Query action writes it', async ({ shared: app }) => {
  const { page } = app;
  // every sample ready: a loading dataset is listed by its path, and the example skips it
  for (const name of ['flights_3m', 'seattle_weather', 'cars']) await ready(page, name);
  await page.getByRole('button', { name: 'New session' }).click();
  await expect.poll(() => editorText(page)).toBe('');
  const first = (await datasets(page).getByRole('listitem').first().locator('.name').textContent())!;
  await expect(editor(page).locator('.cm-placeholder')).toHaveText(`select * from ${first} limit 100`);
});

test('autocomplete offers keywords, dataset names and their columns with types', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await setSql(page, '');
  await page.keyboard.type('sele');
  await acceptCompletion(page, completions(page).filter({ hasText: /^select/ }).first());
  await page.keyboard.type(' * from seattle_w');
  await acceptCompletion(page, completions(page).filter({ hasText: 'seattle_weather' }));
  await expect.poll(() => editorText(page)).toBe('select * from seattle_weather');

  // Columns: a bare prefix offers the columns of the datasets the query names, with their types.
  await page.keyboard.press('Home');
  for (let i = 0; i < 'select *'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('temp_m');
  const columns = await duckdbRows(`select column_name, column_type from (describe select * from read_csv_auto('${VEGA_DATA}/seattle-weather.csv')) where column_name like 'temp_m%'`);
  expect(columns.length).toBeGreaterThan(0); // an empty match would check nothing
  for (const [name, type] of columns) {
    await expect(completions(page).filter({ hasText: name! })).toContainText(type!);
  }
  await screenshot(page, testInfo, 'editor-autocomplete');
  await page.keyboard.press('Escape');

  // A dataset followed by a dot offers that dataset's columns.
  await setSql(page, 'select seattle_weather.wea');
  await page.keyboard.press('Control+Space');
  await expect(completions(page).filter({ hasText: 'weather' }).first()).toBeVisible();
});

test('completing a column whose name is not a plain identifier inserts it quoted; a file named after a keyword gets a name that needs none', async ({ shared: app }) => {
  const { page } = app;
  const file = join(mkdtempSync(join(tmpdir(), 'sextant-names-')), 'select.csv');
  writeFileSync(file, '"Miles per Gallon","order",id\n21.5,2,3\n');
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  // select.csv is named select_ (docs/contracts.md, "Dataset names"): typed bare, it reads as itself
  await ready(page, 'select_');
  await setSql(page, '');
  await page.keyboard.type('from selec');
  await acceptCompletion(page, completions(page).filter({ hasText: /^select_\s*csv/ }));
  // Columns of the dataset the query names come first, so its "Miles per Gallon" before cars' Miles_per_Gallon.
  await page.keyboard.press('Home');
  await page.keyboard.type('select Miles');
  await acceptCompletion(page, completions(page).filter({ hasText: 'Miles per Gallon' }));
  // `orde`, not `ord`: DuckDB's function ord() matches `ord` whole and comes first
  await page.keyboard.type(', orde');
  await acceptCompletion(page, completions(page).filter({ hasText: 'BIGINT · select_' }));
  await page.keyboard.type(' ');
  await expect.poll(() => editorText(page)).toBe('select "Miles per Gallon", "order" from select_');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  const [expected] = await duckdbRows(`select "Miles per Gallon", "order" from read_csv('${file.replaceAll("'", "''")}')`);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(expected!.map((v) => v ?? 'NULL'));
});

/** Adds the file at `path` to the catalog, as a person types it in. */
async function addDataset(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(path);
  await page.getByRole('button', { name: 'Add dataset' }).click();
}

test('after `x.` autocomplete offers x’s tables or columns only: a DuckDB file’s tables, a table’s or an alias’s columns', async ({ shared: app }) => {
  const { page, dataDir } = app;
  await writeTwoTables(join(dataDir, 'two.duckdb'));
  await addDataset(page, join(dataDir, 'two.duckdb'));
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^two\b/ })).toContainText('tables');
  await ready(page, 'seattle_weather');
  await setSql(page, 'select * from two.');
  await page.keyboard.press('Control+Space');
  await expect(completions(page)).toHaveText([/^cars/, /^weather/]);
  await page.keyboard.press('Escape');

  const carsColumns = await duckdbRows(`select column_name from (describe select * from ${TWO_TABLE_SOURCES.cars})`);
  await setSql(page, 'select * from two.cars.');
  await page.keyboard.press('Control+Space');
  await expect(completions(page)).toHaveCount(carsColumns.length);
  await expect(completions(page).filter({ hasText: 'Horsepower' })).toHaveCount(1);
  await page.keyboard.press('Escape');

  const weatherColumns = await duckdbRows(`select column_name from (describe select * from ${TWO_TABLE_SOURCES.weather})`);
  for (const sql of ['select * from seattle_weather where seattle_weather.', 'select * from seattle_weather f where f.']) {
    await setSql(page, sql);
    await page.keyboard.press('Control+Space');
    await expect(completions(page)).toHaveCount(weatherColumns.length);
    await expect(completions(page).filter({ hasText: '· seattle_weather' })).toHaveCount(0);
    await page.keyboard.press('Escape');
  }
});

test('autocomplete replaces a typed emoji or quoted prefix whole, and does not offer back the word being typed', async ({ shared: app }) => {
  const { page, dataDir } = app;
  writeFileSync(join(dataDir, 'hostile2.csv'), '"😀 emoji",id\n1,2\n');
  await addDataset(page, join(dataDir, 'hostile2.csv'));
  await ready(page, 'hostile2');
  await setSql(page, '');
  await page.keyboard.type('select 😀'); // the list opens as it is typed
  await acceptCompletion(page, completions(page).filter({ hasText: '😀 emoji' }));
  await expect.poll(() => editorText(page)).toBe('select "😀 emoji"');

  // A quoted name being typed completes from its opening quote, over the closing quote typed for it.
  await page.keyboard.type(', "i');
  await page.keyboard.press('Control+Space');
  await acceptCompletion(page, completions(page).filter({ hasText: /^"id"/ }));
  await page.keyboard.type(' from hostile2');
  await expect.poll(() => editorText(page)).toBe('select "😀 emoji", "id" from hostile2');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['1', '2']);

  await page.keyboard.type(' gro');
  await expect(completions(page).filter({ hasText: /^group/ }).first()).toBeVisible();
  await expect(completions(page).filter({ hasText: /^gro$/ })).toHaveCount(0);
});

test('autocomplete offers a CTE’s or subquery’s own columns, whole words beyond ASCII, nothing in strings or comments, datasets first after FROM', async ({ shared: app }) => {
  const { page, dataDir } = app;
  const files: Record<string, string> = { 'odd_names.csv': '"émoji 🚀",plain\n1,2\n', 'types.csv': 'tiny,big\n1,2\n', 'other.csv': 'h,k\nx,1\n' };
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dataDir, file), text);
    await addDataset(page, join(dataDir, file));
    await ready(page, file.replace('.csv', ''));
  }
  await ready(page, 'cars');

  // A CTE's alias offers its select list's names: `hp`, not another dataset's `h`.
  await setSql(page, 'with t as (select Name, Horsepower as hp from cars) select * from t where t.');
  await page.keyboard.type('h');
  await expect(completions(page)).toHaveText([/^hp\s*BIGINT/]);
  await acceptCompletion(page, completions(page).first());
  await expect.poll(() => editorText(page)).toBe('with t as (select Name, Horsepower as hp from cars) select * from t where t.hp');

  // A subquery's alias: its own column at once on Ctrl+Space, and as its first letter is typed (no keywords).
  await setSql(page, 'select * from (select Name as nm from cars) s where s.');
  await page.keyboard.press('Control+Space');
  await expect(completions(page)).toHaveText([/^nm/]);
  await page.keyboard.type('n');
  await expect(completions(page)).toHaveText([/^nm/]);
  await page.keyboard.press('Escape');

  // After `alias.`, a word beginning beyond ASCII is matched and replaced whole.
  await setSql(page, 'select * from odd_names o where o.');
  await page.keyboard.type('ém');
  await acceptCompletion(page, completions(page).filter({ hasText: 'émoji 🚀' }));
  await expect.poll(() => editorText(page)).toBe('select * from odd_names o where o."émoji 🚀"');

  // An alias of `types` (a DuckDB keyword) pops its columns as soon as the dot is typed, as one of cars does.
  for (const [sql, column] of [['select * from types x where x', 'tiny'], ['select * from cars t where t', 'Horsepower']] as const) {
    await setSql(page, sql);
    await page.keyboard.type('.');
    await expect(completions(page).filter({ hasText: column })).toHaveCount(1);
    await page.keyboard.press('Escape');
  }

  // Nothing pops inside a string or a comment (given time to: CodeMirror asks 100 ms after typing), even on Ctrl+Space.
  for (const sql of ["select * from cars where Name = '", 'select * from cars -- ']) {
    await setSql(page, sql);
    await page.keyboard.type('Ho');
    await page.waitForTimeout(400);
    await expect(completions(page)).toHaveCount(0);
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(400);
    await expect(completions(page)).toHaveCount(0);
  }
  // …and pops again once the string is closed.
  await setSql(page, "select * from cars where Name = 'x' and ");
  await page.keyboard.type('Ho');
  await expect(completions(page).filter({ hasText: 'Horsepower' })).toHaveCount(1);
  await page.keyboard.press('Escape');

  // After FROM or JOIN, Ctrl+Space lists the datasets first (not the columns of those the query names) and none of DuckDB's internal functions.
  await setSql(page, 'select * from cars join ');
  await page.keyboard.press('Control+Space');
  await expect(completions(page).first()).toHaveText(/^cars/);
  await expect(completions(page).filter({ hasText: '· cars' })).toHaveCount(0); // a column is no table
  await expect(completions(page).filter({ hasText: '__internal' })).toHaveCount(0);
});

test('Ctrl/Cmd+Enter runs the whole text, or only the selection when there is one', async ({ shared: app }) => {
  const { page } = app;
  await setSql(page, 'select 1 as one\nselect 2 as two');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Failed: Parser Error');

  // Select the second line only (Shift+Home from the end) and run it.
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Shift+Home');
  await expect(page.getByText('runs the selection')).toBeVisible();
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(grid(page).getByRole('columnheader')).toHaveText(['twoINTEGER']);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['2']);
  await expect(history(page).getByRole('listitem').first()).toContainText(/^select 2 as two/);
  expect(await editorText(page)).toBe('select 1 as one\nselect 2 as two');
});

test('format on demand lays the query out and keeps what it means', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await setSql(page, 'select Name, Year from cars where Cylinders = 8 order by Name limit 5');
  await page.getByRole('button', { name: 'Format' }).click();
  await expect.poll(() => editorText(page)).toBe('select\n  Name,\n  Year\nfrom\n  cars\nwhere\n  Cylinders = 8\norder by\n  Name\nlimit\n  5');
  // Formatting from the button leaves the caret in the editor, and is one undoable step.
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => editorText(page)).toBe('select Name, Year from cars where Cylinders = 8 order by Name limit 5');
  await page.keyboard.press('Shift+Alt+f');
  await expect.poll(async () => (await editorText(page)).split('\n').length).toBe(11);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  const expected = await duckdbRows(`select Name, Year from read_json_auto('${VEGA_DATA}/cars.json') where Cylinders = 8 order by Name limit 5`);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(expected[0]!.map((v) => v ?? 'NULL'));
});

test('a format that fails says why and closes the completion list, which would lie over the text', async ({ shared: app }) => {
  const { page } = app;
  await setSql(page, 'select ((( from ');
  await page.keyboard.type('wh');
  await expect(completions(page).first()).toBeVisible();
  // from the keyboard, the focus staying in the text (a click on Format blurs it, which closes the list)
  await page.keyboard.press('Shift+Alt+f');
  await expect(page.getByText(/^Could not format: /)).toBeVisible();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  expect(await editorText(page)).toBe('select ((( from wh');
});

test('the position of a DuckDB error is marked in the text', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await setSql(page, 'select Name,\n  Horsepowr\nfrom cars');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Failed: Binder Error: Referenced column "Horsepowr" not found');
  await expect(editor(page).locator('.cm-lintRange-error')).toHaveText('Horsepowr');
  await screenshot(page, testInfo, 'editor-error-position');

  await setSql(page, 'selec 1');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Failed: Parser Error: syntax error at or near "selec"');
  await expect(editor(page).locator('.cm-lintRange-error')).toHaveText('selec');

  await setSql(page, 'select 1');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(editor(page).locator('.cm-lintRange-error')).toHaveCount(0);
});

test('a refused Ctrl/Cmd+Enter is said over the editor’s text: the toolbar, the status bar and the grid do not move, and it goes once the person types', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select Name from cars limit 3');
  await expect(status(page)).toHaveText(/^3\u00a0rows in/);
  // long enough to still run while the test acts on it (as query.spec.ts's)
  await setSql(page, 'select count(*) from range(20000000000) t(x) where x % 7 = 3');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Running…');
  // the running query's panel, once it is drawn: a loaded machine may still show the last result's,
  // whose toolbar is 5 px taller than this line, and the grid then moved after the boxes were taken
  await expect(page.getByText('Waiting for the first rows…')).toBeVisible();
  await expect(grid(page)).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Editor' });
  const boxes = async () => ({ toolbar: await toolbar.boundingBox(), status: await status(page).boundingBox(), grid: await grid(page).boundingBox() });
  const before = await boxes();
  expect(before.grid).not.toBeNull();

  await page.keyboard.press(`${mod}+Enter`);
  const refused = page.getByRole('alert').filter({ hasText: 'A query is running' });
  await expect(refused).toBeVisible();
  expect(await boxes()).toEqual(before);
  // over the foot of the text, not over the toolbar
  const notice = (await refused.boundingBox())!;
  const text = (await editor(page).boundingBox())!;
  expect(notice.y + notice.height).toBeLessThanOrEqual(before.toolbar!.y);
  expect(notice.y).toBeGreaterThanOrEqual(text.y);
  await screenshot(page, testInfo, 'editor-run-refused');

  // typing on: read, and it would hide what is typed
  await page.keyboard.type(' ');
  await expect(refused).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('Cancelled');
});

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { allowClipboard, datasets, editor, history, mod, readClipboard, ready, runSql, screenshot, setSql, status, tabs } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;

const instantSwitch = (page: Page) => page.getByRole('switch', { name: 'Instant preview' });
const preview = (page: Page) => page.getByRole('grid', { name: 'Preview' });
const step = (page: Page) => page.getByRole('navigation', { name: 'Preview step' });
const pane = (page: Page) => page.getByRole('region', { name: 'Instant preview' });

/** The preview grid's rows as the oracle returns them: DuckDB's text per cell, SQL NULL as null. */
const previewRows = (page: Page): Promise<(string | null)[][]> =>
  preview(page)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => (c.classList.contains('null') ? null : (c.textContent ?? '')))),
    );
const sorted = (rows: (string | null)[][]) => [...rows].map((r) => JSON.stringify(r)).sort();

/** The headers as "name TYPE", as DuckDB describes the statement. */
const describedHeaders = async (sql: string) => (await duckdbRows(`select column_name || ' ' || column_type from (describe ${sql})`)).map((r) => String(r[0]));

/** Puts the cursor before the last character of line `line` (0-based) by keyboard: Ctrl/Cmd+Home, down, End, left. */
async function cursorToLine(page: Page, line: number): Promise<void> {
  await editor(page).focus();
  await page.keyboard.press(`${mod}+Home`);
  for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
}

/** Replaces the editor's text and closes the completion list the typing opened (it would cover the editor). */
async function replaceSql(page: Page, sql: string): Promise<void> {
  await setSql(page, sql);
  await page.keyboard.press('Escape');
}

async function turnOn(page: Page): Promise<void> {
  await instantSwitch(page).click();
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'true');
}

test('the preview shows the statement under the cursor, as raw DuckDB computes it; Run alone records history', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'false');
  await expect(preview(page)).toHaveCount(0);

  // short lines: the cursor is moved by line, and a wrapped line would be two
  const first = `select "Name", "Horsepower" from cars\nwhere "Horsepower" >= 180 order by 2 desc`;
  const second = `select "Origin", count(*) as n from cars\ngroup by "Origin" order by n desc`;
  await replaceSql(page, `${first};\n${second};`);
  await cursorToLine(page, 0);
  await turnOn(page);

  // the first statement: exactly its rows (ordered by the sort key) with DuckDB's column types
  const firstRows = await duckdbRows(`select "Name", "Horsepower" from ${CARS} where "Horsepower" >= 180 order by "Horsepower" desc`);
  expect(firstRows.length).toBe(22);
  await expect.poll(() => previewRows(page).then(sorted)).toEqual(sorted(firstRows));
  expect((await previewRows(page)).map((r) => r[1])).toEqual(firstRows.map((r) => r[1]));
  await expect(preview(page).getByRole('columnheader')).toHaveText(await describedHeaders(`select "Name", "Horsepower" from ${CARS}`));
  await expect(step(page)).toHaveText('Statement on line 1');
  await expect(pane(page)).toContainText('22 rows · 2 columns');
  await expect(pane(page).getByText(/preview on a sample/)).toHaveCount(0); // 406 rows: exact, no sample
  await screenshot(page, testInfo, 'instant-preview');

  // moving the cursor moves the preview
  await cursorToLine(page, 3); // before the second ';'
  const secondRows = await duckdbRows(`select "Origin", count(*) as n from ${CARS} group by "Origin" order by n desc`);
  await expect.poll(() => previewRows(page)).toEqual(secondRows);
  await expect(step(page)).toHaveText('Statement on line 3');

  // typing previews after a pause; nothing of it reaches the history or the log
  await page.keyboard.type(' limit 1');
  await expect.poll(() => previewRows(page)).toEqual(secondRows.slice(0, 1));
  await expect(history(page).getByRole('listitem')).toHaveCount(0);
  await expect(status(page)).toHaveText('Ready');
  if (test.info().project.name === 'web') expect(await countStoredEvents(page.url(), 'QueryStarted')).toBe(0); // the log, asked of the web host

  // Run is the only thing that records a query
  await page.keyboard.press('Escape'); // the completion list the typing opened
  await runSql(page, second.replace('\n', ' '));
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => previewRows(page)).toEqual(secondRows); // still on after Run, following the editor
  await editor(page).focus();
  await page.keyboard.type(' limit 2');
  await expect.poll(() => previewRows(page)).toEqual(secondRows.slice(0, 2));
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  if (test.info().project.name === 'web') expect(await countStoredEvents(page.url(), 'QueryStarted')).toBe(1); // the log, asked of the web host
});

test('the preview is of the statement Ctrl/Cmd+Shift+Enter runs: after a semicolon on its line the one it ends, on a line between the next', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  // three rows, then two: the row count says which statement a preview or a run took
  await replaceSql(page, 'select * from range(3) t(a); -- three\n\nselect * from range(2) t(b);');
  await cursorToLine(page, 0); // in the comment after the first semicolon, on its line
  await turnOn(page);
  await expect.poll(() => previewRows(page)).toEqual([['0'], ['1'], ['2']]);
  await expect(step(page)).toHaveText('Statement on line 1');
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);

  // on the blank line between them, both take the next one
  await editor(page).focus();
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => previewRows(page)).toEqual([['0'], ['1']]);
  await expect(step(page)).toHaveText('Statement on line 3');
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(status(page)).toHaveText(/^2\u00a0rows in [\d,]+\u00a0ms$/);
});

test('the switch is remembered per session, across a reload, and is keyboard-operable', async ({ shared: app }) => {
  const { page } = app;
  // this test's two sessions: the last tab, and the one it opens after it (earlier tests of the file have theirs)
  const mine = await tabs(page).count();
  const first = tabs(page).nth(mine - 1);
  const second = tabs(page).nth(mine);
  await ready(page, 'cars');
  await replaceSql(page, 'select 42 as answer');
  await instantSwitch(page).focus();
  await page.keyboard.press('Space');
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => previewRows(page)).toEqual([['42']]);

  // a new session starts with the switch off
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs(page)).toHaveCount(mine + 1);
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'false');
  await expect(preview(page)).toHaveCount(0);

  // back on the first: on again, previewing its text
  await first.click();
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => previewRows(page)).toEqual([['42']]);

  // the draft is saved before the reload; after it the switch is still on for that session
  await second.click();
  await page.reload();
  await first.click();
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => previewRows(page)).toEqual([['42']]);
  await second.click();
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'false');

  // Enter turns it off as well; the pane goes
  await first.click();
  await instantSwitch(page).focus();
  await page.keyboard.press('Enter');
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'false');
  await expect(pane(page)).toHaveCount(0);
});

test('inside a CTE the preview shows that step, named in the breadcrumb; the cursor moves it', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const sql = [
    'with strong as (',
    '  select "Name", "Year", "Horsepower" from cars where "Horsepower" >= 180',
    '), per_year as (',
    '  select year("Year") as y, count(*) as n from strong group by y',
    ')',
    'select * from per_year order by y',
  ].join('\n');
  await replaceSql(page, sql);
  await turnOn(page);

  await cursorToLine(page, 1);
  const strong = await duckdbRows(`select "Name", "Year", "Horsepower" from ${CARS} where "Horsepower" >= 180`);
  await expect.poll(() => previewRows(page).then(sorted)).toEqual(sorted(strong));
  await expect(step(page).getByRole('listitem')).toHaveText(['Statement on line 1', 'strong']);
  await expect(preview(page).getByRole('columnheader')).toHaveText(await describedHeaders(`select "Name", "Year", "Horsepower" from ${CARS}`));
  await screenshot(page, testInfo, 'instant-preview-cte');

  await cursorToLine(page, 3);
  const perYear = await duckdbRows(`select year("Year") as y, count(*) as n from ${CARS} where "Horsepower" >= 180 group by y`);
  await expect.poll(() => previewRows(page).then(sorted)).toEqual(sorted(perYear));
  await expect(step(page).getByRole('listitem')).toHaveText(['Statement on line 1', 'per_year']);

  await cursorToLine(page, 5);
  await expect.poll(() => previewRows(page)).toEqual(await duckdbRows(`select year("Year") as y, count(*) as n from ${CARS} where "Horsepower" >= 180 group by y order by y`));
  await expect(step(page).getByRole('listitem')).toHaveText(['Statement on line 1']);

  // the dark theme is the same pane in the dark variables
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(preview(page)).toHaveCSS('color', 'rgb(228, 230, 234)');
  await screenshot(page, testInfo, 'instant-preview-dark');
});

test('a large input is previewed on a sample, and says so; every row shown is a real row of the data', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  await replaceSql(page, "select * from flights_3m where origin = 'SFO'");
  await turnOn(page);
  await expect(pane(page).getByText(/^preview on a sample of about [\d,]+\u00a0rows$/)).toHaveText('preview on a sample of about 100,000\u00a0rows', { timeout: 60_000 });
  await expect(preview(page).getByRole('columnheader')).toHaveText(await describedHeaders(`select * from ${FLIGHTS}`));
  const shown = await previewRows(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThanOrEqual(100);
  expect(shown.every((r) => r[3] === 'SFO')).toBe(true);
  // each shown row is in the file, as DuckDB's text of each column
  const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
  const values = shown.map((r) => `(${r.map(literal).join(', ')})`).join(', ');
  const found = await duckdbRows(
    `select count(*) from (values ${values}) v(a, b, c, d, e) where exists (select 1 from ${FLIGHTS} f where f.date::varchar = v.a and f.delay::varchar = v.b and f.distance::varchar = v.c and f.origin = v.d and f.destination = v.e)`,
  );
  expect(found).toEqual([[String(shown.length)]]);
  await screenshot(page, testInfo, 'instant-preview-sample');
});

test('an error is shown at its position and keeps the last good preview', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const sql = 'select "Name", "Horsepower" from cars where "Cylinders" = 3';
  const good = await duckdbRows(`select "Name", "Horsepower" from ${CARS} where "Cylinders" = 3`);
  await replaceSql(page, sql);
  await turnOn(page);
  await expect.poll(() => previewRows(page).then(sorted)).toEqual(sorted(good));
  const message = pane(page).locator('.preview-error');
  const mark = editor(page).locator('.cm-preview-error');

  // a typo, as a person makes it: the unknown column is underlined, its message and error id said, the rows stay
  await editor(page).focus();
  await page.keyboard.press(`${mod}+Home`);
  for (let i = 0; i < sql.indexOf('Horsepowe') + 'Horsepowe'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Backspace');
  await expect(message).toContainText('Referenced column "Horsepowr" not found');
  await expect(message).toContainText(/\(error id [\w-]+\)/);
  await expect(message).not.toContainText('LINE'); // the excerpt quotes main's SQL, not the editor's lines
  await expect(mark).toHaveText('"Horsepowr"');
  expect(sorted(await previewRows(page))).toEqual(sorted(good));
  await expect(pane(page)).toContainText('4 rows · 2 columns · last good preview');
  await screenshot(page, testInfo, 'instant-preview-error');
  // its id can be copied, as every error's; then the caret goes back where the typo is
  await allowClipboard(page);
  const id = /\(error id ([\w-]+)\)/.exec((await message.textContent())!)![1]!;
  await message.getByRole('button', { name: 'Copy error id' }).click();
  await expect.poll(() => readClipboard(page)).toBe(id);
  await editor(page).focus();
  await page.keyboard.press(`${mod}+Home`);
  for (let i = 0; i < sql.indexOf('Horsepowe') + 'Horsepow'.length; i++) await page.keyboard.press('ArrowRight');

  // fixed: no error, no underline
  await page.keyboard.type('e');
  await expect(message).toHaveCount(0);
  await expect(mark).toHaveCount(0);
  await expect(pane(page)).toContainText(/^(?!.*last good preview).*4\u00a0rows · 2\u00a0columns/);

  // a syntax error at the end: the same
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type(' and');
  await expect(message).toContainText(/syntax error/i);
  await expect(mark).toHaveCount(1);
  expect(sorted(await previewRows(page))).toEqual(sorted(good));

  // and a new good statement replaces the rows
  for (let i = 0; i < ' and'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(' and "Horsepower" > 95');
  await expect.poll(() => previewRows(page).then(sorted)).toEqual(sorted(good.filter((r) => Number(r[1]) > 95)));
  await expect(message).toHaveCount(0);
  await expect(mark).toHaveCount(0);
});

test('a statement that writes or reaches outside is never run by a preview, and the preview says why', async ({ shared: app }, testInfo) => {
  const { page, dataDir } = app;
  // every sample registered first: one still loading would change the list this compares with
  for (const name of ['flights_3m', 'seattle_weather', 'cars']) await ready(page, name);
  const before = await datasets(page).getByRole('listitem').allTextContents();
  const outside = testInfo.outputPath('outside');
  const secret = join(testInfo.outputPath(), 'secret.csv');
  writeFileSync(secret, 'a,b\n1,2\n');
  // Each refusal names its own reason (the app's words, src/main/instant/refusals.worker.ts and
  // previewTree.worker.ts), different from the one before it: the whole message is matched, so the
  // refusal still on screen from the previous statement cannot pass for the next one.
  const notAQuery = ': a preview runs only queries that read (SELECT, FROM, WITH, VALUES). Run it to execute it.';
  const attempts = [
    [`create table evil as select * from cars`, `CREATE changes the database${notAQuery}`],
    [`copy (select * from cars) to '${outside}.csv'`, `COPY reads or writes files${notAQuery}`],
    [`attach '${outside}.duckdb' as evil`, `ATTACH opens another database${notAQuery}`],
    [`select * from read_csv('${secret}')`, "read_csv() reads files directly; a preview reads only the catalog's datasets. Add the file to the catalog, or Run the query."],
    [`install httpfs`, `INSTALL downloads an extension${notAQuery}`],
    [`set threads = 1`, `SET changes a setting${notAQuery}`],
  ] as const;
  await turnOn(page);
  for (const [sql, reason] of attempts) {
    await replaceSql(page, sql);
    await expect(pane(page).locator('.preview-refused'), sql).toHaveText(`Not previewed: ${reason}`);
    await expect(preview(page)).toHaveCount(0);
  }
  await screenshot(page, testInfo, 'instant-preview-refused');

  // nothing was written, attached or created
  expect(existsSync(`${outside}.csv`)).toBe(false);
  expect(existsSync(`${outside}.duckdb`)).toBe(false);
  expect(existsSync(join(dataDir, 'evil.duckdb'))).toBe(false);
  await expect(datasets(page).getByRole('listitem')).toHaveText(before);
  await expect(history(page).getByRole('listitem')).toHaveCount(0);
  const results = page.getByRole('grid', { name: 'Results' });
  await runSql(page, "select count(*) as n from duckdb_tables() where table_name = 'evil'");
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(results.getByRole('gridcell')).toHaveText(['0']);
  await runSql(page, "select count(*) as n from duckdb_databases() where database_name = 'evil'");
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(results.getByRole('gridcell')).toHaveText(['0']);
});

test('in a small window a long error scrolls by whole lines and its error id stays in sight', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 800, height: 600 });
  await ready(page, 'cars');
  await turnOn(page);
  // an unknown column of cars: DuckDB lists candidate bindings, several lines in a narrow pane
  await replaceSql(page, 'select * from cars where "Miles_per_Gallo" > 20 and "Displacemen" > 100');
  const message = pane(page).locator('.preview-error');
  await expect(message).toContainText('Candidate bindings');
  await expect(message.locator('.error-id')).toBeInViewport({ ratio: 1 });
  // the message scrolls within itself, a whole number of lines tall
  const box = await message.locator('.preview-error-message').evaluate((m) => ({ height: m.clientHeight, line: parseFloat(getComputedStyle(m).lineHeight), scrolls: m.scrollHeight > m.clientHeight }));
  expect(box.scrolls).toBe(true);
  expect(box.height / box.line).toBeCloseTo(3, 1);
});

import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { writeTablesAndViews } from './duckdbFile';
import { expect, test } from './fixtures';
import { dataset, datasets, editorText, status } from './workbench.helpers';

const LONG_NAME = `L${'x'.repeat(198)}Z`;
const STRUCT = 'STRUCT(a INTEGER, b VARCHAR, c DOUBLE, d STRUCT(x INTEGER, y INTEGER, z VARCHAR), e INTEGER[])';

/**
 * A database file like a tester's hostile.duckdb, written with raw DuckDB: a table whose columns have
 * long nested types, an emoji and a 200-character name; and a table whose name must be quoted.
 */
async function writeHostile(path: string): Promise<{ wide: string[][]; firstTrips: number }> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    await c.run(`CREATE TABLE wide (id BIGINT, struct_col ${STRUCT}, map_col MAP(VARCHAR, STRUCT(a INTEGER, b VARCHAR)), "🙂emoji" VARCHAR, "${LONG_NAME}" ${STRUCT})`);
    await c.run(`CREATE TABLE "Trips 2024" AS SELECT range AS n, 'Oslo' AS city FROM range(250)`);
    // what raw DuckDB says of them, for the catalog to show
    const wide = (await c.runAndReadAll('SELECT column_name, column_type FROM (DESCRIBE wide)')).getRowsJS() as string[][];
    const [[firstTrips]] = (await c.runAndReadAll('SELECT count(*)::INTEGER FROM (SELECT * FROM "Trips 2024" LIMIT 100)')).getRowsJS() as [[number]];
    return { wide, firstTrips };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** Adds `file`, named `name` in the catalog: each test its own, the catalog being the file's shared app's. */
async function addHostile(page: Page, file: string, name = 'hostile'): Promise<Awaited<ReturnType<typeof writeHostile>>> {
  const written = await writeHostile(file);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(dataset(page, name)).toContainText(/duckdb · 2\u00a0tables$/);
  await dataset(page, name).getByRole('button', { expanded: false }).click();
  return written;
}

test('a column with a long type keeps its name on one readable line; both are cut with "…" and whole in the title', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const { wide: described } = await addHostile(page, testInfo.outputPath('hostile.duckdb'));
  const columns = page.getByRole('list', { name: 'Columns of hostile.wide' }).getByRole('listitem');
  await expect(columns).toHaveCount(described.length);
  for (const [i, [name, type]] of described.entries()) {
    const column = columns.nth(i);
    await expect(column).toHaveAttribute('title', `${name} ${type}`);
    const nameBox = (await column.locator('.column-name').boundingBox())!;
    const rowBox = (await column.boundingBox())!;
    // one line (12 px mono text is about 15 px high), at least ten characters wide
    expect(nameBox.height, `${name}'s height`).toBeLessThan(22);
    expect(rowBox.height, `${name}'s row`).toBeLessThan(26);
    expect(nameBox.width, `${name}'s width`).toBeGreaterThanOrEqual(Math.min(70, 6 * name!.length));
  }
  // What does not fit is cut: the long name, then the nested type, each ending in "…" (text-overflow)
  const cut = (i: number, part: string) => columns.nth(i).locator(part).evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis');
  const longAt = described.findIndex(([name]) => name === LONG_NAME);
  expect(await cut(longAt, '.column-name')).toBe(true);
  expect(await cut(longAt, '.column-type')).toBe(true);
  expect(await cut(described.findIndex(([name]) => name === 'struct_col'), '.column-type')).toBe(true);
  // a short type is shown whole
  expect(await cut(0, '.column-type')).toBe(false);
  await testInfo.attach('catalog-long-types', { body: await page.locator('.sidebar').screenshot(), contentType: 'image/png' });
});

test('a table of a DuckDB database file has its own actions: "Query this table" reads it, its names quoted', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const { firstTrips } = await addHostile(page, testInfo.outputPath('tripsdb.duckdb'), 'tripsdb');
  const tables = page.getByRole('list', { name: 'Tables of tripsdb' });
  await tables.getByRole('button', { name: 'Actions for tripsdb.Trips 2024' }).click();
  const menu = page.getByRole('menu', { name: 'Actions for tripsdb.Trips 2024' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Query this table', 'Copy name', 'Profile']);
  await menu.getByRole('menuitem', { name: 'Query this table' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from tripsdb."Trips 2024" limit 100');
  await expect(status(page)).toHaveText(new RegExp(`^${firstTrips}\u00a0rows in [\\d,]+\u00a0ms$`));

  // a right-click on the other table opens its menu, not its database's
  await tables.getByRole('listitem').filter({ hasText: /^wide\b/ }).first().locator('.table-row').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Actions for tripsdb.wide' }).getByRole('menuitem', { name: 'Query this table' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from tripsdb.wide limit 100');
  await expect(status(page)).toHaveText(/^0\u00a0rows in [\d,]+\u00a0ms$/);

  // the database's own "Query this dataset" says which table it reads
  await dataset(page, 'tripsdb').getByRole('button', { name: 'Actions for tripsdb', exact: true }).click();
  const first = await tables.locator(':scope > li .table-row .column-name').first().textContent();
  await expect(page.getByRole('menu', { name: 'Actions for tripsdb' }).getByRole('menuitem').first()).toHaveText(`Query this dataset (first table: ${first})`);
});

test('a table of a DuckDB database file is profiled from its menu, its figures those of raw DuckDB', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('profiled.duckdb');
  await addHostile(page, file, 'profiled');
  await page.getByRole('list', { name: 'Tables of profiled' }).getByRole('button', { name: 'Actions for profiled.Trips 2024' }).click();
  await page.getByRole('menu', { name: 'Actions for profiled.Trips 2024' }).getByRole('menuitem', { name: 'Profile' }).click();
  const region = page.getByRole('region', { name: 'Column profiles' });
  await expect(region).toContainText('profiled.Trips 2024');
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  const [[distinct, max]] = (await c.runAndReadAll('SELECT count(DISTINCT n)::VARCHAR, max(n)::VARCHAR FROM "Trips 2024"')).getRowsJS() as [[string, string]];
  c.closeSync();
  instance.closeSync();
  const n = region.getByRole('article', { name: 'n', exact: true });
  const figure = (term: string) => n.locator('.profile-figure').filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
  await expect(figure('Max')).toHaveText(max);
  await expect(figure('Distinct')).toHaveText(distinct);
});

test('a table outside the main schema of a database file is listed as schema.table and read where it is', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('multi.duckdb');
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  await c.run(`CREATE TABLE orders AS SELECT 1 AS id; CREATE SCHEMA staging; CREATE TABLE staging.orders AS SELECT range AS id, 'draft' AS note FROM range(3)`);
  c.closeSync();
  instance.closeSync();
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(dataset(page, 'multi')).toContainText(/duckdb · 2\u00a0tables$/);
  await dataset(page, 'multi').getByRole('button', { expanded: false }).click();
  // two tables of one name: each with its own columns
  await expect(page.getByRole('list', { name: 'Columns of multi.orders' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Columns of multi.staging.orders' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Actions for multi.staging.orders' }).click();
  await page.getByRole('menu', { name: 'Actions for multi.staging.orders' }).getByRole('menuitem', { name: 'Query this table' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from multi.staging.orders limit 100');
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
});

test('a database file’s views are told from its tables; a view DuckDB cannot read says why and is not offered as if fine', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('kinds.duckdb');
  const said = await writeTablesAndViews(file, testInfo.outputPath('other.duckdb'));
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(dataset(page, 'kinds').locator('.dataset-toggle .meta').first()).toHaveText(/duckdb · 2\u00a0tables, 3\u00a0views$/);
  await expect(dataset(page, 'kinds')).toContainText('2\u00a0views cannot be read');
  await dataset(page, 'kinds').getByRole('button', { expanded: false }).click();
  const tables = page.getByRole('list', { name: 'Tables of kinds' });
  const row = (name: string) => tables.locator(':scope > li').filter({ has: page.getByRole('button', { name: `Actions for kinds.${name}`, exact: true }) });

  // each says what it is, to the eye (its icon) and to a screen reader
  await expect(row('cars').getByRole('img', { name: 'Table', exact: true })).toBeVisible();
  await expect(row('heavy_cars').getByRole('img', { name: 'View', exact: true })).toBeVisible();
  await expect(row('heavy_cars').getByRole('button', { name: 'Actions for kinds.heavy_cars' })).toHaveAccessibleDescription('view');
  // a view that reads: its columns as raw DuckDB binds it, and "Query this table" reads it
  if (!('columns' in said.heavy_cars)) throw new Error(said.heavy_cars.error);
  await expect(page.getByRole('list', { name: 'Columns of kinds.heavy_cars' }).getByRole('listitem')).toHaveText(said.heavy_cars.columns.map(([n, t]) => `${n} ${t}`));
  await row('heavy_cars').getByRole('button', { name: 'Actions for kinds.heavy_cars' }).click();
  await page.getByRole('menu', { name: 'Actions for kinds.heavy_cars' }).getByRole('menuitem', { name: 'Query this table' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from kinds.heavy_cars limit 100');
  await expect(status(page)).toHaveText(/^\d+\u00a0rows? in [\d,]+\u00a0ms$/);

  // views that cannot be read: DuckDB's reason in place of columns, and nothing to query or profile
  for (const name of ['gone_view', 'elsewhere'] as const) {
    const reason = said[name];
    if (!('error' in reason)) throw new Error(`${name} reads in raw DuckDB`);
    const words = reason.error.replace(/^Catalog Error: /, '');
    await expect(row(name).getByRole('img', { name: 'View that cannot be read' })).toBeVisible();
    await expect(row(name)).toHaveText(`${name}Cannot be read: ${words}`);
    await expect(row(name).getByRole('button', { name: `Actions for kinds.${name}` })).toHaveAccessibleDescription(`view that cannot be read: ${words}`);
    await expect(page.getByRole('list', { name: `Columns of kinds.${name}` })).toHaveCount(0);
    await row(name).getByRole('button', { name: `Actions for kinds.${name}` }).click();
    const menu = page.getByRole('menu', { name: `Actions for kinds.${name}` });
    await expect(menu.getByRole('menuitem', { name: 'Query this table' })).toBeDisabled();
    await expect(menu.getByRole('menuitem', { name: 'Profile' })).toBeDisabled();
    await page.keyboard.press('Escape');
  }
  expect('error' in said.elsewhere && said.elsewhere.error).toMatch(/other/);

  // the database's own "Query this dataset" reads a table that reads
  await dataset(page, 'kinds').getByRole('button', { name: 'Actions for kinds', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for kinds' }).getByRole('menuitem', { name: /^Query this dataset/ }).click();
  await expect.poll(() => editorText(page)).toBe('select * from kinds.cars limit 100');
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
  await testInfo.attach('catalog-views', { body: await page.locator('.sidebar').screenshot(), contentType: 'image/png' });
});

test('a database file whose only views cannot be read fails in the catalog, saying which and why', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('stale.duckdb');
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  await c.run('CREATE TABLE gone AS SELECT 1 AS g; CREATE VIEW v AS SELECT * FROM gone; DROP TABLE gone');
  c.closeSync();
  instance.closeSync();
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  const failed = datasets(page).getByRole('listitem').filter({ hasText: 'stale.duckdb' });
  await expect(failed).toContainText(/The database has no tables, and its only view cannot be read: v \(Table with name gone does not exist!\) \(error id [0-9a-f-]{36}\)/);
  await expect(failed.getByRole('button', { name: 'Copy error id' })).toBeVisible();
});

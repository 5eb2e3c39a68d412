import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Table, tableToIPC, vectorFromArray, Int64, Utf8 } from 'apache-arrow';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { allowClipboard, readClipboard } from './workbench.helpers';

const datasets = (page: Page) => page.getByRole('list', { name: 'Datasets' });
const status = (page: Page) => page.getByRole('status');
const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });
const item = (page: Page, name: string) => datasets(page).getByRole('listitem').filter({ hasText: new RegExp(`^${name}\\b`) });

async function add(page: Page, source: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(source);
  await page.getByRole('button', { name: 'Add dataset' }).click();
}

async function run(page: Page, sql: string): Promise<void> {
  await page.getByRole('textbox', { name: 'SQL editor' }).fill(sql);
  await page.getByRole('button', { name: 'Run' }).click();
}

/** Runs `sql` in the app and checks every shown row against raw DuckDB running `oracle`. */
async function expectQuery(page: Page, sql: string, oracle: string): Promise<void> {
  const expected = await duckdbRows(oracle);
  await run(page, sql);
  await expect(status(page)).toHaveText(new RegExp(`^${expected.length.toLocaleString('en-US')}\\u00a0${expected.length === 1 ? 'row' : 'rows'} in [\\d,]+\\u00a0ms$`));
  const rows = grid(page).getByRole('row');
  for (let i = 0; i < Math.min(expected.length, 5); i++) await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
}

/** Writes the files a person would add, with raw DuckDB and apache-arrow, outside the app. */
async function makeFiles(dir: string): Promise<void> {
  mkdirSync(join(dir, 'sales', '2025'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const f = (name: string) => `'${join(dir, name)}'`;
  await c.run(`COPY (SELECT range AS id, 'item ' || range AS label FROM range(12)) TO ${f('Items-List.tsv')} (HEADER, DELIMITER '\t')`);
  await c.run(`COPY (SELECT range AS id, range * 1.25 AS price FROM range(50)) TO ${f('prices.csv.gz')} (HEADER, COMPRESSION gzip)`);
  await c.run(`COPY (SELECT range AS n, 9007199254740993 + range AS big FROM range(4)) TO ${f('log.ndjson')} (FORMAT json)`);
  await c.run(`COPY (SELECT range AS month, range * 100 AS total FROM range(1, 7)) TO ${f('sales/2025/h1.parquet')} (FORMAT parquet)`);
  await c.run(`COPY (SELECT range AS month, range * 100 AS total FROM range(7, 13)) TO ${f('sales/h2.parquet')} (FORMAT parquet)`);
  await c.run(`ATTACH ${f('warehouse.duckdb')} AS w`);
  await c.run('CREATE TABLE w.stock AS SELECT range AS sku, range % 3 AS bin FROM range(9)');
  await c.run('DETACH w');
  c.closeSync();
  instance.closeSync();
  writeFileSync(join(dir, 'broken.parquet'), 'PAR1 but then nothing a Parquet reader could use');
  const arrow = new Table({ id: vectorFromArray([1n, 9007199254740993n], new Int64()), name: vectorFromArray(['x', null], new Utf8()) });
  writeFileSync(join(dir, 'sensor.arrow'), tableToIPC(arrow, 'file'));
}

test('adds TSV, gzip CSV, NDJSON, a folder of Parquet, Arrow IPC and a DuckDB file; each queryable with DuckDB’s values', async ({ shared: app }) => {
  const { page, dataDir } = app;
  const dir = join(dataDir, 'inbox');
  await makeFiles(dir);
  await add(page, join(dir, 'Items-List.tsv'));
  await expect(item(page, 'items_list')).toContainText('2 columns');
  await add(page, join(dir, 'prices.csv.gz'));
  await expect(item(page, 'prices')).toContainText('2 columns');
  await add(page, join(dir, 'log.ndjson'));
  await expect(item(page, 'log')).toContainText('2 columns');
  await add(page, join(dir, 'sales'));
  await expect(item(page, 'sales')).toContainText('2 columns');
  await add(page, join(dir, 'sensor.arrow'));
  await expect(item(page, 'sensor')).toContainText('2 columns');
  await add(page, join(dir, 'warehouse.duckdb'));
  await expect(item(page, 'warehouse')).toBeVisible();

  await expectQuery(page, 'select * from items_list order by id desc', `select * from read_csv('${join(dir, 'Items-List.tsv')}', delim = '\t') order by id desc`);
  await expectQuery(page, 'select sum(price) as s, count(*) as n from prices', `select sum(price) as s, count(*) as n from read_csv('${join(dir, 'prices.csv.gz')}')`);
  await expectQuery(page, 'select * from log order by n', `select * from read_json_auto('${join(dir, 'log.ndjson')}') order by n`);
  await expectQuery(page, 'select month, total from sales order by month', `select month, total from read_parquet('${join(dir, 'sales')}/**/*.parquet') order by month`);
  await expectQuery(page, 'select * from sensor', "select * from (values (1::BIGINT, 'x'), (9007199254740993::BIGINT, NULL)) t(id, name)");
  await expectQuery(page, 'select bin, count(*) as n from warehouse.stock group by bin order by bin', 'select range % 3 as bin, count(*) as n from range(9) group by bin order by bin');
});

test('a corrupt file is listed as failed with a readable message and an error id', async ({ shared: app }) => {
  const { page, dataDir } = app;
  // its own folder: the first test's warehouse.duckdb there may be attached by the shared app
  const dir = join(dataDir, 'inbox-corrupt');
  await makeFiles(dir);
  await add(page, join(dir, 'broken.parquet'));
  const failed = datasets(page).getByRole('listitem').filter({ hasText: 'broken.parquet' });
  await expect(failed).toContainText(/is not a valid Parquet file.*error id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  // the id to quote, a click away as in the status bar
  await allowClipboard(page);
  const id = /error id ([0-9a-f-]{36})/.exec((await failed.textContent())!)![1]!;
  await failed.getByRole('button', { name: 'Copy error id' }).click();
  await expect.poll(() => readClipboard(page)).toBe(id);
  // nothing else changed: the samples are still there and still queryable
  await expect(item(page, 'cars')).toContainText('columns');
  await expectQuery(page, 'select count(*) from cars', `select count(*) from read_json_auto('${VEGA_DATA}/cars.json')`);
});

test.describe('http(s) URLs', () => {
  let server: Server;
  let base = '';
  test.beforeAll(async () => {
    const body = readFileSync(join(VEGA_DATA, 'seattle-weather.csv'));
    server = createServer((req, res) => {
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      res.writeHead(range ? 206 : 200, { 'Content-Length': body.length - start, 'Content-Type': 'text/csv' });
      res.end(body.subarray(start));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('a URL is downloaded into the data dir and queried locally', async ({ shared: app }) => {
    const { page } = app;
    await add(page, `${base}/exports/Weather-2015.csv`);
    await expect(item(page, 'weather_2015')).toContainText('columns');
    await expectQuery(page, 'select weather, count(*) as n from weather_2015 group by weather order by weather', `select weather, count(*) as n from read_csv('${VEGA_DATA}/seattle-weather.csv') group by weather order by weather`);
  });
});

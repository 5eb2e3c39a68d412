import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';

const editor = (page: Page) => page.getByRole('textbox', { name: 'SQL editor' });
const status = (page: Page) => page.getByRole('status');
const history = (page: Page) => page.getByRole('list', { name: 'Query history' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });

/** Long enough to still run when the test acts on it; DuckDB interrupts it at once. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

async function run(page: Page, sql: string): Promise<void> {
  await editor(page).fill(sql);
  await page.getByRole('button', { name: 'Run' }).click();
}

async function expectRows(page: Page, expected: (string | null)[][]): Promise<void> {
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  const rows = grid(page).getByRole('row');
  for (let i = 0; i < expected.length; i++) {
    await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
  }
}

test('Cancel stops a running query: "Cancelled" in the status and the history, and the next query runs', async ({ app }) => {
  const { page } = app;
  await run(page, LONG_SQL);
  await expect(status(page)).toContainText('Running…');
  // elapsed time is reported while it runs, beside the status region
  await expect(page.getByLabel('Elapsed time')).toHaveText(/\d/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('Cancelled');
  // how long it ran before the cancel, as sextant.queries says it
  await expect(history(page).getByRole('listitem').first()).toContainText(/cancelled · [\d,]+\u00a0ms · \d{1,2}:\d{2}:\d{2}/);
  await run(page, 'select 6 * 7 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/, { timeout: 10_000 });
  await expect(grid(page).getByRole('gridcell')).toHaveText(['42']);
});

test('several statements run in order and the grid shows the last one’s rows', async ({ app }) => {
  const { page } = app;
  const script = 'create table pets as select * from (values (1, \'cat\'), (2, \'dog\')) t(id, kind); insert into pets values (3, \'owl\'); select kind, id * 10 as score from pets order by id';
  await run(page, script);
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await expectRows(page, await duckdbRows("select kind, id * 10 as score from (values (1, 'cat'), (2, 'dog'), (3, 'owl')) t(id, kind) order by id"));
});

test('values are shown exactly as DuckDB writes them: big integers, decimals, timestamps, nested types, NULL vs empty', async ({ app }) => {
  const { page } = app;
  const sql = `select 9007199254740993::BIGINT as big, 170141183460469231731687303715884105727::HUGEINT as huge,
    1234567890.0123456789::DECIMAL(20,10) as dec, TIMESTAMP '2024-02-29 23:59:59.999999' as ts, INTERVAL '1 year 2 days 03:04:05' as iv,
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID as id, [1, NULL, 3] as list, {'k': 'v', 'n': 2} as struct, MAP {'a': 1} as map,
    'nan'::DOUBLE as nan, '-inf'::DOUBLE as neg_inf, 0.1::DOUBLE + 0.2::DOUBLE as sum, NULL::VARCHAR as nothing, '' as empty`;
  // The grid virtualizes columns: make the window wide enough for all fourteen to be in the DOM.
  await page.setViewportSize({ width: 3200, height: 800 });
  await run(page, sql);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expectRows(page, await duckdbRows(sql));
});

test('a past result comes back after the host restarts', async ({ app }) => {
  const { page } = app;
  const sql = 'select range as n, range * range as sq from range(300)';
  await run(page, sql);
  await expect(status(page)).toHaveText(/^300\u00a0rows in [\d,]+\u00a0ms$/);
  await app.restartHost();
  await app.page.reload();
  await expect(status(app.page)).toHaveText(/^300\u00a0rows in [\d,]+\u00a0ms$/);
  const expected = await duckdbRows(sql);
  const rows = grid(app.page).getByRole('row');
  await expect(grid(app.page)).toHaveAttribute('aria-rowcount', '301');
  for (let i = 0; i < 3; i++) await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
});

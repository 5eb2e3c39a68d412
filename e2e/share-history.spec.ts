import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { grid, gridRow, history, ready, runSql, status } from './workbench.helpers';

/**
 * Runs `sql`, a read of sextant.queries, until `check` passes. The history is current within 100 ms
 * of an event (docs/share.md): once a file's first read has filled it, a read right after a query
 * ends may not have that query yet. Each read's text is its own (a numbered comment), so the history
 * entry waited for is that read's, and `check` sees its rows; `check`'s own waits should be short.
 */
async function readHistoryUntil(page: Page, sql: string, check: () => Promise<void>): Promise<void> {
  let read = 0;
  await expect(async () => {
    await runSql(page, `${sql} -- read ${++read}`);
    await expect(history(page).getByRole('listitem').first()).toContainText(new RegExp(`-- read ${read}(?!\\d)[\\s\\S]*?completed`), { timeout: 10_000 });
    await check();
  }).toPass({ timeout: 20_000 });
}

test('history as data: sextant.queries answers what was run, as the history list shows it', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  const first = 'select count(*) as n from cars';
  const second = 'select Name, Horsepower from cars where Horsepower is not null order by Horsepower desc, Name limit 3';
  // Raw DuckDB runs the same two queries on the same file: their row counts are what the screen must say.
  const cars = `read_json_auto('${join(VEGA_DATA, 'cars.json')}')`;
  const firstRows = (await duckdbRows(first.replace('from cars', `from ${cars}`))).length;
  const secondRows = (await duckdbRows(second.replace('from cars', `from ${cars}`))).length;
  const rowsText = (n: number) => `${n.toLocaleString('en-US')}\u00a0row${n === 1 ? '' : 's'}`;
  await runSql(page, first);
  await expect(status(page)).toHaveText(new RegExp(`^${rowsText(firstRows)} in [\\d,]+\\u00a0ms$`));
  await runSql(page, second);
  await expect(status(page)).toHaveText(new RegExp(`^${rowsText(secondRows)} in [\\d,]+\\u00a0ms$`));

  // The history query itself is still running while it reads: only finished queries are asked for.
  await runSql(page, "select sql, rows, status, datasets_read from sextant.queries where status <> 'running' order by started_at");
  await expect(status(page)).toHaveText(/^2\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');
  // What the grid shows, checked against raw DuckDB's row counts for the same two queries.
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText([first, String(firstRows), 'completed', '[cars]']);
  await expect(gridRow(page, 3).getByRole('gridcell')).toHaveText([second, String(secondRows), 'completed', '[cars]']);

  // The history list names the same queries, newest first, with the same row counts.
  const items = history(page).getByRole('listitem');
  await expect(items.nth(1)).toContainText(second);
  await expect(items.nth(1)).toContainText(new RegExp(`completed · ${rowsText(secondRows)}\\b`));
  await expect(items.nth(2)).toContainText(first);
  await expect(items.nth(2)).toContainText(new RegExp(`completed · ${rowsText(firstRows)}\\b`));

  // The schema is read-only: each kind of write is refused with a message saying so, what to do
  // instead and an error id (an INSERT, UPDATE or DELETE on a view never reaches DuckDB's read-only
  // check, so its words come from Sextant's guard), and the history is intact.
  // DuckDB's own words follow, different for each, so a stale status cannot pass for the next one:
  // the whole text is matched at once.
  const writes = [
    ['drop view sextant.queries', 'Invalid Input Error: Cannot execute statement of type "DROP"'],
    ["insert into sextant.queries (sql) values ('forged')", 'Catalog Error: queries is not an table'],
    ["update sextant.queries set sql = 'forged'", 'Binder Error: Can only update base table'],
    ['delete from sextant.queries', 'Binder Error: Can only delete from base table'],
  ] as const;
  const readOnly = "^Failed: The sextant schema is read-only: it shows Sextant's own history\\. Create your own tables elsewhere, e\\.g\\. CREATE TABLE mine AS SELECT \\* FROM sextant\\.queries\\.\\s+";
  for (const [write, duckdbWords] of writes) {
    await runSql(page, write);
    const words = duckdbWords.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(status(page), write).toHaveText(new RegExp(`${readOnly}${words}.*\\(error id [0-9a-f-]{36}\\)$`, 's'));
  }
  // the three completed (the two queries and the read above), and nothing forged; this read's own retries are not counted
  await readHistoryUntil(page, "select count(*) from sextant.queries where (status = 'completed' or sql = 'forged') and sql not like '%-- read %'", () =>
    expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['3'], { timeout: 2_000 }),
  );
});

test('the history store cannot be made the default: a search path to it is refused, however built, and the history stays as it was', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, 'selec 1');
  await expect(status(page)).toHaveText(/^Failed: Parser Error/);
  const reset = "^Failed: sextant_history_store holds Sextant's history and only Sextant writes it, so it cannot be the default database or on the search path \\(it was reset\\)";
  // A string leads there only by changing the path: the connection is asked after the SET.
  await runSql(page, "set search_path = 'sextant_history_store.main'; update queries set status = 'completed' where sql = 'selec 1'");
  await expect(status(page)).toHaveText(new RegExp(`${reset}: query the sextant views instead\\. \\(error id [0-9a-f-]{36}\\)$`));
  // A string naming the store in a write of one's own is no way in: it runs.
  await runSql(page, "create table notes (t varchar); insert into notes values ('see sextant_history_store'); select t from notes");
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['see sextant_history_store']);
  // The path built where no text names the store: refused after the SET, before the UPDATE.
  await runSql(page, "set variable p = 'sextant_history' || '_store.main'; set search_path = getvariable('p'); update queries set status = 'completed', error_message = null where sql = 'selec 1'");
  await expect(status(page)).toHaveText(new RegExp(reset));
  await readHistoryUntil(page, "select sql, status, current_database() from sextant.queries where sql = 'selec 1'", () =>
    expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['selec 1', 'failed', 'workspace'], { timeout: 2_000 }),
  );
});

test('a dataset named through the workspace database is recorded as read, however it is spelled', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  const spellings = ['select count(*) as n from workspace.main.cars', 'select count(*) as n from WORKSPACE.Cars', 'select count(*) as n from "Workspace"."MAIN"."cars"'];
  for (const sql of spellings) {
    await runSql(page, sql);
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  }
  const rows = grid(page).locator('[role="row"]').filter({ has: page.getByRole('gridcell') });
  await readHistoryUntil(page, "select sql, datasets_read from sextant.queries where status = 'completed' and sql like 'select count(*) as n from %' order by started_at", async () => {
    for (const sql of spellings) await expect(rows.filter({ hasText: sql }).getByRole('gridcell')).toHaveText([sql, '[cars]'], { timeout: 2_000 });
  });
});

import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { grid, mod, runSql, status, tabs } from './workbench.helpers';

/** Hours of DuckDB: what holds a slot until it is cancelled, so what waits behind it waits for sure. */
const ENDLESS_SQL = 'select count(*) as n from range(100000000000) t(x) where x % 7 = 3';
const SQL = 'select count(*) as n from range(30000000) t(x) where x % 7 = 3';

test('four tabs each run a query: the two beyond the pool (2 at a time) say they wait and for how many; one is cancelled while it waits, the other runs once a slot is free and shows the right count', async ({ app }) => {
  const { page } = app;
  const cancel = page.getByRole('button', { name: 'Cancel' });
  const tab = (n: number) => page.getByRole('tab', { name: `Session ${n}` });
  const running = page.locator('.tab .tab-running');
  await expect(tabs(page)).toHaveText(['Session 1']);
  for (let i = 1; i <= 4; i++) {
    if (i > 1) {
      await page.keyboard.press(`${mod}+t`);
      await expect(tab(i)).toHaveAttribute('aria-selected', 'true');
    }
    await runSql(page, i <= 2 ? ENDLESS_SQL : SQL);
    await expect(status(page)).toHaveText(i <= 2 ? 'Running…' : i === 3 ? 'Waiting for 1\u00a0query to finish…' : 'Waiting for 2\u00a0queries to finish…');
  }
  // every tab whose query is in flight says so in the strip, in the background too
  await expect(running).toHaveCount(4);
  await expect(tab(1)).toHaveAttribute('aria-busy', 'true');
  // no clock while it has not started; it can be cancelled, and is
  await expect(page.getByLabel('Elapsed time')).toHaveCount(0);
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(status(page)).toHaveText('Cancelled');

  await tab(3).click();
  await expect(status(page)).toHaveText('Waiting for 1\u00a0query to finish…');
  await expect(cancel).toBeEnabled();
  // a slot freed: the third runs, and completes with DuckDB's own count
  await tab(1).click();
  await cancel.click();
  await expect(status(page)).toHaveText('Cancelled');
  await tab(3).click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/, { timeout: 30_000 });
  const [[expected]] = (await duckdbRows(SQL)) as [[string]];
  await expect(grid(page).getByRole('gridcell')).toHaveText([expected]);
  await tab(2).click();
  await expect(status(page)).toHaveText('Running…');
  await cancel.click();
  await expect(status(page)).toHaveText('Cancelled');
  await expect(running).toHaveCount(0);
  await expect(tab(1)).toHaveAttribute('aria-busy', 'false');
});

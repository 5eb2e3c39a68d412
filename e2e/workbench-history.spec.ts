import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { editorText, grid, gridRow, history, ready, runSql, screenshot, status } from './workbench.helpers';

test('history: SQL, status, rows, duration and time; click to edit again, re-run, search', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select count(*) as n from cars');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await runSql(page, 'select nope');
  await expect(status(page)).toContainText('Failed:');
  await runSql(page, 'select Name from cars limit 3');
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);

  const items = history(page).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText(/select Name from cars limit 3\s*completed · 3\u00a0rows · [\d,]+\u00a0ms · \d{1,2}:\d{2}:\d{2}/);
  await expect(items.nth(1)).toContainText(/select nope\s*failed · [\d,]+\u00a0ms · \d{1,2}:\d{2}:\d{2}/);
  await expect(items.nth(2)).toContainText(/\b1\u00a0row\b(?!s)/);
  await screenshot(page, testInfo, 'history');

  // Click puts the SQL back in the editor, and runs nothing.
  await items.nth(2).getByRole('button', { name: 'Put in editor' }).click();
  await expect.poll(() => editorText(page)).toBe('select count(*) as n from cars');
  await expect(items).toHaveCount(3);

  // Re-run runs it again, as a new entry on top.
  await items.nth(2).getByRole('button', { name: 'Repeat query' }).click();
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('select count(*) as n from cars');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  // the re-run's result, as raw DuckDB counts the same file
  const counted = await duckdbRows(`select count(*) as n from read_json_auto('${VEGA_DATA}/cars.json')`);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(counted[0]!.map((v) => v ?? 'NULL'));
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2');

  // Search narrows the list to the matching SQL (or status).
  const search = page.getByRole('searchbox', { name: 'Search history' });
  await search.fill('COUNT(');
  await expect(items).toHaveCount(2);
  await search.fill('failed');
  await expect(items).toHaveText([/select nope/]);
  await search.fill('zzz');
  await expect(items).toHaveCount(0);
  await expect(page.getByText('No query matches “zzz”.')).toBeVisible();
  // where the list would start, not at the panel's foot
  const below = (await page.getByText('No query matches “zzz”.').boundingBox())!.y - (await search.boundingBox())!.y;
  expect(below).toBeLessThan(60);
});

import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { allowClipboard, grid, gridRow, mod, readClipboard, runSql, screenshot, status } from './workbench.helpers';

/** Five rows: a long text with emoji, a STRUCT holding a LIST and a STRUCT, a JSON document as text (NULL in row 2). */
const SQL = `select i,
  repeat('abcdefghij😀 ', 40) || '#' || i as long_text,
  {'name': 'row ' || i, 'tags': ['x', 'y, z', 'it''s'], 'inner': {'deep': repeat('d', 60), 'n': i * 1.5}} as nested,
  case when i = 2 then null else '{"id": 12345678901234567890, "price": 2.50, "note": "a \\"quoted\\" [text]", "list": [1, 2, 3], "row": ' || i || '}' end as doc
from range(1, 6) t(i) order by i`;

const viewer = (page: Page) => page.getByRole('region', { name: 'Cell value' });
const valueBox = (page: Page) => viewer(page).getByRole('textbox', { name: 'Value' });
const note = (page: Page) => valueBox(page).evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)!.textContent);
/** A laid-out value back on one line, as DuckDB writes it: the line breaks and indentation the viewer added, taken out. */
const oneLine = (text: string) => text.replace(/([{[])\n\s*/g, '$1').replace(/,\n\s*/g, ', ').replace(/\n\s*([}\]])/g, '$1');

test('the value viewer shows a cell whole (JSON and nested values laid out, NULL as no value), copies it, steps rows and gives focus back on Escape', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await allowClipboard(page);
  const rows = await duckdbRows(SQL);
  const [length] = (await duckdbRows(`select length(long_text)::VARCHAR from (${SQL}) where i = 1`))[0]!;
  await runSql(page, SQL);
  await expect(status(page)).toHaveText(/^5\u00a0rows in/);

  // Space on a long text: the whole value, in a text box that has focus
  await grid(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(viewer(page)).toBeVisible();
  await expect(valueBox(page)).toBeFocused();
  await expect(valueBox(page)).toHaveValue(rows[0]![1]!);
  await expect(viewer(page)).toContainText('long_text');
  await expect(viewer(page)).toContainText('Row 1 of 5 · VARCHAR');
  expect(await note(page)).toBe(`${length}\u00a0characters`);
  await screenshot(page, testInfo, 'value-viewer-text');

  await viewer(page).getByRole('button', { name: 'Copy value' }).click();
  await expect.poll(() => readClipboard(page)).toBe(rows[0]![1]);
  await expect(page.getByText('Copied the value', { exact: true })).toBeVisible();

  // Alt+↓ / Alt+↑ step rows; the grid's active cell follows
  await page.keyboard.press('Alt+ArrowDown');
  await expect(valueBox(page)).toHaveValue(rows[1]![1]!);
  await expect(viewer(page)).toContainText('Row 2 of 5');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(valueBox(page)).toHaveValue(rows[2]![1]!);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-2-1$/);

  // Escape: closed, focus back in the grid on the cell it showed last
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-2-1$/);

  // a double click opens it too, on the cell clicked (as in a spreadsheet or TablePlus)
  await gridRow(page, 3).getByRole('gridcell').nth(1).dblclick();
  await expect(valueBox(page)).toHaveValue(rows[1]![1]!);
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toHaveCount(0);

  // "Show value" on a STRUCT: laid out, one field a line, and exactly DuckDB's text once put back on one line
  await gridRow(page, 2).getByRole('gridcell').nth(2).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show value' }).click();
  await expect(valueBox(page)).toBeFocused();
  await expect(viewer(page)).toContainText(/Row 1 of 5 · STRUCT\(/);
  const nested = await valueBox(page).inputValue();
  expect(nested.split('\n').length).toBeGreaterThan(3);
  expect(nested).toContain("\n  'tags': [x, 'y, z', 'it\\'s'],\n");
  expect(oneLine(nested)).toBe(rows[0]![2]);
  expect(await note(page)).toMatch(/^\d+\u00a0characters · formatted$/);
  // Copy value copies the value, not its layout
  await viewer(page).getByRole('button', { name: 'Copy value' }).click();
  await expect.poll(() => readClipboard(page)).toBe(rows[0]![2]);
  await screenshot(page, testInfo, 'value-viewer-nested');

  // Shift+Enter on a NULL: NULL, said to be no value, drawn as the grid draws NULL
  await page.keyboard.press('Escape');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+Enter');
  await expect(valueBox(page)).toBeFocused();
  await expect(valueBox(page)).toHaveValue('NULL');
  await expect(valueBox(page)).toHaveCSS('font-style', 'italic');
  expect(await note(page)).toBe('SQL NULL: no value');
  expect(rows[1]![3]).toBeNull();

  // the Next row button: a JSON document, laid out, its numbers exactly as stored
  await viewer(page).getByRole('button', { name: 'Next row' }).click();
  await expect(viewer(page)).toContainText('Row 3 of 5');
  const doc = await valueBox(page).inputValue();
  expect(doc).toContain('\n  "id": 12345678901234567890,\n  "price": 2.50,\n');
  expect(oneLine(doc)).toBe(rows[2]![3]);
  expect(await note(page)).toMatch(/ · JSON, formatted$/);

  // the viewer follows the grid's active cell; Escape in the grid closes it
  await gridRow(page, 6).getByRole('gridcell').nth(1).click();
  await expect(valueBox(page)).toHaveValue(rows[4]![1]!);
  await expect(viewer(page)).toContainText('Row 5 of 5');
  await expect(viewer(page).getByRole('button', { name: 'Next row' })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
});

test('a value too long to draw shows its first 100,000 characters and says of how many; Copy value copies it whole', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  const sql = "select repeat('0123456789', 30000) || 'END' as big";
  const [big] = (await duckdbRows(sql))[0]!;
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  await grid(page).focus();
  await page.keyboard.press('Space');
  await expect(valueBox(page)).toBeFocused();
  // a value longer than a page's cells is fetched for the viewer: "Loading…" until it is here
  await expect.poll(() => note(page)).toBe('300,003\u00a0characters · showing the first 100,000 of 300,003 characters');
  expect(await valueBox(page).inputValue()).toBe(big!.slice(0, 100_000));
  await viewer(page).getByRole('button', { name: 'Copy value' }).click();
  await expect.poll(async () => (await readClipboard(page)).length).toBe(300_003);
  expect(await readClipboard(page)).toBe(big);
});

test('a 1 MB value: its cell draws (and its tooltip shows) the first 1,000 characters and "…", Ctrl+C copies it whole; a JSON column says JSON', async ({ shared: app }) => {
  const { page } = app;
  await allowClipboard(page);
  await runSql(page, `select repeat('x', 1000000) s, '{"a":1}'::JSON j, '"x"'::JSON q, 'x' v from range(3)`);
  await expect(status(page)).toHaveText(/^3\u00a0rows in/);
  await expect(grid(page).getByRole('columnheader')).toHaveText([/^s\s*VARCHAR/, /^j\s*JSON/, /^q\s*JSON/, /^v\s*VARCHAR/]);
  const cells = gridRow(page, 2).getByRole('gridcell');
  await expect(cells.nth(1)).toHaveText('{"a":1}');
  await expect(cells.nth(2)).toHaveText('"x"');
  // compared as a few figures, so a failure does not print 1 MB
  const drawn = (cell: Locator) => cell.evaluate((e) => [e.textContent!.length, e.getAttribute('title')?.length, /^x*…$/.test(e.textContent!), e.getAttribute('title') === e.textContent]);
  await expect.poll(() => drawn(cells.first())).toEqual([1001, 1001, true, true]);
  // no cell in the page holds the value whole
  expect(await grid(page).evaluate((g) => (g.textContent ?? '').length)).toBeLessThan(20_000);

  await grid(page).focus();
  await page.keyboard.press(`${mod}+c`);
  await expect.poll(async () => (await readClipboard(page)).length).toBe(1_000_000);
  expect(await page.evaluate(async () => /^x+$/.test(await navigator.clipboard.readText()))).toBe(true);
  await expect(page.getByText('Copied 1 cell', { exact: true })).toBeVisible();
});

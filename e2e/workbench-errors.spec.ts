/** What a failed query shows in the status bar: its message, its id to copy, and DuckDB’s caret under the spot, at any window size. */
import { expect, test } from './fixtures';
import { allowClipboard, readClipboard, ready, runSql, screenshot, status } from './workbench.helpers';

test('a failure shows the message and error id, and the id can be copied', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await allowClipboard(page);
  await runSql(page, 'select * from no_such_table');
  await expect(status(page)).toContainText('Failed: Catalog Error: Table with name no_such_table does not exist');
  const id = /error id ([0-9a-f-]{36})/.exec((await status(page).textContent())!)![1]!;
  await page.getByRole('button', { name: 'Copy error id' }).click();
  await expect.poll(() => readClipboard(page)).toBe(id);
  await screenshot(page, testInfo, 'status-failed');
});

test('a long error scrolls in its message, its id stays in sight, at 1024 × 700', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  await runSql(page, `select * from no_such_table_xyz where a = '${'a long literal that wraps '.repeat(30)}'`);
  await expect(status(page)).toContainText('Failed: Catalog Error');
  const id = status(page).locator('.error-id');
  await expect(id).toContainText(/error id [0-9a-f-]{36}/);
  // wholly inside the status box as shown, not scrolled out of it
  const inBox = await id.evaluate((el) => {
    const box = el.closest('[role="status"]')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.bottom <= window.innerHeight;
  });
  expect(inBox).toBe(true);
  await expect(status(page).locator('.error-message')).toHaveJSProperty('scrollTop', 0);
  // beside a long message the button keeps its words on one line (it wrapped "Copy / id")
  expect((await page.getByRole('button', { name: 'Copy error id' }).boundingBox())!.height).toBeLessThan(26);
  // the message shows whole lines: no line cut through its middle, its glyphs' tops above the id
  const cutLines = await status(page)
    .locator('.error-message')
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(el);
      return [...range.getClientRects()].filter((r) => r.height > 0 && r.top < box.bottom - 0.5 && r.bottom > box.bottom + 0.5).length;
    });
  expect(cutLines).toBe(0);
});

test('at 1024 × 700 a binder error shows whole, down to DuckDB’s caret under the spot', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  // the sample is registered by then, or the error is another one (no table cars)
  await ready(page, 'cars');
  await runSql(page, "select Name,\n sum(Horsepower)/count(*) filter (where Origin='USA') as hp\nfrom cars\ngroup by Nme");
  await expect(status(page)).toContainText('LINE 4: group by Nme');
  // nothing to scroll to: the caret line was hidden under a five-line cap, with no scrollbar drawn
  const message = status(page).locator('.error-message');
  await expect(message).toContainText('^');
  expect(await message.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
});

test('at 800 × 600 the caret of DuckDB’s error stands under the spot it points at: its LINE is not wrapped', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 800, height: 600 });
  // a short status keeps its buttons on its row: no second row of empty bar under "Ready"
  await expect(status(page)).toContainText('Ready');
  const rows = async () => {
    const words = (await status(page).boundingBox())!;
    const cancel = (await status(page).locator('xpath=..').getByRole('button', { name: 'Cancel', exact: true }).boundingBox())!;
    return cancel.y < words.y + words.height ? 1 : 2;
  };
  await expect.poll(rows).toBe(1);
  await runSql(page, 'select * from no_such_table_at_all where 1 = 1');
  const message = status(page).locator('.error-message');
  await expect(message).toContainText('LINE 1: select * from no_such_table_at_all');
  // the caret's left edge and that of the character above it, the same column of the monospace text
  // and one line below it: a wrapped LINE put the caret's column in the same place on a later row
  const { caret, above, spot } = await message.evaluate((el) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = walk.nextNode() as Text;
    while (!text.data.includes('LINE 1:')) text = walk.nextNode() as Text;
    const from = text.data.indexOf('LINE 1:');
    const [line, caretLine] = text.data.slice(from).split('\n') as [string, string];
    const at = (i: number) => {
      const r = document.createRange();
      r.setStart(text, i);
      r.setEnd(text, i + 1);
      const { left, top, height } = r.getBoundingClientRect();
      return { left, top, height };
    };
    const column = caretLine.indexOf('^');
    return { caret: at(from + line.length + 1 + column), above: at(from + column), spot: line[column] };
  });
  expect(spot).toBe('n');
  expect(Math.abs(caret.left - above.left)).toBeLessThan(1);
  expect(Math.abs(caret.top - above.top - above.height)).toBeLessThan(1);
  // and in sight: the words have the bar's width, its buttons a row of their own
  expect(caret.left).toBeLessThan((await status(page).boundingBox())!.x + (await status(page).boundingBox())!.width);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('rows too large to send (200 cells of 400,000 characters) are refused in the grid with words and an id; the host and the page live on', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select i, repeat('x', 400000) as s from range(200) t(i)`);
  // the query ran, its rows cannot be shown: the status does not say it as a success
  await expect(status(page)).toHaveText(/^Recorded: 200\u00a0rows in [\d,]+\u00a0ms$/);
  const refusal = page.locator('.grid-error');
  await expect(refusal).toContainText(/^Could not load rows: These rows hold 77 MB of text, more than a page can carry \(64 MB\): select fewer or shorter columns, e\.g\. left\(col, 1000\)\. \(error id [0-9a-f-]{36}\)/);
  // what the refusal suggests works, on the same host
  await runSql(page, `select i, left(repeat('x', 400000), 1000) as s from range(200) t(i)`);
  await expect(status(page)).toHaveText(/^200\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.getByRole('grid', { name: 'Results' }).getByRole('gridcell').nth(1)).toHaveText(/^x{20}/);
});

import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { editor, editorText, grid, gridRow, history, ready, runSql, screenshot, status } from './workbench.helpers';

test('history: SQL, status, rows, duration and time; click to edit again, re-run, search', async ({ shared: app }, testInfo) => {
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

test('in a narrow window an entry’s status line breaks after a “·”, never before one', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 800, height: 600 });
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  const meta = history(page).getByRole('listitem').first().locator('.meta');
  await expect(meta).toHaveText(/^completed · 406\u00a0rows · [\d,]+\u00a0ms · \d{1,2}:\d{2}:\d{2}/);
  // the first visible character of each line the status is drawn on, at widths that break it in different places
  const lineStarts = () => meta.evaluate((el) => {
    const starts: string[] = [];
    let lastTop = -Infinity;
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode() as Text | null; node; node = walk.nextNode() as Text | null) {
      for (let i = 0; i < node.data.length; i++) {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        const rect = r.getBoundingClientRect();
        if (rect.width === 0 || node.data[i] === ' ') continue;
        if (rect.top > lastTop + 2) starts.push(node.data[i]!);
        lastTop = Math.max(lastTop, rect.top);
      }
    }
    return starts;
  });
  // the pane at each width from 150 to 260 px (its width in a window is set by styles/layout.css)
  const pane = (width: string) => page.locator('.app').evaluate((el, w) => (el as HTMLElement).style.setProperty('--history-width', w), width);
  let wrapped = 0;
  for (let width = 150; width <= 260; width += 3) {
    await pane(`${width}px`);
    const starts = await lineStarts();
    if (starts.length > 1) wrapped++;
    expect(starts, `at ${width} px`).not.toContain('·');
  }
  expect(wrapped).toBeGreaterThan(10);
  await pane('');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('in a narrow window an entry’s SQL breaks between words, not inside a name that fits a line', async ({ shared: app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 650 });
  await runSql(page, 'select 1 as "seattle_weather"');
  const sql = history(page).getByRole('listitem').first().locator('.sql');
  await expect(sql).toHaveText('select 1 as "seattle_weather"');
  // the tops of the name's characters: one line, whatever the line before it holds
  const nameTops = () => history(page).getByRole('listitem').first().locator('.sql').evaluate((el) => {
    const text = el.firstChild as Text;
    const from = text.data.indexOf('"seattle_weather"');
    return Array.from({ length: '"seattle_weather"'.length }, (_, i) => {
      const r = document.createRange();
      r.setStart(text, from + i);
      r.setEnd(text, from + i + 1);
      return Math.round(r.getBoundingClientRect().top);
    });
  });
  expect(new Set(await nameTops()).size).toBe(1);
  // run again: its "×2" goes beside the status line under the SQL, and the name still fits its line
  await runSql(page, 'select 1 as "seattle_weather"');
  const newest = history(page).getByRole('listitem').first();
  await expect(newest.locator('.repeat-count')).toHaveText('×2');
  expect(new Set(await nameTops()).size).toBe(1);
  const [badge, sqlBox] = [await newest.locator('.repeat-count').boundingBox(), await newest.locator('.sql').boundingBox()];
  expect(badge!.y).toBeGreaterThanOrEqual(sqlBox!.y + sqlBox!.height - 1); // under the SQL, not beside it
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('history by keyboard: one Tab stop, arrows between entries and their buttons, Enter puts the SQL in the editor', async ({ shared: app }) => {
  const { page } = app;
  for (const n of [1, 2, 3, 4]) {
    await runSql(page, `select ${n} as n`);
    // the status reads alike for each query: the grid's value says this one's result is in
    await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText([String(n)]);
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  }
  const items = history(page).getByRole('listitem');
  await expect(items).toHaveCount(4);
  const pick = (i: number) => items.nth(i).getByRole('button', { name: 'Put in editor' });
  const repeat = (i: number) => items.nth(i).getByRole('button', { name: 'Repeat query' });
  const fork = (i: number) => items.nth(i).getByRole('button', { name: 'Fork from here' });

  // the search box, then the list as one stop (the newest entry), then out of it
  const search = page.getByRole('searchbox', { name: 'Search history' });
  await search.focus();
  await page.keyboard.press('Tab');
  await expect(pick(0)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(history(page).locator(':focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(pick(0)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(search).toBeFocused();
  // Down from the search goes to the newest entry too
  await page.keyboard.press('ArrowDown');
  await expect(pick(0)).toBeFocused();

  // Up/Down between entries, Home/End and PageUp/PageDown to the ends (no wrapping)
  await page.keyboard.press('ArrowDown');
  await expect(pick(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(pick(3)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(pick(3)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(pick(0)).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(pick(3)).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(pick(0)).toBeFocused();

  // Right/Left between an entry's buttons; Up/Down keep the button
  await page.keyboard.press('ArrowRight');
  await expect(repeat(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(fork(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(fork(0)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await expect(repeat(1)).toBeFocused();
  // the stop is the button last focused: Tab out and back comes to it
  await page.keyboard.press('Shift+Tab');
  await expect(search).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(repeat(1)).toBeFocused();
  await expect(history(page).locator('button[tabindex="0"]')).toHaveCount(1);

  // Enter on an entry puts its SQL in the editor, and the caret there
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await expect(pick(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(page)).toBe('select 2 as n');
  await expect(editor(page)).toBeFocused();
  await expect(items).toHaveCount(4);
});

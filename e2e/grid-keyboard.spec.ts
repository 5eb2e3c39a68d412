import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { grid, mod, ready, runSql, screenshot, status, tabs } from './workbench.helpers';

const SQL = 'select Name, Horsepower, Year, Origin from cars';
const sortButton = (page: Page, column: string) => grid(page).getByRole('button', { name: `Sort by ${column}`, exact: true });
const header = (page: Page, column: string) => grid(page).getByRole('columnheader').filter({ has: page.getByRole('button', { name: `Sort by ${column}`, exact: true }) });
const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });
const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });
const selectedCells = (page: Page) => grid(page).locator('[role="gridcell"][aria-selected="true"]');

async function openCars(page: Page, sql = SQL): Promise<void> {
  await ready(page, 'cars');
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
}

test('the window’s shortcuts reach it from a header’s sort button and a filter box; the grid’s keys stay the grid’s', async ({ shared: app }) => {
  const { page } = app;
  await openCars(page);
  const activeCell = () => grid(page).getAttribute('aria-activedescendant');

  // the sort button: Enter sorts, ↓ goes down to its column's first row, Ctrl+Z / Ctrl+Y undo and redo the sort
  await sortButton(page, 'Horsepower').focus();
  await page.keyboard.press('Enter');
  await expect(header(page, 'Horsepower')).toHaveAttribute('aria-sort', 'ascending');
  await sortButton(page, 'Horsepower').focus();
  await page.keyboard.press('ArrowDown');
  await expect(grid(page)).toBeFocused();
  expect(await activeCell()).toMatch(/-0-1$/);
  // the grid shows a sort at once; it is undoable once recorded
  await expect(undoButton(page)).toHaveAttribute('aria-description', 'Undo sort by Horsepower');
  await page.keyboard.press(`${mod}+z`);
  await expect(header(page, 'Horsepower')).toHaveAttribute('aria-sort', 'none');
  // a key has no tooltip that said what it would do: the notice says what it did
  await expect(page.locator('.notice')).toHaveText('Undone: sort by Horsepower');
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
  await sortButton(page, 'Horsepower').focus();
  await page.keyboard.press(`${mod}+y`);
  await expect(header(page, 'Horsepower')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.notice')).toHaveText('Redone: sort by Horsepower');

  // a filter box: Ctrl+Z undoes the typing (a text field's own undo), not the session's sort; Home, ← and → move the caret only
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await filterBox(page, 'Name').focus();
  // one insertion, so one undo step: typed key by key on a loaded machine, the filter applying
  // between two keys splits Chromium's undo group, and Ctrl+Z takes back only the last letters
  await page.keyboard.insertText('ford');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(filterBox(page, 'Name')).toBeFocused();
  await page.keyboard.press(`${mod}+z`);
  await expect(filterBox(page, 'Name')).toHaveValue('');
  await expect(header(page, 'Horsepower')).toHaveAttribute('aria-sort', 'ascending');
  expect(await activeCell()).toMatch(/-0-0$/);

  // Ctrl+Enter in a filter box runs the editor's query, as anywhere in the window: a new result
  const before = await activeCell();
  await filterBox(page, 'Name').focus();
  await page.keyboard.press(`${mod}+Enter`);
  await expect.poll(activeCell).not.toBe(before);
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);

  // Alt+T (a browser keeps Ctrl+T) from a sort button opens a session
  await sortButton(page, 'Year').focus();
  await page.keyboard.press('Alt+t');
  await expect(tabs(page)).toHaveCount(2);
});

test('Escape after Select all collapses the selection to the cell it was on', async ({ shared: app }) => {
  const { page } = app;
  await openCars(page);
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-2-1$/);
  await page.keyboard.press(`${mod}+a`);
  await expect.poll(() => selectedCells(page).count()).toBeGreaterThan(20);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-2-1$/);
  await page.keyboard.press('Escape');
  await expect(selectedCells(page)).toHaveCount(1);
  await expect(selectedCells(page)).toHaveAttribute('id', /-2-1$/);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-2-1$/);
  // a Shift+arrow rectangle too
  await page.keyboard.press('Shift+ArrowDown');
  await expect(selectedCells(page)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(selectedCells(page)).toHaveCount(1);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-3-1$/);
});

/** How far a control sits under the sticky row numbers (0: not at all). */
const underGutter = (page: Page, control: Locator) =>
  control.evaluate((el) => {
    const gutter = el.closest('[role="grid"]')!.querySelector('.grid-header .gutter')!.getBoundingClientRect();
    return Math.max(0, Math.round(gutter.right - el.getBoundingClientRect().left));
  });

test('a header or filter box focused in a grid scrolled sideways comes into view right of the row numbers', async ({ shared: app }) => {
  const { page } = app;
  await openCars(page, 'select * from cars');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  for (const control of [sortButton(page, 'Name'), filterBox(page, 'Name')]) {
    // scrolled so that Name's column starts under the row numbers, still drawn
    await grid(page).evaluate((el) => el.scrollTo({ left: 60 }));
    await expect.poll(() => underGutter(page, control)).toBeGreaterThan(40);
    await control.focus();
    await expect.poll(() => underGutter(page, control)).toBe(0);
  }
  // what is typed shows there too
  await page.keyboard.type('chev');
  await expect(filterBox(page, 'Name')).toHaveValue('chev');
  expect(await underGutter(page, filterBox(page, 'Name'))).toBe(0);
});

test('"Filters" pressed after sorting from a header opens that column’s box; after a cell, the cell’s column', async ({ shared: app }) => {
  const { page } = app;
  await openCars(page);
  await sortButton(page, 'Year').focus();
  await page.keyboard.press('Enter');
  await expect(header(page, 'Year')).toHaveAttribute('aria-sort', 'ascending');
  // the toolbar's Filters, reached from the header as a person tabs back to it
  const filters = page.getByRole('button', { name: 'Filters', exact: true });
  await filters.focus();
  await page.keyboard.press('Enter');
  await expect(filterBox(page, 'Year')).toBeFocused();
  await page.keyboard.press('Escape');
  await filters.click(); // hidden
  await grid(page).getByRole('gridcell').filter({ hasText: /^\d+$/ }).first().click();
  await filters.focus();
  await page.keyboard.press('Enter');
  await expect(filterBox(page, 'Horsepower')).toBeFocused();
  await filters.click();
});

test('a column wider than the grid, reached by the arrow keys, shows its start: its name and left-aligned text', async ({ shared: app }) => {
  const { page } = app;
  // the chart beside it leaves the grid ~330 px for columns; the long text's column is fitted to 420
  await openCars(page, 'select Name, repeat(Name, 20) as long_text, Year from cars');
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.locator('.linked-charts .chart-plot svg')).toBeVisible();
  const room = await grid(page).evaluate((el) => el.clientWidth - el.querySelector('.grid-header .gutter')!.getBoundingClientRect().width);
  const wide = header(page, 'long_text');
  expect(await wide.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(room);
  await grid(page).getByRole('gridcell').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(grid(page).locator('[role="gridcell"].active')).toHaveAttribute('aria-colindex', '2');
  await expect.poll(() => underGutter(page, wide)).toBe(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => underGutter(page, wide)).toBe(0);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
});

/** The colours drawn at points of the page, as [r, g, b], read from a screenshot. */
async function pixels(page: Page, points: readonly (readonly [number, number])[]): Promise<number[][]> {
  const png = (await page.screenshot()).toString('base64');
  const reader = await page.context().newPage();
  try {
    return await reader.evaluate(
      async ({ png, points }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const g = canvas.getContext('2d')!;
        g.drawImage(image, 0, 0);
        return points.map(([x, y]) => [...g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)]);
      },
      { png, points },
    );
  } finally {
    await reader.close();
  }
}

const accentOf = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--accent)';
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
    probe.remove();
    return rgb;
  });

for (const scheme of ['light', 'dark'] as const) {
  test(`the focused grid and its active cell are outlined in the accent colour, over the rows and row numbers (${scheme})`, async ({ shared: app }, testInfo) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await openCars(page);
    await expect(grid(page).getByRole('gridcell').first()).not.toHaveText('');
    // from the keyboard: Escape in a filter box hands focus back to the grid
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await filterBox(page, 'Name').focus();
    await page.keyboard.press('Escape');
    await expect(grid(page)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const frame = (await grid(page).boundingBox())!;
    const cell = (await grid(page).locator('[role="gridcell"].active').boundingBox())!;
    const midY = frame.y + frame.height / 2;
    const midX = frame.x + frame.width / 2;
    const points = [
      [frame.x + 0.5, midY], // the left edge, over the row numbers
      [frame.x + 0.5, frame.y + 20], // over the header's corner
      [midX, frame.y + 0.5], // the top edge, over the header
      [midX, frame.y + frame.height - 1.5], // the bottom edge, over the rows
      [cell.x + 0.5, cell.y + cell.height / 2], // the active cell's left edge
      [cell.x + cell.width / 2, cell.y + 0.5], // its top
    ] as const;
    const accent = await accentOf(page);
    const near = (rgb: number[]) => rgb.every((c, i) => Math.abs(c - accent[i]!) <= 24);
    expect((await pixels(page, points)).map(near), `accent ${accent.join(',')} at ${JSON.stringify(points)}`).toEqual(points.map(() => true));
    await screenshot(page, testInfo, `grid-focused-${scheme}`);
  });
}

const MOVIES = `read_json_auto('${VEGA_DATA}/movies.json')`;
/** Whether focus is in the Results grid: the grid itself or one of its header's controls. */
const focusInGrid = (page: Page) => grid(page).evaluate((el) => el.contains(document.activeElement));

test('Ctrl/Cmd+Enter pressed in the grid, or on a sort button, runs the query and leaves focus in the new result’s grid, on its first cell', async ({ shared: app }) => {
  const { page } = app;
  await openCars(page);
  const activeCell = () => grid(page).getAttribute('aria-activedescendant');
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  for (const from of ['the grid', 'a sort button']) {
    if (from === 'a sort button') {
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await expect(sortButton(page, 'Name')).toBeFocused();
    }
    const before = await activeCell();
    await page.keyboard.press(`${mod}+Enter`);
    await expect.poll(activeCell, from).not.toBe(before);
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
    await expect(grid(page), from).toBeFocused();
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-0-0$/);
  }
});

test('the grid is one Tab stop: arrows reach every sort button and filter box, scrolled away or not, and Tab leaves from any of them', async ({ shared: app }) => {
  const { page } = app;
  const names = (await duckdbRows(`select column_name from (describe select * from ${MOVIES})`)).map(([n]) => n!);
  expect(names).toHaveLength(16);
  await runSql(page, `select * from ${MOVIES}`);
  await expect(status(page)).toHaveText(/^3,201\u00a0rows in [\d,]+\u00a0ms$/);
  // "Filters" puts the caret in the active column's box
  await grid(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const filters = page.getByRole('button', { name: 'Filters', exact: true });
  await filters.focus();
  await page.keyboard.press('Enter');
  await expect(filterBox(page, names[2]!)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(grid(page)).toBeFocused();

  // one stop: Tab leaves the grid, Shift+Tab comes back to it, Shift+Tab again leaves it for the toolbar above
  await page.keyboard.press('Tab');
  expect(await focusInGrid(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focusInGrid(page)).toBe(false);
  await expect(page.getByRole('toolbar', { name: 'Result view' }).locator(':focus')).toHaveCount(1);

  // ↑ from the first row: the filter box, then the sort button; along the header to the last column and down
  // into each column's box (those of the columns scrolled away too), and back up
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  await expect(filterBox(page, names[0]!)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(sortButton(page, names[0]!)).toBeFocused();
  for (const [i, name] of names.entries()) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(sortButton(page, name)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(filterBox(page, name)).toBeFocused();
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Home');
  await expect(sortButton(page, names[0]!)).toBeFocused();
  await page.keyboard.press('End');
  await expect(sortButton(page, names[15]!)).toBeFocused();

  // sorting by keyboard: Enter sorts, Shift+Enter adds a further key
  await page.keyboard.press('Enter');
  await expect(header(page, names[15]!)).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+Enter');
  // (aria-sort is the primary key's alone; a further key shows its rank)
  await expect(header(page, names[14]!).locator('.sort-rank')).toHaveText('2');
  await expect(header(page, names[15]!)).toHaveAttribute('aria-sort', 'ascending');

  // Tab leaves the grid from a sort button, Shift+Tab too (not back to the grid), and from a filter box
  await page.keyboard.press('Tab');
  expect(await focusInGrid(page)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  // once out, the grid is the stop again
  await page.keyboard.press('Shift+Tab');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(sortButton(page, names[3]!)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focusInGrid(page)).toBe(false);
  await expect(page.getByRole('toolbar', { name: 'Result view' }).locator(':focus')).toHaveCount(1);
  await grid(page).focus();
  await page.keyboard.press('ArrowUp');
  await expect(filterBox(page, names[3]!)).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focusInGrid(page)).toBe(false);

  // ↓ from a filter box: the grid, on its column's first row
  await filterBox(page, names[3]!).focus();
  await page.keyboard.press('ArrowDown');
  await expect(grid(page)).toBeFocused();
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /-0-3$/);
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DRAFT_SAVE_DELAY_MS } from '../src/renderer/state/draftSaves';
import { GUTTER_WIDTH, HEADER_HEIGHT, ROW_HEIGHT } from '../src/renderer/components/grid/gridGeometry';
import { scrollScale } from '../src/renderer/components/grid/scrollScale';
import { countStoredEvents, nodeClient } from './nodeClient';
import { editor, editorText, grid, gridRow, history, mod, runSql, screenshot, status, tabs } from './workbench.helpers';

test('tabs: new with Ctrl/Cmd+T, rename by double-click, close with Ctrl/Cmd+W, reopen the last closed', async ({ app }, testInfo) => {
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(page.getByRole('button', { name: 'Reopen closed session' })).toBeDisabled();

  await page.keyboard.press(`${mod}+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  expect(await editorText(page)).toBe('');

  await page.getByRole('tab', { name: 'Session 2' }).dblclick();
  await page.getByRole('textbox', { name: 'Session name' }).fill('Flights');
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);

  await runSql(page, 'select 7 as seven');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  // Clicked, as a person would: a programmatic focus leaves the caret where the browser puts it
  // (the start), which CodeMirror may read after the End key under load (CI once typed at 0).
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type(', 8 as eight');
  await screenshot(page, testInfo, 'sessions-two-tabs');

  await page.keyboard.press(`${mod}+w`);
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press(`${mod}+Shift+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);
  await expect(page.getByRole('tab', { name: 'Flights' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => editorText(page)).toBe('select 7 as seven, 8 as eight');
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect(history(page).getByRole('listitem').first()).toContainText('select 7 as seven');
  await expect(page.getByRole('button', { name: 'Reopen closed session' })).toBeDisabled();

  // The close button and the reopen button do the same.
  await page.getByRole('button', { name: 'Close Session 1' }).click();
  await expect(tabs(page)).toHaveText(['Flights']);
  await page.getByRole('button', { name: 'Reopen closed session' }).click();
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);
});

test('tooltips name the tab shortcuts that work where the app runs: Alt in a browser, which keeps Ctrl/Cmd+T, W and Shift+T', async ({ app }, testInfo) => {
  const { page } = app;
  const keys = testInfo.project.name === 'web' ? ['Alt+T', 'Alt+W', 'Alt+Shift+T'] : ['Ctrl/Cmd+T', 'Ctrl/Cmd+W', 'Ctrl/Cmd+Shift+T'];
  await expect(page.getByRole('button', { name: 'New session' })).toHaveAttribute('title', `New session (${keys[0]})`);
  await expect(page.getByRole('button', { name: 'Close Session 1' })).toHaveAttribute('title', `Close (${keys[1]})`);
  await expect(page.getByRole('button', { name: 'Reopen closed session' })).toHaveAttribute('title', `Reopen closed session (${keys[2]})`);
  // What they name works: Alt+T opens a tab, Alt+W closes it, Alt+Shift+T brings it back (Ctrl/Cmd: the first test).
  if (testInfo.project.name !== 'web') return;
  await page.locator('body').focus();
  await page.keyboard.press('Alt+t');
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await page.keyboard.press('Alt+w');
  await expect(tabs(page)).toHaveText(['Session 1']);
  // Pressed together, before the new tab is back from main: the close is still for the new tab.
  await page.keyboard.press('Alt+t');
  await page.keyboard.press('Alt+w');
  await expect.poll(() => countStoredEvents(page.url(), 'SessionClosed')).toBe(2);
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
  // The second new tab was "Session 3": "Session 2" was closed, not gone, and comes back as itself.
  await page.keyboard.press('Alt+Shift+t');
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 3']);
  await page.keyboard.press('Alt+Shift+t');
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2', 'Session 3']);
});

test('focus stays on the tabs: Delete hands it to the tab shown now, Ctrl/Cmd+Z to the tab it brings back', async ({ app }) => {
  const { page } = app;
  for (const n of [2, 3]) {
    await page.getByRole('button', { name: 'New session' }).click();
    await expect(tabs(page)).toHaveCount(n);
  }
  const shownTab = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { selected: true });
  await page.getByRole('tab', { name: 'Session 2' }).click();
  await expect(page.getByRole('tab', { name: 'Session 2' })).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 3']);
  await expect(shownTab).toBeFocused();
  await page.keyboard.press(`${mod}+z`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2', 'Session 3']);
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Session 2' })).toBeFocused();
});

test('with more tabs than fit, the strip scrolls and the shown tab is always in sight: opened, switched to, after a reload, in a narrower window', async ({ app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  // the app is up (its keys listened for) before the first Ctrl+T
  await expect(tabs(page)).toHaveText(['Session 1']);
  for (let n = 2; n <= 12; n++) {
    await page.keyboard.press(`${mod}+t`);
    await expect(tabs(page)).toHaveCount(n);
  }
  const strip = page.getByRole('tablist', { name: 'Sessions' });
  /** The shown tab lies wholly inside the strip's visible box, clear of the edges where hidden tabs fade, and the strip inside the window. */
  const inSight = async () => {
    const box = (await strip.boundingBox())!;
    const tab = (await page.getByRole('tab', { selected: true }).boundingBox())!;
    const fade = 24;
    return tab.x >= box.x + (tab.x > box.x + 1 ? fade : -0.5) && tab.x + tab.width <= box.x + box.width - fade && box.x + box.width <= page.viewportSize()!.width;
  };
  /** Which sides of the strip hide tabs (and fade there). */
  const hidden = () => strip.evaluate((el) => [el.hasAttribute('data-more-before'), el.hasAttribute('data-more-after')]);
  /** The shown tab's label drawn whole, not cut with "…" (a bold label once was, in a tab its unselected neighbours fit). */
  const labelWhole = () => page.getByRole('tab', { selected: true }).evaluate((el) => el.scrollWidth <= el.clientWidth);
  await expect(page.getByRole('tab', { name: 'Session 12' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(inSight).toBe(true);
  await expect.poll(labelWhole).toBe(true);
  await expect(page.getByRole('button', { name: /New session/ })).toBeInViewport();
  // Home, then End: from one end of the strip to the other.
  await page.getByRole('tab', { name: 'Session 12' }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Session 1', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(inSight).toBe(true);
  await expect.poll(hidden).toEqual([false, true]);
  await screenshot(page, testInfo, 'sessions-many-tabs');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Session 12' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(inSight).toBe(true);
  await expect.poll(hidden).toEqual([true, false]);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Session 12' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(inSight).toBe(true);
  // A narrower window: the strip shrinks from the right, under the last tab shown there, and scrolls to keep it in sight.
  await page.setViewportSize({ width: 900, height: 650 });
  await expect.poll(inSight).toBe(true);
  await expect.poll(hidden).toEqual([true, false]);
  await page.getByRole('tab', { name: 'Session 12' }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Session 8' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(inSight).toBe(true);
  await expect.poll(hidden).toEqual([true, true]);
});

test('each draft and the open tab survive a restart; drafts are saved debounced, not per keystroke', async ({ app }, testInfo) => {
  const { page } = app;
  // The page's timers run on Playwright's clock, installed before the app loads and paused once it
  // has: the save delay passes only when the test moves the clock on, however slowly the machine types.
  await page.clock.install();
  await page.reload();
  await expect(tabs(page)).toHaveText(['Session 1']);
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));

  const first = 'select Name from cars where Year > 1975';
  await editor(page).click();
  await page.keyboard.type(first, { delay: 15 });
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await editor(page).click();
  await page.keyboard.type('select 2 as two', { delay: 15 });
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect.poll(() => editorText(page)).toBe(first);

  // 54 keystrokes in two bursts, one per session: one saved draft per burst, none per keystroke.
  // Barriers: a session's commands are handled in the order they arrive, so once the tab click
  // (SessionActivated of session 1) and session 2's draft are in the log, so is every save sent before.
  const client = await nodeClient(page.url());
  const stored = (type: 'DraftSaved' | 'SessionActivated') => countStoredEvents(page.url(), type);
  try {
    // Switching tabs saved session 2's draft at once; session 1's waits for the save delay.
    await expect.poll(() => stored('SessionActivated')).toBe(1);
    await expect.poll(() => client.sessions()[1]?.draft).toBe('select 2 as two');
    expect(await stored('DraftSaved'), 'session 2 saved once, session 1 not before the delay').toBe(1);

    await page.clock.runFor(DRAFT_SAVE_DELAY_MS);
    await expect.poll(() => client.sessions()[0]?.draft).toBe(first);
    expect(await stored('DraftSaved'), 'session 1 saved once, after the delay').toBe(2);

    // Nothing more is saved while nobody types: ten save delays later, two tab clicks (each saves what
    // is pending of the tab left) are recorded after anything those delays sent, and no save is among them.
    await page.clock.runFor(10 * DRAFT_SAVE_DELAY_MS);
    await page.getByRole('tab', { name: 'Session 2' }).click();
    await page.getByRole('tab', { name: 'Session 1' }).click();
    await expect.poll(() => stored('SessionActivated')).toBe(3);
    expect(await stored('DraftSaved'), 'nothing more is saved while nobody types').toBe(2);
  } finally {
    client.close();
  }

  await app.restartHost();
  // The desktop app restarts with a new window; for the web host, a fresh browser profile: nothing
  // kept in the page's storage, everything comes from the event log.
  const browser = testInfo.project.name === 'web' ? app.page.context().browser() : null;
  const fresh = browser ? await browser.newContext({ viewport: { width: 1280, height: 800 } }) : undefined;
  try {
    const again = fresh ? await fresh.newPage() : app.page;
    if (fresh) await again.goto(page.url());
    await expect(tabs(again)).toHaveText(['Session 1', 'Session 2']);
    await expect(again.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => editorText(again)).toBe(first);
    await again.getByRole('tab', { name: 'Session 2' }).click();
    await expect.poll(() => editorText(again)).toBe('select 2 as two');
  } finally {
    await fresh?.close();
  }
});

test('a tab switched back to shows its rows in its first paint, never an empty grid waiting for main', async ({ app }) => {
  const { page } = app;
  await runSql(page, "select 'first' as tab, 1 as n");
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('first');
  await page.keyboard.press(`${mod}+t`);
  await runSql(page, "select 'second' as tab, 2 as n");
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('second');

  // One round: each grid then holds its completed result's pages (a page fetched while the query
  // ran is not final, so the first switch after a run may still ask main).
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('first');
  await page.keyboard.press('Alt+PageDown');
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('second');

  // Every DOM change is seen before it can be painted: an empty cell in the first row is the grid waiting for a page.
  await page.evaluate(() => {
    const w = window as unknown as { emptySeen: boolean };
    w.emptySeen = false;
    new MutationObserver(() => {
      const cells = document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex="2"] [role="gridcell"]');
      if ([...cells].some((c) => c.textContent === '')) w.emptySeen = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('first');
  await page.keyboard.press('Alt+PageDown');
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('second');
  expect(await page.evaluate(() => (window as unknown as { emptySeen: boolean }).emptySeen)).toBe(false);
});

/** What a person sees first: the row number and the cells of the row just under the sticky header, right of the row numbers. */
const firstShown = (page: Page) =>
  grid(page).evaluate(
    (el, { header, gutter }) => {
      const box = el.getBoundingClientRect();
      const y = box.top + header + 1;
      const row = [...el.querySelectorAll('[role="row"]:not([aria-rowindex="1"])')].find((r) => r.getBoundingClientRect().top <= y && r.getBoundingClientRect().bottom > y);
      const cells = [...(row?.querySelectorAll('[role="gridcell"]') ?? [])].filter((c) => c.getBoundingClientRect().right > box.left + gutter + 1 && c.getBoundingClientRect().left < box.right);
      return { row: row?.querySelector('[role="rowheader"]')?.textContent, cells: cells.map((c) => c.textContent) };
    },
    { header: HEADER_HEIGHT, gutter: GUTTER_WIDTH },
  );

/** Scrolls the grid so `row` (from 0) is half under the sticky header: a rounding of the scroll position cannot show another row first. */
async function scrollToRow(page: Page, rows: number, row: number, left: number): Promise<void> {
  const viewport = await grid(page).evaluate((el) => el.clientHeight);
  const top = Math.round(scrollScale(HEADER_HEIGHT + rows * ROW_HEIGHT, viewport).toPhysical((row + 0.5) * ROW_HEIGHT));
  await grid(page).evaluate((el, to) => el.scrollTo(to), { top, left });
}

test('a tab switched back to shows the rows and columns it was left at, even in a resized window; a closed tab or a re-run starts at the top', async ({ app }, testInfo) => {
  const { page } = app;
  // 3 M rows, taller than a browser's scroll height, and seven columns with long names, wider than
  // the grid; made by DuckDB's range(), each cell its row's own number, so a wrong row shows other cells.
  const times = [2, 3, 5, 7, 11, 13].map((k) => `range * ${k} as the_row_number_times_${k}_as_a_wide_column`);
  const sql = `select range as row_number_from_zero_as_range_counts_it, ${times.join(', ')} from range(3000000)`;
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^3,000,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 60_000 });
  await page.keyboard.press(`${mod}+t`);
  await runSql(page, "select 'second' as tab");
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['second']);
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3000001');

  // Far down a compressed scroll height (3 M rows do not fit a browser's), and sideways.
  await scrollToRow(page, 3_000_000, 1_234_567, 300);
  await expect.poll(async () => (await firstShown(page)).row).toBe('1,234,568');
  await expect.poll(async () => (await firstShown(page)).cells.every((text) => text !== '')).toBe(true);
  const left = await firstShown(page);
  expect(left.cells.length).toBeGreaterThan(0);
  const scrollLeft = await grid(page).evaluate((el) => el.scrollLeft);
  expect(scrollLeft).toBeGreaterThan(0);

  // Away: the window gets shorter meanwhile, so the same scroll position would now be other rows.
  await page.keyboard.press('Alt+PageDown');
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['second']);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: size.height - 200 });
  await page.keyboard.press('Alt+PageUp');
  await expect.poll(() => firstShown(page)).toEqual(left);
  expect(await grid(page).evaluate((el) => el.scrollLeft)).toBe(scrollLeft);
  await screenshot(page, testInfo, 'sessions-scroll-kept');

  // Closed and reopened, the tab starts at the top.
  await page.keyboard.press('Alt+w');
  await expect(tabs(page)).toHaveText(['Session 2']);
  await page.keyboard.press('Alt+Shift+t');
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3000001');
  await expect.poll(async () => (await firstShown(page)).row).toBe('1');
  expect(await grid(page).evaluate((el) => el.scrollLeft)).toBe(0);

  // Scrolled and kept again, then run again: a new result, seen from the top, here and after a switch.
  await scrollToRow(page, 3_000_000, 5000, 300);
  await expect.poll(async () => (await firstShown(page)).row).toBe('5,001');
  await page.keyboard.press('Alt+PageDown');
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['second']);
  await page.keyboard.press('Alt+PageUp');
  await expect.poll(async () => (await firstShown(page)).row).toBe('5,001');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(status(page)).toHaveText(/^3,000,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 60_000 });
  await expect.poll(async () => (await firstShown(page)).row).toBe('1');
  await page.keyboard.press('Alt+PageDown');
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['second']);
  await page.keyboard.press('Alt+PageUp');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3000001');
  await expect.poll(async () => (await firstShown(page)).row).toBe('1');
  expect(await grid(page).evaluate((el) => el.scrollLeft)).toBe(0);
});

import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { exportSession, importOnFreshMachine } from './share.helpers';
import { allowClipboard, editorText, grid, gridRow, history, readClipboard, ready, runSql, screenshot, status, tabs } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const FIRST = 'select Name, Horsepower from cars order by Name limit 5';
const SECOND = 'select Origin, count(*) as n from cars group by Origin order by Origin';
const shown = (rows: readonly (readonly (string | null)[])[]) => rows.map((r) => r.map((v) => v ?? 'NULL'));

/** Every cell of the first `n` rows, as the grid shows them. */
async function rowsShown(page: Page, n: number): Promise<string[][]> {
  const out: string[][] = [];
  for (let r = 0; r < n; r++) out.push(await gridRow(page, r + 2).getByRole('gridcell').allTextContents());
  return out;
}

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });

test('travel back to a query, come back to now, and fork from there into a new tab; the original is untouched', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const first = shown(await duckdbRows(FIRST.replace('from cars', `from ${CARS}`)));
  const second = shown(await duckdbRows(`${SECOND.replace('from cars', `from ${CARS}`).replace('order by Origin', 'order by n desc')}`));

  await runSql(page, FIRST);
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  await runSql(page, SECOND);
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await grid(page).getByRole('button', { name: 'Sort by n', exact: true }).click();
  await grid(page).getByRole('button', { name: 'Sort by n', exact: true }).click(); // descending
  await expect.poll(() => rowsShown(page, 3)).toEqual(second);
  await tabs(page).first().press('F2');
  await page.getByRole('textbox', { name: 'Session name' }).fill('Delays');
  await page.keyboard.press('Enter');
  await expect(tabs(page).first()).toHaveText('Delays');

  // The timeline: newest first, grouped as a person thinks of them.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(timeline(page).getByRole('listitem').first()).toContainText('Renamed to “Delays”');
  await expect(timeline(page).getByRole('listitem').nth(1)).toContainText('Sorted by n descending');
  await expect(entry(page, `Ran query ${FIRST} · 5 rows`)).toHaveCount(1);

  // By keyboard: arrows move to the first query's entry, Enter shows the session as it was then.
  const target = entry(page, `Ran query ${FIRST}`).getByRole('button').first();
  await timeline(page).getByRole('button').first().focus();
  for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(banner(page)).toContainText(/Viewing as of \S/);
  await expect.poll(() => rowsShown(page, 5)).toEqual(first);
  await expect(page.getByLabel('SQL draft (read-only)')).toHaveText(FIRST);
  await expect(page.locator('.past-title')).toHaveText('Session 1');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
  // Undo waits for now; it does not pretend there is nothing to undo
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAccessibleDescription('Not while the past is shown: go back to now first');
  // the catalog travels too, and says when it was so (e2e/time-catalog.spec.ts)
  await expect(page.getByRole('region', { name: 'Datasets' }).locator('.catalog-then')).toHaveText(`As they were at ${await banner(page).locator('time').textContent()}`);
  await screenshot(page, testInfo, 'viewing-the-past');

  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('.catalog-then')).toHaveCount(0);
  await expect.poll(() => rowsShown(page, 3)).toEqual(second);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAccessibleDescription('Undo rename to “Delays”');
  await expect.poll(() => editorText(page)).toBe(SECOND);

  // Fork from the first query's point: a new tab with the original's content then.
  await entry(page, `Ran query ${FIRST}`).getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await entry(page, `Ran query ${FIRST}`).getByRole('button', { name: 'Fork from here' }).click();
  // named as the original is called now, with what it was called then: "Session 1" could be another tab's
  await expect(tabs(page)).toHaveText(['Delays', 'Delays (fork)']);
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  // marked as a fork before its title, whose "(fork)" a narrow tab cuts; the original is not
  await expect(tabs(page).nth(1).locator('svg.tab-fork')).toBeVisible();
  await expect(tabs(page).nth(0).locator('svg.tab-fork')).toHaveCount(0);
  await expect(page.getByText(/^forked from Delays \(then “Session 1”\) at /)).toBeVisible();
  await expect.poll(() => rowsShown(page, 5)).toEqual(first);
  await expect.poll(() => editorText(page)).toBe(FIRST);
  await screenshot(page, testInfo, 'fork');

  // The original is as it was.
  await tabs(page).first().click();
  await expect.poll(() => rowsShown(page, 3)).toEqual(second);
  await expect.poll(() => editorText(page)).toBe(SECOND);

  // "Fork from here" on a query of the history forks where that query's timeline entry ends.
  await history(page).getByRole('listitem').filter({ hasText: FIRST }).getByRole('button', { name: 'Fork from here' }).click();
  await expect(tabs(page)).toHaveText(['Delays', 'Delays (fork)', 'Delays (fork)']);
  await expect(tabs(page).nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/^forked from Delays \(then “Session 1”\) at /)).toBeVisible();
  // the note's title sits in its quotes, no gap between them (a flex row's gap once put one on each side)
  const inQuotes = await page.locator('.fork-origin bdi').nth(1).evaluate((bdi) => {
    const open = bdi.previousSibling!;
    const range = document.createRange();
    range.setStart(open, open.textContent!.length - 1);
    range.setEnd(open, open.textContent!.length);
    return bdi.getBoundingClientRect().left - range.getBoundingClientRect().right;
  });
  expect(Math.abs(inQuotes)).toBeLessThan(1);
  // a window too narrow for the tabs' titles cuts each at its end: a fork's mark and first letters stay in the tab
  await page.setViewportSize({ width: 800, height: 700 });
  const forkTab = tabs(page).nth(2);
  const cut = await forkTab.evaluate((tab) => ({ overflows: tab.scrollWidth > tab.clientWidth, left: tab.getBoundingClientRect().left, icon: tab.querySelector('svg')!.getBoundingClientRect().left }));
  expect(cut.overflows).toBe(true);
  expect(cut.icon).toBeGreaterThanOrEqual(cut.left);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => rowsShown(page, 5)).toEqual(first);
  await expect.poll(() => editorText(page)).toBe(FIRST);
  await expect(history(page).getByRole('listitem')).toHaveCount(1);

  // The fork's log imported where its original is not: named as it was then, and said not to be
  // here, so the fresh data dir's own "Session 1" is not taken for it.
  if (test.info().project.name !== 'web') return; // a browser download and file chooser
  const logPath = testInfo.outputPath('fork.sextant.ndjson');
  await exportSession(page, 'Event log (NDJSON)', logPath);
  await importOnFreshMachine(app, logPath, 'cars');
  await expect(tabs(page)).toHaveText(['Session 1', 'Delays (fork)']);
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.fork-origin')).toHaveText(/^forked from Session 1 \(not here\) at /);
});

test('the Timeline is one Tab stop, and a fork by keyboard leaves the focus on the fork’s tab', async ({ shared: app }) => {
  const { page } = app;
  const before = await tabs(page).allTextContents();
  for (const n of [1, 2, 3]) {
    await runSql(page, `select ${n} as i`);
    await expect(history(page).getByRole('listitem')).toHaveCount(n);
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  }
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(entry(page, 'Ran query select 1 as i')).toHaveCount(1);
  const picks = timeline(page).locator('.timeline-pick');
  await expect(picks.first()).toBeFocused();
  // Arrows move between entries; Tab leaves the list, whichever entry it is on.
  await page.keyboard.press('ArrowDown');
  await expect(picks.nth(1)).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await timeline(page).evaluate((list) => list.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(picks.nth(1)).toBeFocused();

  // Enter shows that point, Tab reaches "Fork from here", Enter forks: the focus is on the fork's tab.
  await page.keyboard.press('Enter');
  await expect(banner(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(timeline(page).getByRole('button', { name: 'Fork from here' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText([...before, `${before.at(-1)} (fork)`]);
  await expect(tabs(page).last()).toHaveAttribute('aria-selected', 'true');
  await expect(tabs(page).last()).toBeFocused();
});

test('a fork too long for one event is refused in the Timeline, where the person is, with its error id to copy', async ({ shared: app }) => {
  const { page } = app;
  const before = await tabs(page).allTextContents();
  await allowClipboard(page);
  // Five queries of 240,000 characters: their history is past the 1 MiB a fork's first event can carry.
  for (let n = 1; n <= 5; n++) {
    await runSql(page, `select ${n} as i -- ${'x'.repeat(240_000)}`);
    await expect(history(page).getByRole('listitem')).toHaveCount(n);
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  }
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await entry(page, 'Ran query select 5 as i').getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await entry(page, 'Ran query select 5 as i').getByRole('button', { name: 'Fork from here' }).click();

  const refusal = page.getByRole('region', { name: 'Timeline' }).getByRole('alert');
  await expect(refusal).toContainText(/too long to fork \(\d{1,3}(,\d{3})+ characters; a fork can carry about 1,048,576\)\. Nothing was stored\. \(error id \S+\)/);
  await expect(banner(page)).toBeVisible();
  await expect(tabs(page)).toHaveText(before); // no fork's tab
  const id = /\(error id (\S+)\)/.exec((await refusal.textContent()) ?? '')![1]!;
  await refusal.getByRole('button', { name: 'Copy error id' }).click();
  await expect.poll(() => readClipboard(page)).toBe(id);

  // said until the session moves on: after a later query the Timeline no longer says it
  await page.getByRole('button', { name: 'Back to now' }).click();
  await runSql(page, 'select 42 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(entry(page, 'Ran query select 42 as answer')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('alert')).toHaveCount(0);
});

test('"Fork from here" on a query that settled after the Timeline was last open forks where it settled, holding it', async ({ shared: app }) => {
  const { page } = app;
  const before = await tabs(page).allTextContents();
  await runSql(page, 'select 1 as first');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  const slow = 'select count(*) as n from range(1000000000) t(x) where x % 7 = 3';
  await runSql(page, slow);
  // the Timeline opened while it runs holds its entry as running, and is closed again
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(entry(page, 'Ran query select count(*) as n')).toContainText('running');
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(timeline(page)).toHaveCount(0);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/, { timeout: 60_000 });

  await history(page).getByRole('listitem').filter({ hasText: 'select count(*) as n' }).getByRole('button', { name: 'Fork from here' }).click();
  await expect(tabs(page)).toHaveText([...before, `${before.at(-1)} (fork)`]);
  await expect(tabs(page).last()).toHaveAttribute('aria-selected', 'true');
  // the fork holds the query as it ended (it was forked at the point the stale list said: before it ended)
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(history(page).getByRole('listitem').first()).toContainText(/completed · 1\srow ·/);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  expect(await gridRow(page, 2).getByRole('gridcell').allTextContents()).toEqual(shown(await duckdbRows(slow))[0]);
});

test('in the past the history puts nothing in the editor and repeats nothing, and says why; back to now both work', async ({ shared: app }) => {
  const { page } = app;
  const PAUSED = 'Not while the past is shown: go back to now first';
  await runSql(page, 'select 1 as one');
  await expect(status(page)).toHaveText(/^1\u00a0row in /);
  await runSql(page, 'select 2 as two');
  await expect(status(page)).toHaveText(/^1\u00a0row in /);
  const row = history(page).getByRole('listitem').filter({ hasText: 'select 1 as one' });
  const pick = row.getByRole('button', { name: 'Put in editor' });
  const repeat = row.getByRole('button', { name: 'Repeat query' });

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await entry(page, 'Ran query select 2 as two').getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  // Both stay where they are (the row keeps its buttons for the keys), marked unavailable with the reason, as Undo is.
  await expect(pick).toHaveAttribute('aria-disabled', 'true');
  await expect(pick).toHaveAccessibleDescription(`${PAUSED} select 1 as one`);
  await expect(pick).toHaveAttribute('title', PAUSED);
  await expect(repeat).toHaveAttribute('aria-disabled', 'true');
  await expect(repeat).toHaveAccessibleDescription(PAUSED);
  // and look it: pointed at, neither lights up, as a disabled button does not
  await pick.hover();
  await expect(pick).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await repeat.hover();
  await expect(repeat).toHaveCSS('border-color', 'rgba(0, 0, 0, 0)');
  // Pressed anyway (each keeps the focus), neither does anything: the past stays shown, no query is started.
  await pick.press('Enter');
  await repeat.press('Enter');
  await expect(repeat).toBeFocused();
  await expect(banner(page)).toBeVisible();
  await expect(history(page).getByRole('listitem')).toHaveCount(2);

  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => editorText(page)).toBe('select 2 as two');
  await expect(repeat).toHaveAccessibleDescription('Run this query again');
  await expect(pick).not.toHaveAttribute('aria-disabled', 'true');
  await pick.hover();
  await expect(pick).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await pick.click();
  await expect.poll(() => editorText(page)).toBe('select 1 as one');
  await repeat.click();
  await expect(history(page).getByRole('listitem')).toHaveCount(3);
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { nodeClient } from './nodeClient';
import { dataset, datasets, editor, grid, gridRow, history, mod, ready, runSql, setSql, status, tabs } from './workbench.helpers';

/** Focus is never lost: what closes (by Escape or its close button) gives focus back to what opened it. */
test('closing a panel gives focus back to where it was', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);

  for (const [opener, region] of [
    ['Profile', 'Column profiles'],
    ['Chart', 'Chart'],
  ] as const) {
    const button = page.getByRole('button', { name: opener, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: region })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: region })).toHaveCount(0);
    await expect(button).toBeFocused();
  }

  const pivot = page.getByRole('button', { name: 'Pivot', exact: true });
  await pivot.click();
  await page.getByRole('button', { name: 'Close pivot' }).click();
  await expect(page.getByRole('region', { name: 'Pivot table' })).toHaveCount(0);
  await expect(pivot).toBeFocused();

  const timeline = page.getByRole('button', { name: 'Timeline', exact: true });
  await timeline.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('list', { name: 'Timeline' })).toHaveCount(0);
  await expect(timeline).toBeFocused();
});

test('an open menu keeps the item the person moved to while the window updates', async ({ app }) => {
  test.skip(test.info().project.name !== 'web', 'another client of the web host');
  const { page } = app;
  await ready(page, 'cars');
  await page.getByRole('button', { name: 'Actions for cars' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Copy name' })).toBeFocused();

  // another window opens a session: this one shows its tab, and re-renders
  const other = await nodeClient(page.url());
  await other.api.dispatch({ type: 'OpenSession' });
  other.close();
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('menuitem', { name: 'Copy name' })).toBeFocused();
});

/** Where focus is: a control that goes away or is disabled under it must hand it on, never drop it on the page. */
const focused = (page: Page) => page.evaluate(() => (document.activeElement === document.body ? 'body' : (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '')));

test('Cancel pressed from the keyboard hands focus to the SQL editor once the query stops', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, 'select count(*) from range(100000000000) a(i) where i % 7 = 3');
  await expect(status(page)).toHaveText('Running…');
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Cancelled');
  await expect(cancel).toBeDisabled();
  await expect(editor(page)).toBeFocused();

  // "Copy id" goes with the failure it names: run again from it, focus goes to the editor too
  await runSql(page, 'select * from no_such_table');
  const copyId = page.getByRole('button', { name: 'Copy error id' });
  await setSql(page, 'select 1 as one');
  await copyId.focus();
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  await expect(copyId).toHaveCount(0);
  await expect(editor(page)).toBeFocused();
});

test('"Clear sort and filters" pressed from the keyboard hands focus to the toolbar’s Filters button', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, 'select * from range(5) t(n)');
  await expect(status(page)).toHaveText(/^5\u00a0rows in/);
  await grid(page).getByRole('button', { name: 'Sort by n', exact: true }).click();
  const clear = page.getByRole('button', { name: 'Clear sort and filters' });
  await clear.focus();
  await page.keyboard.press('Enter');
  await expect(clear).toBeDisabled();
  await expect(page.getByRole('toolbar', { name: 'Result view' }).getByRole('button', { name: 'Filters', exact: true })).toBeFocused();
  expect(await focused(page)).not.toBe('body');
});

test('closing the last tab by keyboard hands focus to "New session"; the reopen button says what it does', async ({ app }, testInfo) => {
  const { page } = app;
  const closeKey = testInfo.project.name === 'web' ? 'Alt+w' : `${mod}+w`;
  const newSession = page.getByRole('button', { name: 'New session' });
  const reopen = page.getByRole('button', { name: 'Reopen closed session' });
  // a tab closed from its editor, another left: focus stays in the editor, now the other tab's
  await expect(tabs(page)).toHaveText(['Session 1']); // the app is up, its keys listened for
  await page.keyboard.press(testInfo.project.name === 'web' ? 'Alt+t' : `${mod}+t`);
  await expect(tabs(page)).toHaveCount(2);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press(closeKey);
  await expect(tabs(page)).toHaveCount(1);
  await expect(editor(page)).toBeFocused();

  await page.keyboard.press(closeKey);
  await expect(tabs(page)).toHaveCount(0);
  await expect(newSession).toBeFocused();
  await expect(reopen).toHaveAttribute('title', /^Reopen closed session \(.+\)$/);

  // Delete on the last tab does the same; Enter on "New session" opens one.
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveCount(1);
  await tabs(page).first().focus();
  await page.keyboard.press('Delete');
  await expect(tabs(page)).toHaveCount(0);
  await expect(newSession).toBeFocused();
});

test('a menu goes to its first and last items with Home and End, and to an item by its first letter', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await page.getByRole('button', { name: 'Actions for cars' }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for cars' });
  // the destructive item last, as in VS Code
  await expect(menu.getByRole('menuitem')).toHaveText(['Query this dataset', 'Copy name', 'Profile', 'Remove']);
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(menu.getByRole('menuitem', { name: 'Query this dataset' })).toBeFocused();
  await page.keyboard.press('r');
  await expect(menu.getByRole('menuitem', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('p');
  await expect(menu.getByRole('menuitem', { name: 'Profile' })).toBeFocused();
  await page.keyboard.press('c');
  await expect(menu.getByRole('menuitem', { name: 'Copy name' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Actions for cars' })).toBeFocused();
});

test('"Query this dataset" from the keyboard lands in the results it shows', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await page.getByRole('button', { name: 'Actions for cars' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Query this dataset' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(grid(page)).toBeFocused();
  // the grid's keys work from there
  await page.keyboard.press('ArrowDown');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /.+/);
});

test('Undo and Redo pressed until there is nothing left hand focus to each other', async ({ app }) => {
  const { page } = app;
  await tabs(page).first().dblclick();
  await page.getByRole('textbox', { name: 'Session name' }).fill('Renamed');
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Renamed']);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(undo).toBeDisabled();
  await expect(redo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Renamed']);
  await expect(redo).toBeDisabled();
  await expect(undo).toBeFocused();
  expect(await focused(page)).not.toBe('body');
});

/** What the person tabbed to, and whether it shows that it has focus: an outline, a ring (box-shadow) or, for the editor, its frame's; for the results grid, the ring its frame draws over the cells. */
const focusShown = () =>
  document.activeElement
    ? (() => {
        const el = document.activeElement as HTMLElement;
        const marked = (e: Element, pseudo?: string) => {
          const s = getComputedStyle(e, pseudo);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        };
        const ring = el.matches('[role="grid"]') ? el.parentElement : null;
        if (ring?.matches('.grid-frame') && marked(ring, '::after')) return { what: `${el.tagName.toLowerCase()}[grid] ${el.getAttribute('aria-label') ?? ''}`, shown: true };
        const frame = el.closest('.cm-editor');
        const name = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent?.trim().slice(0, 40) ?? '';
        return { what: `${el.tagName.toLowerCase()}[${el.getAttribute('role') ?? ''}] ${name}`, shown: marked(el) || (frame !== null && marked(frame)) };
      })()
    : undefined;

test('every stop of the Tab order shows that it has focus', async ({ app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  // The first stop, reached by the keyboard (:focus-visible follows how focus came): nothing before it takes focus.
  await page.getByRole('button', { name: /New session/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(tabs(page).first()).toBeFocused();
  const unmarked: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 80; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    let stop = await page.evaluate(focusShown);
    if (!stop || stop.what.startsWith('body') || seen.has(stop.what)) break; // round the page once
    seen.add(stop.what);
    // the editor marks itself focused on its next update, not in the focus event: give it a moment
    for (let wait = 0; wait < 10 && !stop?.shown; wait++) {
      await page.waitForTimeout(50);
      stop = await page.evaluate(focusShown);
    }
    if (!stop?.shown) unmarked.push(stop?.what ?? 'nothing');
  }
  expect(seen.size).toBeGreaterThan(10);
  expect(unmarked).toEqual([]);
});

test('Run and "Repeat query" pressed from the keyboard keep focus nearby while the query they start runs', async ({ shared: app }) => {
  const { page } = app;
  const slow = 'select count(*) from range(100000000000) a(i) where i % 7 = 3';
  await setSql(page, slow);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Running…');
  await expect(run).toBeDisabled();
  await expect(editor(page)).toBeFocused();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status(page)).toHaveText('Cancelled');

  // the entry's "Repeat query": focus stays on it while the run it started goes on (under the new entry)
  await history(page).getByRole('listitem').first().getByRole('button', { name: 'Repeat query' }).focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Running…');
  const repeat = history(page).getByRole('listitem').nth(1).getByRole('button', { name: 'Repeat query' });
  await expect(repeat).toBeFocused();
  await expect(repeat).toBeDisabled(); // aria-disabled: Enter now does nothing
  // its text is faded, not the button: the focus ring stays whole
  await expect(repeat).toHaveCSS('opacity', '1');
  await expect(repeat).toHaveCSS('outline-width', '2px');
  await page.keyboard.press('Enter');
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  // cancelled without moving focus: a click on Cancel would take it
  await page.getByRole('button', { name: 'Cancel', exact: true }).dispatchEvent('click');
  await expect(status(page)).toHaveText('Cancelled');
  await expect(repeat).toBeEnabled();
  await expect(repeat).toBeFocused();
  // so a second Enter repeats it again
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Running…');
  await expect(history(page).getByRole('listitem')).toHaveCount(3);
  await expect(history(page).getByRole('listitem').nth(2).getByRole('button', { name: 'Repeat query' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel', exact: true }).dispatchEvent('click');
  await expect(status(page)).toHaveText('Cancelled');
});

test('removing datasets from their menu by keyboard hands focus to the next, the one before at the end, then the path box', async ({ shared: app }) => {
  const { page } = app;
  for (const name of ['flights_3m', 'seattle_weather', 'cars']) await ready(page, name);
  await expect(datasets(page).getByRole('listitem')).toHaveText([/^flights_3m/, /^seattle_weather/, /^cars/]);
  const actions = (name: string) => page.getByRole('button', { name: `Actions for ${name}` });
  await expect(actions('cars')).toHaveAttribute('title', 'Actions (Shift+F10)');
  const remove = async (name: string, key: string) => {
    await actions(name).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press(key);
    await expect(page.getByRole('menuitem', { name: 'Remove' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dataset(page, name)).toHaveCount(0);
  };
  await remove('seattle_weather', 'r');
  await expect(actions('cars')).toBeFocused();
  // the last one: the one before it
  await remove('cars', 'End');
  await expect(actions('flights_3m')).toBeFocused();
  // Shift+F10 opens the same menu, under the ⋯ button as its click does
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for flights_3m' });
  await expect(menu).toBeVisible();
  const [button, opened] = [await actions('flights_3m').boundingBox(), await menu.boundingBox()];
  expect(Math.round(opened!.y)).toBe(Math.round(button!.y + button!.height));
  await page.keyboard.press('Escape');
  await expect(actions('flights_3m')).toBeFocused();
  // none left: the path box, and the catalog says how to add one
  await remove('flights_3m', 'End');
  await expect(page.getByRole('textbox', { name: 'Dataset path or URL' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Datasets' })).toContainText('No datasets. Add a file (CSV, Parquet, JSON, Arrow, DuckDB), a folder or a URL below.');
});

test('leaving a past view by keyboard hands focus back: Escape and "Close timeline" to the Timeline button, "Back to now" to the entry shown', async ({ shared: app }) => {
  const { page } = app;
  for (const n of [1, 2]) {
    await runSql(page, `select ${n} as i`);
    // the status reads alike for each query: the grid's value says this one's result is in
    await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText([String(n)]);
    await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  }
  const timeline = page.getByRole('button', { name: 'Timeline', exact: true });
  const banner = page.getByRole('region', { name: 'Past view' });
  const picks = page.getByRole('list', { name: 'Timeline' }).locator('.timeline-pick');
  /** Opens the Timeline from its button and shows the session as it was one action back. */
  const showPast = async () => {
    await timeline.focus();
    await page.keyboard.press('Enter');
    await expect(picks.first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(banner).toContainText('Viewing as of');
    await expect(picks.nth(1)).toBeFocused();
  };

  await showPast();
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
  await expect(timeline).toBeFocused();

  await showPast();
  await page.getByRole('button', { name: 'Close timeline' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
  await expect(timeline).toBeFocused();

  // the panel stays open: focus goes to the entry that was shown, one arrow from the next to look at
  await showPast();
  await banner.getByRole('button', { name: 'Back to now' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
  await expect(picks.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(timeline).toBeFocused();
});

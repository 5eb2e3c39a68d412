import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { datasets, history, mod, ready, runSql, screenshot, status } from './workbench.helpers';

const resultToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Result view' });

/** The result toolbar's buttons that are not wholly in sight: outside the grid's column, or under another element (a side panel). */
function hiddenToolbarButtons(page: Page): Promise<string[]> {
  return resultToolbar(page).evaluate((bar) => {
    const column = bar.closest('.grid-wrap')!.getBoundingClientRect();
    return [...bar.querySelectorAll<HTMLElement>('button')].flatMap((b) => {
      const r = b.getBoundingClientRect();
      const name = b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '';
      if (r.left < column.left - 1 || r.right > column.right + 1) return [`${name} is outside the grid's column`];
      const corners = [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]] as const;
      return corners.some(([x, y]) => !b.contains(document.elementFromPoint(x, y))) ? [`${name} is covered`] : [];
    });
  });
}

test('1000×650: the result toolbar stays whole beside the profile and the chart, a panel title ends in "…" with a tooltip, the editor gives way', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1000, height: 650 });
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);

  // a short window: the editor is shorter than its 190 px, so the grid keeps most of the height
  const editorHeight = await page.locator('.editor-host').evaluate((el) => el.getBoundingClientRect().height);
  expect(editorHeight).toBeLessThanOrEqual(650 * 0.22 + 1);
  const gridHeight = await page.getByRole('grid', { name: 'Results' }).evaluate((el) => el.getBoundingClientRect().height);
  expect(gridHeight).toBeGreaterThan(300);

  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  const profile = page.getByRole('region', { name: 'Column profiles' });
  const heading = profile.getByRole('heading', { name: 'Profile of the result' });
  await expect(heading).toBeVisible();
  await expect(heading).toHaveAttribute('title', 'Profile of the result');
  await expect.poll(() => hiddenToolbarButtons(page)).toEqual([]);
  // the heading is not under the toolbar: its first letters are its own
  expect(await heading.evaluate((h) => { const r = h.getBoundingClientRect(); return h.contains(document.elementFromPoint(r.left + 3, r.top + r.height / 2)); })).toBe(true);
  await screenshot(page, testInfo, 'profile-1000');
  await profile.getByRole('button', { name: 'Close profiles' }).click();

  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Chart' }).locator('.chart-plot svg')).toBeVisible();
  await expect.poll(() => hiddenToolbarButtons(page)).toEqual([]);
  await expect(page.getByRole('button', { name: 'Export…' })).toBeVisible();
  // too narrow for the chart beside a usable grid: the grid keeps the whole width above it, the chart under it
  const box = (name: string) => page.getByRole(name === 'Results' ? 'grid' : 'region', { name, exact: true }).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const workspace = await page.locator('.workspace').evaluate((el) => el.getBoundingClientRect().width);
  const [results, chart] = [await box('Results'), await box('Chart')];
  expect(results.width).toBeGreaterThan(workspace - 20);
  expect(results.height).toBeGreaterThan(150);
  expect(chart.top).toBeGreaterThanOrEqual(results.bottom - 1);
  await screenshot(page, testInfo, 'chart-1000');
});

test('the datasets and the history panes hide and show from the top bar, by keyboard too, and stay as left after a reload', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1000, height: 650 });
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  const workspaceWidth = () => page.locator('.workspace').evaluate((el) => el.getBoundingClientRect().width);
  const before = await workspaceWidth();

  await page.getByRole('button', { name: 'Hide datasets' }).click();
  await expect(datasets(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show datasets' })).toBeVisible();
  // by keyboard: the toggle is a button in the Tab order
  await page.getByRole('button', { name: 'Hide history' }).focus();
  await page.keyboard.press('Enter');
  await expect(history(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show history' })).toBeFocused();
  expect(await workspaceWidth()).toBeGreaterThan(before + 400);
  await screenshot(page, testInfo, 'panes-hidden');

  // remembered in this browser
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show datasets' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show history' })).toBeVisible();
  await expect(datasets(page)).toBeHidden();

  // Ctrl/Cmd+O (a browser's "add a dataset") shows the catalog to type in
  if (testInfo.project.name === 'web') {
    await page.getByRole('textbox', { name: 'SQL editor' }).click();
    await page.keyboard.press(`${mod}+o`);
    await expect(page.getByRole('textbox', { name: 'Dataset path or URL' })).toBeFocused();
    await expect(datasets(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hide datasets' })).toBeVisible();
  }
  // the Timeline lives in the history pane: opening it shows the pane
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(history(page)).toBeVisible();
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Hide history' })).toBeVisible();
  await expect.poll(workspaceWidth).toBeCloseTo(before, 0);
});

test('1000 px wide with many sessions: the shown tab is in sight, and the strip starts after "Sextant"', async ({ app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1000, height: 650 });
  const tablist = page.getByRole('tablist', { name: 'Sessions' });
  const newTab = testInfo.project.name === 'web' ? 'Alt+t' : `${mod}+t`;
  await expect(tablist.getByRole('tab')).toHaveCount(1);
  // the strip scrolls sideways only: a wheel over it does not move it up and down (where scrollbars
  // show, one sat beside the tabs for a pixel's overflow)
  const stripBox = await tablist.boundingBox();
  await page.mouse.move(stripBox!.x + stripBox!.width - 20, stripBox!.y + stripBox!.height / 2);
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(200);
  expect(await tablist.evaluate((el) => el.scrollTop)).toBe(0);
  for (let n = 2; n <= 9; n++) {
    await page.keyboard.press(newTab);
    await expect(tablist.getByRole('tab')).toHaveCount(n);
    await expect(tablist.getByRole('tab', { selected: true })).toHaveText(`Session ${n}`);
  }
  /** How much of the shown tab lies outside the strip's visible box, in px (0: wholly in sight). */
  const outOfSight = () =>
    tablist.evaluate((strip) => {
      const box = strip.getBoundingClientRect();
      const tab = strip.querySelector('[aria-selected="true"]')!.parentElement!.getBoundingClientRect();
      return Math.max(0, box.left - tab.left) + Math.max(0, tab.right - box.right);
    });
  await expect.poll(outOfSight).toBe(0);
  const brand = await page.locator('.brand').evaluate((el) => el.getBoundingClientRect().right);
  const strip = await tablist.evaluate((el) => el.getBoundingClientRect().left);
  expect(strip).toBeGreaterThanOrEqual(brand);
  // back to the first by keyboard: in sight too
  await tablist.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('Home');
  await expect(tablist.getByRole('tab', { selected: true })).toHaveText('Session 1');
  await expect.poll(outOfSight).toBe(0);
  await screenshot(page, testInfo, 'many-tabs-1000');
});

test('700 px wide: "New session" and "Import session…" are their icons, named as before, and the strip shows the tab in sight whole', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 700, height: 700 });
  const tablist = page.getByRole('tablist', { name: 'Sessions' });
  // earlier tests of the file have their sessions: the strip has this test's two more
  const before = await tablist.getByRole('tab').count();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tablist.getByRole('tab')).toHaveCount(before + 2);
  await expect(page.getByRole('button', { name: 'Import session…' })).toBeVisible();
  // their words are in the tooltip, not on the bar
  expect(await page.getByRole('button', { name: 'New session' }).evaluate((b) => (b as HTMLElement).innerText.trim())).toBe('');
  // the strip holds at least one whole tab: the shown one, in sight
  const strip = await tablist.boundingBox();
  expect(strip!.width).toBeGreaterThanOrEqual(136);
  const shown = await tablist.getByRole('tab', { selected: true }).evaluate((tab) => {
    const box = tab.parentElement!.getBoundingClientRect();
    const list = tab.closest('[role="tablist"]')!.getBoundingClientRect();
    return { inside: box.left >= list.left - 0.5 && box.right <= list.right + 0.5, width: box.width };
  });
  expect(shown).toEqual({ inside: true, width: expect.any(Number) });
  expect(shown.width).toBeGreaterThanOrEqual(128);
  await screenshot(page, testInfo, 'topbar-700');
});

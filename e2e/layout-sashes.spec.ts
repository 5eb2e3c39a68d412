import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * The sashes: the side panes and the grid beside its panels are resized by dragging their edge, or
 * by arrow keys on the focused separator, kept across a reload, and back to the layout's own widths
 * on a double-click.
 */
const width = (l: Locator) => l.evaluate((el) => el.getBoundingClientRect().width);
const sash = (page: Page, name: string) => page.getByRole('separator', { name });

/** Drags a separator sideways by `dx` px, as a person's pointer does, in steps. */
async function drag(page: Page, separator: Locator, dx: number): Promise<void> {
  const box = (await separator.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(x + (dx * i) / 5, y);
  await page.mouse.up();
}

test('the grid beside its chart: dragged, stepped by keys, kept across a reload, back to the default on a double-click', async ({ shared: app }, testInfo) => {
  const { page } = app;
  // at 1280 px both panes leave the workspace 760 px: the grid's 360 and the chart's 300 leave a drag ~100 px of room
  await page.setViewportSize({ width: 1600, height: 900 });
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  const grid = page.locator('.grid-and-profile > .grid-wrap');
  // no panel beside the grid: nothing to share its row with, no sash
  await expect(sash(page, 'Resize results grid')).toHaveCount(0);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  const charts = page.locator('.linked-charts');
  await expect(charts.locator('.chart-plot svg')).toBeVisible();
  const separator = sash(page, 'Resize results grid');
  await expect(separator).toHaveAttribute('aria-valuetext', /^\d+% of the row, the default$/);
  const before = { grid: await width(grid), chart: await width(charts) };

  await drag(page, separator, -120);
  await expect.poll(() => width(grid)).toBeCloseTo(before.grid - 120, -1);
  // the chart takes what the grid gave, and the two still meet edge to edge
  expect(await width(charts)).toBeCloseTo(before.chart + 120, -1);
  const edges = await page.evaluate(() => [document.querySelector('.grid-wrap')!.getBoundingClientRect().right, document.querySelector('.linked-charts')!.getBoundingClientRect().left]);
  expect(edges[0]).toBeCloseTo(edges[1]!, 0);
  await expect(separator).toHaveAttribute('aria-valuetext', /^\d+% of the row$/);
  await screenshot(page, testInfo, 'sash-grid-dragged');

  const dragged = await width(grid);
  await separator.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width(grid)).toBeCloseTo(dragged + 32, -1);
  const stepped = await width(grid);

  await page.reload();
  await expect(charts.locator('.chart-plot svg')).toBeVisible();
  await expect.poll(() => width(grid)).toBeCloseTo(stepped, 0);

  // the chart closed, the grid alone has the whole row, whatever share it was dragged to
  const row = page.locator('.grid-and-profile');
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(charts).toHaveCount(0);
  await expect.poll(async () => (await width(row)) - (await width(grid))).toBeLessThan(1);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(charts.locator('.chart-plot svg')).toBeVisible();
  await expect.poll(() => width(grid)).toBeCloseTo(stepped, 0);

  // dragged past the chart's 300 px, the grid stops there
  await drag(page, separator, 600);
  await expect.poll(() => width(charts)).toBeCloseTo(300, 0);

  await separator.dblclick();
  await expect(separator).toHaveAttribute('aria-valuetext', /^\d+% of the row, the default$/);
  await expect.poll(() => width(grid)).toBeCloseTo(before.grid, 0);
  expect(await width(charts)).toBeCloseTo(before.chart, 0);
});

test('the side panes: dragged wider and narrower, held within bounds, kept across a reload, reset on a double-click', async ({ shared: app }) => {
  const { page } = app;
  // at 1280 px a pane may grow to 300 px only, the workspace between them keeping 700
  await page.setViewportSize({ width: 1600, height: 900 });
  const datasets = page.locator('#datasets-pane');
  const historyPane = page.locator('#history-pane');
  const before = { datasets: await width(datasets), history: await width(historyPane) };

  await drag(page, sash(page, 'Resize datasets'), 100);
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets + 100, 0);
  await expect(sash(page, 'Resize datasets')).toHaveAttribute('aria-valuenow', String(Math.round(before.datasets + 100)));
  // the history's sash is on its left edge: dragged left, it widens
  await drag(page, sash(page, 'Resize history'), -60);
  await expect.poll(() => width(historyPane)).toBeCloseTo(before.history + 60, 0);
  // far past its narrowest, a pane stops there
  await drag(page, sash(page, 'Resize history'), 600);
  await expect.poll(() => width(historyPane)).toBeCloseTo(160, 0);
  await sash(page, 'Resize history').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => width(historyPane)).toBeCloseTo(160 + 64, 0);
  // the workspace between them still reaches from one to the other
  const meet = () => page.evaluate(() => {
    const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
    return [r('#datasets-pane').right - r('.workspace').left, r('#history-pane').left - r('.workspace').right];
  });
  expect(await meet()).toEqual([0, 0]);

  await page.reload();
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets + 100, 0);
  await expect.poll(() => width(historyPane)).toBeCloseTo(160 + 64, 0);
  // hidden and shown again, a pane comes back at the width it was dragged to
  await page.getByRole('button', { name: 'Hide datasets' }).click();
  await expect(sash(page, 'Resize datasets')).toHaveCount(0);
  expect(await meet().then((m) => m[1])).toBe(0);
  await page.getByRole('button', { name: 'Show datasets' }).click();
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets + 100, 0);

  // a drag brought back to where it began chooses nothing, and leaves nothing behind: hidden, the pane takes no room
  await sash(page, 'Resize datasets').dblclick();
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets, 0);
  const edge = (await sash(page, 'Resize datasets').boundingBox())!;
  await page.mouse.move(edge.x + 3, edge.y + 100);
  await page.mouse.down();
  await page.mouse.move(edge.x + 33, edge.y + 100);
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets + 30, 0);
  await page.mouse.move(edge.x + 3, edge.y + 100);
  await page.mouse.up();
  await page.getByRole('button', { name: 'Hide datasets' }).click();
  await expect.poll(() => page.locator('.workspace').evaluate((el) => el.getBoundingClientRect().left)).toBe(0);
  await page.getByRole('button', { name: 'Show datasets' }).click();
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets, 0);
  await drag(page, sash(page, 'Resize datasets'), 100);

  await sash(page, 'Resize datasets').dblclick();
  await sash(page, 'Resize history').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => width(datasets)).toBeCloseTo(before.datasets, 0);
  await expect.poll(() => width(historyPane)).toBeCloseTo(before.history, 0);

  // what a separator says is the width there is, and where it stops: at 1280 px a pane grows until
  // the workspace between them keeps 700 px; at 900 px (its default 200) it cannot grow, nor shrink for trying
  const separator = sash(page, 'Resize datasets');
  const workspace = page.locator('.workspace');
  for (const [size, stop] of [[1280, 1280 - Math.round(await width(historyPane)) - 700], [900, 200]] as const) {
    await page.setViewportSize({ width: size, height: 700 });
    await separator.focus();
    await expect(separator).toHaveAttribute('aria-valuenow', String(Math.round(await width(datasets))));
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => width(datasets)).toBeCloseTo(stop, 0);
    await expect.poll(() => separator.getAttribute('aria-valuenow')).toBe(String(stop));
    expect(await separator.getAttribute('aria-valuemax')).toBe(String(stop));
    if (size === 1280) expect(await width(workspace)).toBeGreaterThanOrEqual(700);
    await separator.dblclick();
  }
  // at 900 px an arrow that cannot widen it leaves a default the default, to follow the window
  const historySash = sash(page, 'Resize history');
  await historySash.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(historySash).toHaveAttribute('aria-valuetext', /, the default$/);
  expect(await page.evaluate(() => localStorage.getItem('sextant.width.history'))).toBeNull();
  // a drag narrower, then back short of where it began, ends where the pointer does: the room is judged from where it began
  const box = (await separator.boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + 100);
  await page.mouse.down();
  for (const dx of [-10, -20, -30, -20, -10, -1]) await page.mouse.move(box.x + 3 + dx, box.y + 100);
  await page.mouse.up();
  await expect.poll(() => width(datasets)).toBeCloseTo(199, 0);
  await separator.dblclick();
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { grid, ready, runSql, status } from './workbench.helpers';

const timelineButton = (page: Page) => page.getByRole('button', { name: 'Timeline', exact: true });
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
/** What has focus, as the entry's position in the Timeline (0 when it is not an entry's) or the tag of what else. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const entry = el?.closest('li[aria-posinset]');
    return entry && el?.closest('[aria-label="Timeline"]') ? `entry ${entry.getAttribute('aria-posinset')}` : (el?.tagName.toLowerCase() ?? 'none');
  });

/** Sorts by keyboard `n` times, alternating two header buttons: each is an action of the Timeline. */
async function sortTimes(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const button = grid(page).getByRole('button', { name: i % 2 === 0 ? 'Sort by Horsepower' : 'Sort by Name', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(grid(page).getByRole('columnheader', { name: i % 2 === 0 ? /Horsepower/ : /Name/ })).toHaveAttribute('aria-sort', /ascending|descending/);
  }
}

/**
 * Opens the Timeline by keyboard and waits until main has answered and it lists `actions` actions
 * (any number when undefined); returns how many. Until main answers, the panel shows the last
 * opening's entries (none the first time: "0 actions"); once it has, it focuses its newest entry.
 */
async function openByKeyboard(page: Page, actions?: number): Promise<number> {
  await timelineButton(page).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('entry 1');
  const count = page.getByRole('region', { name: 'Timeline' }).locator('.timeline-head .muted');
  await expect(count).toHaveText(actions === undefined ? /^[\d,]+\u00a0actions?$/ : `${actions}\u00a0actions`);
  return Number((await count.textContent())!.replace(/\D/g, ''));
}

for (const actions of [2, 12]) {
  test(`reopened by keyboard after ${actions} more actions, the Timeline focuses its newest entry`, async ({ shared }) => {
    const { page } = shared;
    await ready(page, 'cars');
    await runSql(page, 'select * from cars');
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
    const before = await openByKeyboard(page);
    await expect.poll(() => focused(page)).toBe('entry 1');
    await page.keyboard.press('Escape');
    await expect(timelineButton(page)).toBeFocused();

    await sortTimes(page, actions);
    await openByKeyboard(page, before + actions);
    // the newest entry, first in the list: not the one newest at the last opening, nor the page
    await expect.poll(() => focused(page)).toBe('entry 1');
    await expect(timeline(page).locator('li[aria-posinset="1"]')).toContainText(/Sorted|Sort/);
    // and it stays there once everything has arrived
    await page.waitForTimeout(300);
    expect(await focused(page)).toBe('entry 1');
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { startWebHost } from './fixtures';
import { writeHeavyDataDir, HEAVY } from './heavyDataDir';
import { history, tabs } from './workbench.helpers';

/**
 * A heavy user's data dir (e2e/heavyDataDir.ts: 100 open sessions, 50 closed, a history of 10,000
 * queries, a session of 100,000 events, 200 datasets of 50 columns), written before the host starts.
 */
const test = base.extend<object, { heavy: { url: string } }>({
  heavy: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sextant-heavy-'));
      writeHeavyDataDir(dataDir);
      const host = await startWebHost(dataDir);
      await use({ url: host.url });
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const open = async (page: Page, url: string) => {
  await page.goto(url);
  await expect(tabs(page)).toHaveCount(HEAVY.openSessions + 2, { timeout: 60_000 });
};

test('a history of 10,000 queries puts only the rows on screen in the DOM, and every row stays reachable', async ({ page, heavy }) => {
  await open(page, heavy.url);
  await page.getByRole('tab', { name: 'Long history' }).click();
  const rows = history(page).getByRole('listitem');
  await expect(rows.first()).toContainText(`distance > ${HEAVY.historyQueries - 1} `); // newest first
  expect(await rows.count()).toBeLessThan(60);
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(HEAVY.historyQueries));

  // Scrolled to the end: the oldest query, still with few rows in the DOM.
  // (rows are measured as they render, so the end moves until the last ones are: scroll again, as a person would)
  await expect(async () => {
    await history(page).evaluate((list) => list.parentElement!.scrollTo({ top: list.parentElement!.scrollHeight }));
    await expect(history(page).locator(`[aria-posinset="${HEAVY.historyQueries}"]`)).toContainText('distance > 0 ', { timeout: 1000 });
  }).toPass();
  expect(await rows.count()).toBeLessThan(60);

  // By keyboard: Tab walks the rows past the first screenful, the list rendering those it reaches.
  await history(page).evaluate((list) => list.parentElement!.scrollTo({ top: 0 }));
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await history(page).getByRole('button', { name: 'Put in editor' }).first().focus();
  for (let i = 0; i < 3 * 40; i++) await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => Number(document.activeElement?.closest('li')?.getAttribute('aria-posinset')));
  expect(focused).toBeGreaterThanOrEqual(40);
  expect(await rows.count()).toBeLessThan(60);

  // The search still looks through all of them.
  await page.getByRole('searchbox', { name: 'Search history' }).fill('distance > 1234 ');
  await expect(rows).toHaveCount(1);
});

test('100 tabs: the keyboard reaches and shows the first and the last', async ({ page, heavy }) => {
  await open(page, heavy.url);
  await page.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { selected: true })).toHaveText('Session 0');
  await page.keyboard.press('End');
  const last = page.getByRole('tab', { selected: true });
  await expect(last).toHaveText('Long timeline');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { runSql, status, tabs } from './workbench.helpers';

/**
 * The Timeline's selected entry is the point on screen: an entry that moves while selected (its query
 * settles) stays selected.
 */
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });
const pick = (page: Page, text: string) => entry(page, text).locator('.timeline-pick');
const current = (page: Page) => timeline(page).locator('[aria-current="true"]');
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });

/** Runs until cancelled; short enough for the Timeline to name whole. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

test('a selected entry of a running query stays selected when the query settles, and forks the point shown', async ({ app }) => {
  test.skip(test.info().project.name !== 'web', 'two browser pages on one web host');
  const a = app.page;
  await runSql(a, 'select 1 as one');
  await expect(status(a)).toHaveText(/^1\u00a0row in /);
  const b = await a.context().newPage();
  await b.goto(a.url());
  await expect(tabs(b)).toHaveText(await tabs(a).allTextContents());

  await runSql(a, LONG_SQL);
  await expect(status(a)).toHaveText('Running…');
  await b.getByRole('button', { name: 'Timeline', exact: true }).click();
  await pick(b, `Ran query ${LONG_SQL} · running`).click();
  await expect(banner(b)).toBeVisible();
  await expect(current(b)).toContainText('· running');
  const shownAt = await banner(b).locator('time').textContent();

  // A's query ends: B's list replaces the entry with its settled copy, which stays the one selected.
  await a.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(a)).toHaveText('Cancelled');
  await expect(entry(b, `Ran query ${LONG_SQL} · cancelled`)).toHaveCount(1);
  await expect(current(b)).toHaveCount(1);
  await expect(current(b)).toContainText(`Ran query ${LONG_SQL} · cancelled`);
  // B still shows the point it was at, and "Fork from here" forks that point: the query in flight left out.
  await expect(banner(b).locator('time')).toHaveText(shownAt!);
  await entry(b, LONG_SQL).getByRole('button', { name: 'Fork from here' }).click();
  await expect(tabs(b)).toHaveCount(2);
  await expect(tabs(b).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(b.getByRole('list', { name: 'Query history' }).getByRole('listitem')).toHaveCount(1);
});

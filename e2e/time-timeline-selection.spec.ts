import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { runSql, status, tabs } from './workbench.helpers';

/**
 * The Timeline's selected entry is the point on screen: picked without a connection it waits for the
 * view (and asks again once the connection is back, the connection's error then gone), and an entry
 * that moves while selected (its query settles) stays selected.
 */
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });
const pick = (page: Page, text: string) => entry(page, text).locator('.timeline-pick');
const current = (page: Page) => timeline(page).locator('[aria-current="true"]');
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });
const pastDraft = (page: Page) => page.getByLabel('SQL draft (read-only)');
const timelineAlert = (page: Page) => page.locator('.timeline-panel').getByRole('alert');

/** Runs until cancelled; short enough for the Timeline to name whole. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

test('an entry picked while disconnected is selected once its view arrives, and the connection error goes when the connection is back', async ({ app }) => {
  test.skip(test.info().project.name !== 'web', 'the page stays open while the web host restarts');
  let page = app.page;
  await runSql(page, 'select 1 as one');
  await expect(status(page)).toHaveText(/^1\u00a0row in /);
  await runSql(page, 'select 2 as two');
  await expect(status(page)).toHaveText(/^1\u00a0row in /);
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await pick(page, 'Ran query select 1 as one').click();
  await expect(pastDraft(page)).toHaveText('select 1 as one');
  await expect(current(page)).toContainText('Ran query select 1 as one');

  await app.restartHost(async () => {
    // Picked while the host is down: the view cannot come, so the selection stays on what is shown…
    await pick(page, 'Ran query select 2 as two').click();
    // …and once the call gives up waiting for the connection, the Timeline says why.
    await expect(timelineAlert(page)).toContainText('Not connected to Sextant', { timeout: 15_000 });
    await expect(current(page)).toContainText('Ran query select 1 as one');
    await expect(pastDraft(page)).toHaveText('select 1 as one');
  });
  page = app.page;

  // Connected again: the pick is asked again and shown, selected, and the stale error is gone.
  await expect(pastDraft(page)).toHaveText('select 2 as two', { timeout: 15_000 });
  await expect(current(page)).toContainText('Ran query select 2 as two');
  await expect(current(page)).toHaveCount(1);
  await expect(timelineAlert(page)).toHaveCount(0);
  await expect(banner(page)).toBeVisible();
});

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

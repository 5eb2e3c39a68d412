import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { nodeClient } from './nodeClient';
import { editor, editorText, gridRow, history, mod, runSql, tabs } from './workbench.helpers';

/**
 * A page opened on one session (`?session=<id>`) follows that session alone: a fork made there is
 * stored, but never reaches it. The page stays on its session, says where the fork opens, and waits
 * for nothing; the full workbench shows the fork.
 */
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'two browser pages on one web host'));

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });
const notice = (page: Page) => page.locator('.notice');
const SAID = 'Forked as “\u2068Session 1 (fork)\u2069”. This page shows one session: the fork opens in the page without “session=” in its address.';

test('a fork made in a page on one session is said to open in the full workbench, and the page stays on its session, waiting for nothing', async ({ app }) => {
  const client = await nodeClient(app.page.url());
  try {
    await runSql(app.page, "select 'then' as at");
    await expect(gridRow(app.page, 2).getByRole('gridcell')).toHaveText(['then']);
    const mine = client.sessions()[0]!;
    const page = await app.page.context().newPage();
    await page.goto(`${app.page.url().split('#')[0]}&session=${encodeURIComponent(mine.id)}`);
    await expect(tabs(page)).toHaveText([mine.title]);
    const run = page.getByRole('button', { name: 'Run', exact: true });

    // from the history: made, and said where it opens; this page keeps its one tab and the focus where it was
    const fromHistory = history(page).getByRole('listitem').first().getByRole('button', { name: 'Fork from here' });
    await fromHistory.click();
    await expect(notice(page)).toHaveText(SAID);
    await expect.poll(() => client.sessions().map((s) => s.title)).toEqual(['Session 1', 'Session 1 (fork)']);
    await expect(tabs(app.page)).toHaveText(['Session 1', 'Session 1 (fork)']);
    await expect(tabs(page)).toHaveText([mine.title]);
    await expect(tabs(page).first()).toHaveAttribute('aria-selected', 'true');
    await expect(fromHistory).toBeFocused();
    await expect(run).toBeEnabled();
    await editor(page).click();
    await page.keyboard.press(`${mod}+a`);
    await page.keyboard.type('select 2');
    expect(await editorText(page)).toBe('select 2');

    // from the Timeline, with the past shown: the past stays shown, the Timeline open, the focus on its Fork
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    const ran = timeline(page).getByRole('listitem').filter({ hasText: "Ran query select 'then' as at" });
    await ran.getByRole('button').first().click();
    await expect(banner(page)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(ran.getByRole('button', { name: 'Fork from here' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(notice(page)).toHaveText(SAID);
    await expect.poll(() => client.sessions().length).toBe(3);
    await expect(tabs(page)).toHaveText([mine.title]);
    await expect(banner(page)).toBeVisible();
    await expect(ran.getByRole('button', { name: 'Fork from here' })).toBeFocused();

    // back to now: the page's own session, its draft kept, Run ready; it never moved to a fork it cannot show
    await banner(page).getByRole('button', { name: 'Back to now' }).click();
    await expect(banner(page)).toHaveCount(0);
    await expect.poll(() => editorText(page)).toBe('select 2');
    await expect(run).toBeEnabled();
    await page.close();
  } finally {
    client.close();
  }
});

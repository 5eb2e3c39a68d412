import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { runSql, status, tabs } from './workbench.helpers';

/**
 * Whether the text after `title` in `container` is drawn after it, left to right: a title's bidi
 * controls (an open U+202E) must stay inside it, never reversing the app's own words around it.
 */
async function followsTitle(page: Page, container: string, title: string): Promise<boolean> {
  return page.locator(container).first().evaluate((root, title) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(title);
      if (at < 0) continue;
      const own = document.createRange();
      own.setStart(node, at);
      own.setEnd(node, at + title.length);
      const after = document.createRange();
      after.setStart(node, at + title.length);
      after.setEndAfter(root.lastChild!);
      const right = Math.max(...[...own.getClientRects()].map((r) => r.right));
      const rects = [...after.getClientRects()].filter((r) => r.width > 0);
      return rects.length > 0 && rects.every((r) => r.left >= right - 0.5);
    }
    return false;
  }, title);
}

test('a title holding a RIGHT-TO-LEFT OVERRIDE stays inside itself: the words around it in the past view, the fork note and the tab’s tooltip read in order', async ({ app }) => {
  const { page } = app;
  const title = 'Trips \u202eSQL';
  await page.getByRole('tab', { name: 'Session 1' }).dblclick();
  await page.getByRole('textbox', { name: 'Session name' }).fill(title);
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText([title]);
  // the tooltip joins the title into a sentence: isolated in it
  await expect(page.getByRole('tab', { selected: true })).toHaveAttribute('title', `\u2068${title}\u2069 — double-click or F2 to rename`);
  await runSql(page, 'select 1 as x');
  await expect(status(page)).toHaveText(/^1\u00a0row in/);

  // the past view's label: "<title> · SQL draft"
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  const ran = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'Ran query select 1 as x' });
  await ran.getByRole('button').first().click();
  await expect(page.locator('.past-draft-label')).toHaveText(`${title} · SQL draft`);
  expect(await followsTitle(page, '.past-draft-label', title)).toBe(true);

  // the fork's note: "forked from <title> at <time>"
  await ran.getByRole('button', { name: 'Fork from here' }).click();
  await expect(page.locator('.fork-origin')).toContainText(`forked from ${title} at `);
  expect(await followsTitle(page, '.fork-origin', title)).toBe(true);
});

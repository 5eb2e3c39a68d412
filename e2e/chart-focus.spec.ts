import type { Page } from '@playwright/test';
import { chart } from './chart.helpers';
import { expect, test } from './fixtures';
import { editor, ready, runSql, status, tabs } from './workbench.helpers';

/** What has focus: a chart region's name, the editor, a tab's text, or the tag of what else. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.matches('.chart-panel')) return `chart ${el.getAttribute('aria-label')}`;
    if (el.closest('[aria-label="SQL editor"]')) return 'editor';
    if (el.getAttribute('role') === 'tab') return `tab ${el.textContent}`;
    return el.tagName.toLowerCase();
  });

test('a chart takes focus when the person opens it ("Chart", "Add chart"), not when it is shown again: a reload, a tab click, Alt+PageUp/PageDown', async ({ shared }) => {
  const { page } = shared;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  const toggle = page.getByRole('button', { name: 'Chart', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(chart(page, 'Chart')).toBeVisible();
  await expect.poll(() => focused(page)).toBe('chart Chart');
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await expect.poll(() => focused(page)).toBe('chart Chart 2');
  const charted = await tabs(page).last().textContent();

  // a reload: the caret is in the editor, the charts drawn again beside the grid
  await page.reload();
  await expect(chart(page, 'Chart 2')).toBeVisible();
  await expect.poll(() => focused(page)).toBe('editor');
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe('editor');

  // another tab and back by a click: focus is on the tab clicked
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs(page).last()).toHaveAttribute('aria-selected', 'true');
  const back = tabs(page).filter({ hasText: charted! }).last();
  await back.click();
  await expect(chart(page, 'Chart')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe(`tab ${charted}`);

  // Alt+PageDown then Alt+PageUp from the editor: the caret stays in it
  await editor(page).focus();
  await page.keyboard.press('Alt+PageDown');
  await expect(chart(page, 'Chart')).toHaveCount(0);
  await page.keyboard.press('Alt+PageUp');
  await expect(chart(page, 'Chart')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe('editor');
});

import type { Locator, Page, TestInfo } from '@playwright/test';
import { chart } from './chart.helpers';
import { expect, test } from './fixtures';
import { editor, ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * How the focused element shows its focus from the keyboard: its ring's width, and whether the ring
 * can be told from what it is drawn on (a ring drawn inside a button in the button's own fill colour
 * is not seen), in the element's computed styles.
 */
const ringOf = (el: Element) => {
  const s = getComputedStyle(el);
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  const offset = parseFloat(s.outlineOffset);
  let behind: Element | null = offset < 0 ? el : el.parentElement;
  while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement;
  const ground = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)';
  return { focused: el === document.activeElement, byKeys: el.matches(':focus-visible'), width, seen: width > 0 && s.outlineColor !== ground, innerRing: s.boxShadow !== 'none' };
};

async function expectRing(target: Locator, inner = false): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate(ringOf);
  expect(ring).toEqual({ focused: true, byKeys: true, width: 2, seen: true, innerRing: expect.any(Boolean) });
  if (inner) expect(ring.innerRing).toBe(true);
}

/** Focuses `target` the way the keys do: Tab from the element before it. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.evaluate((el) => (el as HTMLElement).focus());
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await screenshot(page, testInfo, name);
}

test('primary buttons show a focus ring from the keyboard, outside their accent fill, in both themes', async ({ shared }, testInfo) => {
  const { page } = shared;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Horsepower from cars limit 3');
  await expect(status(page)).toHaveText(/^3\u00a0rows in/);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await editor(page).focus();
    await tabTo(page, run);
    await expectRing(run, true);
    await snap(page, testInfo, `run-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // the Export dialog's Export, then its Done
  await page.getByRole('button', { name: 'Export session…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export session' });
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await tabTo(page, exportButton);
  await expectRing(exportButton, true);
  await snap(page, testInfo, 'export');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await downloading;
  const done = dialog.getByRole('button', { name: 'Done' });
  await expect(done).toBeFocused();
  await expectRing(done, true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // the past view's "Back to now"
  await page.getByRole('button', { name: 'Timeline', exact: true }).focus();
  await page.keyboard.press('Enter');
  const first = page.getByRole('list', { name: 'Timeline' }).locator('.timeline-pick').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  const back = page.getByRole('button', { name: 'Back to now' });
  await tabTo(page, back);
  await expectRing(back, true);
  await snap(page, testInfo, 'back-to-now');
  await page.keyboard.press('Enter');
});

test('the Chart and Profile regions show a focus ring when focused from the keyboard', async ({ shared }, testInfo) => {
  const { page } = shared;
  await ready(page, 'cars');
  await runSql(page, 'select Name, Horsepower from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expectRing(chart(page, 'Chart'));
  // its sticky header is painted over the ring's top edge, so it draws that edge itself
  const head = await chart(page, 'Chart').locator('.chart-head').evaluate((el) => getComputedStyle(el).boxShadow);
  const accent = await chart(page, 'Chart').evaluate((el) => getComputedStyle(el).outlineColor);
  expect(head).toContain(`${accent} 0px 2px 0px 0px inset`);
  await snap(page, testInfo, 'chart');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Profile', exact: true }).focus();
  await page.keyboard.press('Enter');
  const profile = page.locator('.profile-panel');
  await expectRing(profile);
  await snap(page, testInfo, 'profile');
});

import { expect, test } from './fixtures';
import { nodeClient } from './nodeClient';
import { ready, runSql, status, tabs } from './workbench.helpers';

/** Focus is never lost: what closes (by Escape or its close button) gives focus back to what opened it. */
test('closing a panel gives focus back to where it was', async ({ app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);

  for (const [opener, region] of [
    ['Profile', 'Column profiles'],
    ['Chart', 'Chart'],
  ] as const) {
    const button = page.getByRole('button', { name: opener, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: region })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: region })).toHaveCount(0);
    await expect(button).toBeFocused();
  }

  const pivot = page.getByRole('button', { name: 'Pivot', exact: true });
  await pivot.click();
  await page.getByRole('button', { name: 'Close pivot' }).click();
  await expect(page.getByRole('region', { name: 'Pivot table' })).toHaveCount(0);
  await expect(pivot).toBeFocused();

  const timeline = page.getByRole('button', { name: 'Timeline', exact: true });
  await timeline.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('list', { name: 'Timeline' })).toHaveCount(0);
  await expect(timeline).toBeFocused();
});

test('an open menu keeps the item the person moved to while the window updates', async ({ app }) => {
  test.skip(test.info().project.name !== 'web', 'another client of the web host');
  const { page } = app;
  await ready(page, 'cars');
  await page.getByRole('button', { name: 'Actions for cars' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Copy name' })).toBeFocused();

  // another window opens a session: this one shows its tab, and re-renders
  const other = await nodeClient(page.url());
  await other.api.dispatch({ type: 'OpenSession' });
  other.close();
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('menuitem', { name: 'Copy name' })).toBeFocused();
});

/** What the person tabbed to, and whether it shows that it has focus: an outline, a ring (box-shadow) or, for the editor, its frame's. */
const focusShown = () =>
  document.activeElement
    ? (() => {
        const el = document.activeElement as HTMLElement;
        const marked = (e: Element) => {
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        };
        const frame = el.closest('.cm-editor');
        const name = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent?.trim().slice(0, 40) ?? '';
        return { what: `${el.tagName.toLowerCase()}[${el.getAttribute('role') ?? ''}] ${name}`, shown: marked(el) || (frame !== null && marked(frame)) };
      })()
    : undefined;

test('every stop of the Tab order shows that it has focus', async ({ app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  // The first stop, reached by the keyboard (:focus-visible follows how focus came): nothing before it takes focus.
  await page.getByRole('button', { name: /New session/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(tabs(page).first()).toBeFocused();
  const unmarked: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 80; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    let stop = await page.evaluate(focusShown);
    if (!stop || stop.what.startsWith('body') || seen.has(stop.what)) break; // round the page once
    seen.add(stop.what);
    // the editor marks itself focused on its next update, not in the focus event: give it a moment
    for (let wait = 0; wait < 10 && !stop?.shown; wait++) {
      await page.waitForTimeout(50);
      stop = await page.evaluate(focusShown);
    }
    if (!stop?.shown) unmarked.push(stop?.what ?? 'nothing');
  }
  expect(seen.size).toBeGreaterThan(10);
  expect(unmarked).toEqual([]);
});

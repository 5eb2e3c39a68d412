import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * The grid with a chart and a pivot beside it, in the windows the app targets: the grid keeps a
 * usable width, the panels show their content, and the grid's toolbar stays one row of whole labels.
 * 1024×700 leaves the workspace 574 px beside the catalog and the history: the grid keeps less, and
 * the pivot's value column is reached by scrolling the pivot sideways.
 */
const SIZES = [
  { width: 1280, height: 800, gridMin: 360, pivotFits: true },
  { width: 1024, height: 700, gridMin: 260, pivotFits: false },
] as const;

/** What is wrong with the layout, in words; [] once it is right. */
function layoutProblems(page: Page, { gridMin, pivotFits }: { gridMin: number; pivotFits: boolean }): Promise<string[]> {
  return page.evaluate(({ gridMin, pivotFits }) => {
    const problems: string[] = [];
    const box = (el: Element) => el.getBoundingClientRect();
    const bar = document.querySelector('[role="toolbar"][aria-label="Result view"]')!;
    const buttons = [...bar.querySelectorAll<HTMLElement>('button')];
    // a single-line button's height: the same button and font, its label forced onto one line
    const probe = buttons[0]!.cloneNode(true) as HTMLElement;
    probe.style.cssText = 'position: absolute; visibility: hidden; font-size: 12px; gap: 5px';
    probe.textContent = 'Filters';
    bar.append(probe);
    const single = box(probe).height;
    probe.remove();
    const top = box(buttons[0]!).top;
    for (const b of buttons) {
      const r = box(b);
      const name = b.textContent?.trim();
      if (Math.abs(r.top - top) > 3) problems.push(`toolbar: "${name}" is on another row (top ${Math.round(r.top)}, not ${Math.round(top)})`);
      if (Math.abs(r.height - single) > 1) problems.push(`toolbar: "${name}" is ${Math.round(r.height)} px high, a one-line button ${Math.round(single)}`);
      if (r.right > box(bar).right + 1) problems.push(`toolbar: "${name}" spills out`);
      if (!b.title) problems.push(`toolbar: "${name}" has no tooltip`);
    }
    // the panels' own buttons: a wrapped label makes a button two lines (over 32 px) high
    for (const b of document.querySelectorAll<HTMLElement>('.chart-head button, .pivot-head button, .pivot-builder button, .profile-head button')) {
      if (box(b).height > 32) problems.push(`"${b.textContent?.trim()}" wraps (${Math.round(box(b).height)} px high)`);
    }
    const grid = document.querySelector('[role="grid"][aria-label="Results"]')!;
    const g = box(grid);
    if (g.width < gridMin) problems.push(`the grid is ${Math.round(g.width)} px wide, not ${gridMin}`);
    if (g.bottom > innerHeight + 1) problems.push(`the grid's foot is off screen (${Math.round(g.bottom)} px)`);
    const charts = document.querySelector('.linked-charts')!;
    if (box(charts).width < 280) problems.push(`the chart panel is ${Math.round(box(charts).width)} px wide`);
    const panel = document.querySelector('[aria-label="Pivot table"]')!;
    const p = box(panel);
    const count = panel.querySelector<HTMLElement>('.pivot-meta')!;
    if (count.scrollWidth > count.clientWidth || box(count).right > p.right) problems.push(`the pivot's count "${count.textContent}" is cut`);
    const pivotGrid = panel.querySelector('[role="grid"]')!;
    if (!pivotFits) pivotGrid.scrollLeft = pivotGrid.scrollWidth;
    const headers = [...panel.querySelectorAll('[role="columnheader"]')];
    const value = headers.at(-1);
    if (!value || headers.length < 2) problems.push('the pivot has no value column');
    else if (box(value).right > p.right + 1 || box(value).left < p.left) problems.push(`the pivot's value column "${value.textContent}" is outside the panel`);
    const work = box(document.querySelector('.grid-and-profile')!);
    const history = box(document.querySelector('.history')!);
    if (work.right > history.left + 1) problems.push('the results lie under the history');
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
    return problems;
  }, { gridMin, pivotFits });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: chart and pivot beside the grid, the toolbar on one row`, async ({ app }, testInfo) => {
    const { page } = app;
    await page.setViewportSize(size);
    await ready(page, 'cars');
    await runSql(page, 'select * from cars');
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
    await page.getByRole('button', { name: 'Chart', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Chart' }).locator('.chart-plot svg')).toBeVisible();
    await page.getByRole('button', { name: 'Pivot', exact: true }).click();
    const pivot = page.getByRole('region', { name: 'Pivot table' });
    await expect(pivot.locator('.pivot-meta')).toHaveText(/\d+\s+groups?/);
    await expect(pivot.getByRole('grid', { name: 'Pivot' }).getByRole('columnheader').nth(1)).toBeVisible();

    // polled: the panels settle their widths (the chart redraws to its width) after they appear
    await expect.poll(() => layoutProblems(page, size)).toEqual([]);
    // icon-only or not, the buttons keep their names
    const bar = page.getByRole('toolbar', { name: 'Result view' });
    for (const name of ['Filters', 'Clear sort and filters', 'Open as SQL', 'Profile', 'Chart', 'Pivot', 'Export…']) await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('body')).toHaveCSS('background-color', scheme === 'dark' ? /rgb\(\d{1,2}, / : /rgb\(2\d\d, /);
      await screenshot(page, testInfo, `layout-${size.width}-${scheme}`);
    }
    // short of height, the panels' column scrolls to the pivot's rows; the grid stays
    await pivot.getByRole('grid', { name: 'Pivot' }).getByRole('row').nth(3).scrollIntoViewIfNeeded();
    await expect.poll(() => layoutProblems(page, size)).toEqual([]);
    await screenshot(page, testInfo, `layout-${size.width}-pivot-rows`);

    // with the profile too, the three panels share the one column
    await page.getByRole('button', { name: 'Profile', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Column profiles' })).toBeVisible();
    await expect.poll(() => layoutProblems(page, size)).toEqual([]);
    await screenshot(page, testInfo, `layout-${size.width}-three-panels`);
  });
}

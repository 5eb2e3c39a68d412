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
    // nothing a panel draws lies over the grid (stacked, the panels scroll under it): what a point of it shows is the grid's
    const gridWrap = document.querySelector('.grid-and-profile')!.firstElementChild!;
    const gw = box(gridWrap);
    for (let i = 1; i < 6; i++) {
      for (let j = 1; j < 6; j++) {
        const [x, y] = [gw.left + (gw.width * i) / 6, gw.top + (gw.height * j) / 6];
        const hit = y < innerHeight ? document.elementFromPoint(x, y) : null;
        if (hit && !gridWrap.contains(hit)) problems.push(`the grid is covered at (${Math.round(x)}, ${Math.round(y)}) by .${hit.className}`);
      }
    }
    const work = box(document.querySelector('.grid-and-profile')!);
    const history = box(document.querySelector('.history')!);
    if (work.right > history.left + 1) problems.push('the results lie under the history');
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
    return problems;
  }, { gridMin, pivotFits });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: chart and pivot beside the grid, the toolbar on one row`, async ({ shared: app }, testInfo) => {
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
    // so does the editor's, both side panes open (Timeline and Export session… went to a second row at 1024)
    const editorBar = page.getByRole('toolbar', { name: 'Editor' });
    const rows = await editorBar.locator('button').evaluateAll((bs) => new Set(bs.map((b) => Math.round(b.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    for (const name of ['Run', 'Format', 'Timeline', 'Export session…']) await expect(editorBar.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(editorBar.getByRole('switch', { name: 'Instant preview' })).toBeVisible();
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

/** Each side panel's box, the column's, and whether a panel scrolls inside (cut) rather than showing its content whole. */
function stackedPanels(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => el?.getBoundingClientRect().toJSON() as DOMRect | undefined;
    const column = document.querySelector<HTMLElement>('.grid-and-profile')!;
    const charts = document.querySelector<HTMLElement>('.linked-charts');
    const pivot = document.querySelector('[aria-label="Pivot table"]');
    const lastPivotRow = [...(pivot?.querySelectorAll('[role="row"]') ?? [])].at(-1);
    return {
      column: { ...box(column)!, scrolls: column.scrollHeight > column.clientHeight + 1 },
      grid: box(document.querySelector('[role="grid"][aria-label="Results"]'))!,
      chart: charts && { ...box(charts)!, cut: charts.scrollHeight > charts.clientHeight + 1 },
      plot: box(document.querySelector('.linked-charts .chart-plot')),
      profile: box(document.querySelector('[aria-label="Column profiles"]')),
      pivot: box(pivot),
      lastPivotRow: box(lastPivotRow ?? null),
    };
  });
}

test('1280×800: stacked panels take their content’s height, the chart its whole plot, and the column scrolls under a grid that stays', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Chart' }).locator('.chart-plot svg')).toBeVisible();
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Column profiles' })).toBeVisible();

  // the chart is not squeezed to share the column evenly: it is whole, and the profile keeps 240 px under it
  await expect.poll(async () => (await stackedPanels(page)).chart?.cut).toBe(false);
  let s = await stackedPanels(page);
  expect(s.plot!.height).toBeGreaterThanOrEqual(240);
  expect(s.profile!.height).toBeGreaterThanOrEqual(239);
  expect(s.column.scrolls).toBe(true);
  // scrolled to, the whole plot is in sight, and the grid has not moved
  await page.locator('.linked-charts .chart-plot').scrollIntoViewIfNeeded();
  s = await stackedPanels(page);
  expect(s.plot!.top).toBeGreaterThanOrEqual(s.column.top - 1);
  expect(s.plot!.bottom).toBeLessThanOrEqual(s.column.bottom + 1);
  const gridTop = s.grid.top;
  await screenshot(page, testInfo, 'stacked-chart-profile');

  // a 4-row pivot between them takes its rows' height, no blank under them
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  const pivot = page.getByRole('region', { name: 'Pivot table' });
  await expect(pivot.locator('.pivot-meta')).toHaveText(/\d+\s+groups?/);
  await pivot.getByRole('grid', { name: 'Pivot' }).getByRole('row').last().scrollIntoViewIfNeeded();
  s = await stackedPanels(page);
  expect(s.chart!.cut).toBe(false);
  expect(s.pivot!.bottom - s.lastPivotRow!.bottom).toBeLessThanOrEqual(4);
  expect(s.profile!.height).toBeGreaterThanOrEqual(239);
  expect(s.grid.top).toBeCloseTo(gridTop, 0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, testInfo, `stacked-three-${scheme}`);
  }
});

test('one look: top-bar icon buttons 22 px square, a tab’s close at its right edge, muted placeholders, alike panel headings, the chart’s actions on one row', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const size = async (name: RegExp | string) => {
    const b = (await page.getByRole('banner').getByRole('button', { name }).boundingBox())!;
    return [Math.round(b.width), Math.round(b.height)];
  };
  expect(await size(/^Theme: /)).toEqual(await size('Hide datasets'));

  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveCount(2);
  const closeGaps = await page.locator('.tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().right - t.querySelector('.close')!.getBoundingClientRect().right));
  for (const gap of closeGaps) expect(gap).toBeLessThanOrEqual(2);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const contrasts = await page.getByRole('textbox', { name: 'Dataset path or URL' }).evaluate((input) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r = 0, g = 0, b = 0] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [lum(getComputedStyle(input, '::placeholder').color), lum(getComputedStyle(input).backgroundColor)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(contrasts, `placeholder contrast, ${scheme}`).toBeGreaterThanOrEqual(4.5);
  }

  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  for (const name of ['Chart', 'Pivot', 'Profile']) await page.getByRole('button', { name, exact: true }).click();
  const headings = page.locator('.chart-title, .pivot-title, .profile-title');
  await expect(headings).toHaveCount(3);
  const looks = await headings.evaluateAll((hs) => hs.map((h) => { const c = getComputedStyle(h); return [c.fontSize, c.fontWeight, c.textTransform, c.letterSpacing, c.color].join(' '); }));
  expect(new Set(looks).size, looks.join(' | ')).toBe(1);

  // in the stacked column (400 px at 1280×800) the chart's actions share one row, keeping their names
  const chartRegion = page.getByRole('region', { name: 'Chart' });
  const tops = [];
  for (const name of ['Show chart data', 'Export PNG', 'Export SVG']) tops.push(Math.round((await chartRegion.getByRole('button', { name }).boundingBox())!.y));
  expect(new Set(tops).size, `tops ${tops.join(', ')}`).toBe(1);
  await screenshot(page, testInfo, 'one-look');
});

test('900×700, a panel under the grid: a 1-row result’s grid keeps its rows’ height, not half the workspace', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 700 });
  await ready(page, 'cars');
  await runSql(page, 'select Origin, count(*) as n from cars group by all order by 1 limit 1');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  const pivot = page.getByRole('region', { name: 'Pivot table' });
  await expect(pivot.locator('.pivot-meta')).toHaveText(/1\s+group/);
  const [grid, panel] = [(await page.locator('.grid-and-profile > .grid-wrap').boundingBox())!, (await pivot.boundingBox())!];
  // toolbar, header, filters and one row: about 100 px (it was 50% of the workspace's height)
  expect(grid.height).toBeLessThan(140);
  expect(panel.y).toBeCloseTo(grid.y + grid.height, 0);
  await screenshot(page, testInfo, 'narrow-one-row');
});

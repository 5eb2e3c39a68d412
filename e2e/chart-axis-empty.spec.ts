import type { Page } from '@playwright/test';
import { chart, pickChart } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { ready, runSql, status } from './workbench.helpers';

/** The x tick labels drawn, with how far each reaches past its SVG's right edge (laid out by Chromium). */
const xLabels = (page: Page, region: string) =>
  chart(page, region)
    .locator('.chart-plot svg')
    .last()
    .evaluate((svg) => {
      const right = svg.getBoundingClientRect().right;
      return [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => ({ text: t.textContent ?? '', past: t.getBoundingClientRect().right - right }));
    });

test('a histogram of an integer column has whole ticks, its last label inside the chart; its bin is raw DuckDB’s', async ({ shared }) => {
  const { page } = shared;
  await runSql(page, `select 'a' as k, 1234567 as v`);
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'v' });
  await expect(chart(page, 'Chart').getByRole('img', { name: /^Histogram of v/ })).toBeVisible();
  await expect.poll(async () => (await xLabels(page, 'Chart')).map((l) => l.text)).toEqual(['1,234,567', '1,234,568']);
  for (const label of await xLabels(page, 'Chart')) expect(label.past).toBeLessThanOrEqual(0);
  // the bin drawn is the one raw DuckDB computes: [v, v + 1), whole edges
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const cells = await chart(page, 'Chart').getByRole('table', { name: 'Chart data' }).locator('tbody td').allTextContents();
  const [[v]] = (await duckdbRows('select 1234567 as v')) as [[string]];
  expect(cells.slice(0, 2).map((c) => c.replaceAll(',', ''))).toEqual([v, String(Number(v) + 1)]);
});

test('a chart of a result of no rows says why it is empty', async ({ shared }) => {
  const { page } = shared;
  await runSql(page, 'select 1 as v where false');
  await expect(status(page)).toHaveText(/^0\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(chart(page, 'Chart').getByText('The query returned no rows: nothing to chart.')).toBeVisible();
});

test('after "Add chart", the first chart’s sticky header is not left half in view above the second’s', async ({ shared }) => {
  const { page } = shared;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await expect(chart(page, 'Chart 2')).toBeFocused();
  await page.waitForTimeout(300);
  const { firstHead, secondHead, top } = await page.evaluate(() => {
    const box = (el: Element | null | undefined) => el!.getBoundingClientRect();
    const scroller = document.querySelector('.linked-charts')!;
    const [one, two] = [...scroller.querySelectorAll(':scope > .chart-panel > .chart-head')];
    return { firstHead: box(one).bottom, secondHead: box(two).top, top: box(scroller).top + scroller.clientTop };
  });
  // Chart 2's header at the top of the charts (under its 1 px border); nothing of Chart 1's above it
  expect(secondHead - top).toBeGreaterThanOrEqual(0);
  expect(secondHead - top).toBeLessThanOrEqual(1);
  expect(firstHead).toBeLessThanOrEqual(top);
});

test('"Export session" on a session that has run nothing says there is nothing to export, and Export is disabled', async ({ shared }) => {
  const { page } = shared;
  await page.getByRole('button', { name: 'Export session…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export session' });
  await expect(dialog.getByText('Nothing to export yet: the session has run no queries.')).toBeVisible();
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription('Nothing to export yet: the session has run no queries.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

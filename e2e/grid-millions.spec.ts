import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { grid, gridRow, mod, ready, runSql, screenshot, status } from './workbench.helpers';

/** The grid over millions of rows: the last row reached as DuckDB has it, and a tab switch whose cost does not grow with them. */

const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;
const shown = (values: readonly (string | null)[]) => values.map((v) => v ?? 'NULL');

test('scrolling a 3-million-row result to its end shows the last row, as DuckDB has it', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  await runSql(page, 'select * from flights_3m');
  await expect(status(page)).toHaveText(/^3,000,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 60_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3000001');
  const [first] = await duckdbRows(`select * from ${FLIGHTS} limit 1`);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(shown(first!));

  // Drag the scrollbar to the bottom, as a person would.
  await grid(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const [last] = await duckdbRows(`select * from ${FLIGHTS} limit 1 offset 2999999`);
  await expect(gridRow(page, 3_000_001).getByRole('gridcell')).toHaveText(shown(last!));
  await expect(gridRow(page, 3_000_001).getByRole('rowheader')).toHaveText('3,000,000');
  await expect(gridRow(page, 3_000_001)).toBeInViewport({ ratio: 1 });
  await screenshot(page, testInfo, 'grid-end-of-3m-rows');

  // The middle, reached by keyboard from the top: Ctrl+Home, then pages down.
  await grid(page).focus();
  await page.keyboard.press(`${mod}+Home`);
  await expect(gridRow(page, 2)).toBeInViewport();
  await page.keyboard.press(`${mod}+End`);
  await expect(gridRow(page, 3_000_001).getByRole('gridcell').last()).toHaveAttribute('aria-selected', 'true');
  await grid(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  // The rows follow the scroll on the next frame: wait for them rather than read the old ones.
  const shownRow = async () => Number(await grid(page).locator('[role="row"][aria-rowindex]').nth(5).getAttribute('aria-rowindex'));
  await expect.poll(shownRow).toBeLessThan(2_000_000);
  const middle = await shownRow();
  expect(middle).toBeGreaterThan(1_000_000);
  const [atMiddle] = await duckdbRows(`select * from ${FLIGHTS} limit 1 offset ${middle - 2}`);
  await expect(gridRow(page, middle).getByRole('gridcell')).toHaveText(shown(atMiddle!));
});

const settled = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Clicks a session's tab and times it in the page: from the click to the first frame painted after
 * the grid shows `rows` rows with its first cell filled.
 */
const switchTo = (page: Page, name: string, rows: number) =>
  page.evaluate(
    async ({ name, rows }) => {
      const start = performance.now();
      [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.trim() === name)!.click();
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const painted = () => {
        const grid = document.querySelector('[role="grid"][aria-label="Results"]');
        return grid?.getAttribute('aria-rowcount') === String(rows + 1) && !!grid.querySelector('[role="row"][aria-rowindex="2"] [role="gridcell"]')?.textContent;
      };
      while (!painted()) await frame();
      await frame();
      return performance.now() - start;
    },
    { name, rows },
  );

test('switching to a tab whose result has 10 million rows costs what a short result costs', async ({ app }) => {
  const { page } = app;
  const tabs = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
  // The renderer's long tasks (50 ms or more) while the rows stream in with the grid shown, reported
  // only: each progress frame measured every row again (tasks of up to ~0.8 s, 1.5–3 s in all here, a
  // 10 M-row Parquet froze the window for most of its run), but this fast stream ends too soon for a
  // bound that does not flake. The tab switch below is the same cost, and is bounded.
  await page.evaluate(() => {
    const longest = { ms: 0, total: 0 };
    (window as unknown as { longest: typeof longest }).longest = longest;
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        longest.ms = Math.max(longest.ms, e.duration);
        longest.total += e.duration;
      }),
    ).observe({ type: 'longtask' });
  });
  await runSql(page, 'select range as n from range(10000000)');
  await expect(status(page)).toHaveText(/^10,000,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 120_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '10000001');
  await settled(page);
  const tasks = await page.evaluate(() => (window as unknown as { longest: { ms: number; total: number } }).longest);
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs).toHaveCount(2);
  await runSql(page, 'select 1 as one');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  const [big, small] = (await tabs.allTextContents()).map((t) => t.trim());

  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    times.push(await switchTo(page, big!, 10_000_000));
    await switchTo(page, small!, 1);
  }
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['1']);
  test.info().annotations.push({ type: '10M rows', description: `longest task while streaming ${Math.round(tasks.ms)} ms (${Math.round(tasks.total)} ms in all); tab switches ${times.map(Math.round).join(', ')} ms` });
  // Was 0.5–1.2 s, growing with the rows: a list virtualizer measured every row on mount. Now the
  // rows on screen are arithmetic (~30 ms here); the best of three, and a generous bound for a shared machine.
  expect(Math.min(...times)).toBeLessThan(250);
  await switchTo(page, big!, 10_000_000);
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['0']);
});

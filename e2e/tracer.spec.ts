import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';

const editor = (page: Page) => page.getByRole('textbox', { name: 'SQL editor' });
const status = (page: Page) => page.getByRole('status');
const datasets = (page: Page) => page.getByRole('list', { name: 'Datasets' });
const history = (page: Page) => page.getByRole('list', { name: 'Query history' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });

/** Records every text the status region shows, so a brief "Running…" cannot slip past the test. */
async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const el = document.querySelector('[role="status"]')!;
    const seen: string[] = [el.textContent ?? ''];
    (window as unknown as { __statusSeen: string[] }).__statusSeen = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __statusSeen: string[] }).__statusSeen);
}

async function run(page: Page, sql: string): Promise<void> {
  await editor(page).fill(sql);
  await page.getByRole('button', { name: 'Run' }).click();
}

test('opens with the sample datasets in the catalog', async ({ shared: app }) => {
  const list = datasets(app.page);
  for (const name of ['flights_3m', 'seattle_weather', 'cars']) {
    await expect(list.getByRole('listitem').filter({ hasText: new RegExp(`^${name}\\b`) })).toContainText('columns');
  }
  await expect(app.page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveText(['Session 1']);
});

test('adds a dataset by path under its catalog name, and a taken name gets _2', async ({ shared: app }) => {
  const input = app.page.getByRole('textbox', { name: 'Dataset path or URL' });
  await input.fill(`${VEGA_DATA}/penguins.json`);
  await app.page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(datasets(app.page).getByRole('listitem').filter({ hasText: /^penguins\b/ })).toContainText('columns');
  // another file of the sample's name (the sample's own file again adds nothing: it is in the catalog already)
  const elsewhere = mkdtempSync(join(tmpdir(), 'sextant-tracer-'));
  copyFileSync(`${VEGA_DATA}/seattle-weather.csv`, join(elsewhere, 'seattle-weather.csv'));
  await input.fill(join(elsewhere, 'seattle-weather.csv'));
  await app.page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(datasets(app.page).getByRole('listitem').filter({ hasText: /^seattle_weather_2\b/ })).toContainText('columns');
  await input.fill('/no/such/file.csv');
  await app.page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(datasets(app.page).getByRole('listitem').filter({ hasText: '/no/such/file.csv' })).toContainText(/No file at .*error id [0-9a-f-]{36}/);
});

test('runs SQL: Running…, then "N rows in T ms", the first rows in the grid, and the query in history', async ({ shared: app }) => {
  const { page } = app;
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^cars\b/ })).toContainText('columns');
  const seen = await recordStatus(page);
  const sql = 'select Name, Miles_per_Gallon, Year from cars order by Name, Year';
  await run(page, sql);
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  expect(await seen()).toContain('Running…');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '407');
  const expected = await duckdbRows(`select Name, Miles_per_Gallon, Year from read_json_auto('${VEGA_DATA}/cars.json') order by Name, Year limit 3`);
  const rows = grid(page).getByRole('row');
  for (let i = 0; i < expected.length; i++) {
    await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
  }
  await expect(history(page).getByRole('listitem').first()).toContainText(sql);
  await expect(history(page).getByRole('listitem').first()).toContainText('406 rows');
});

test('thousands separators: a 3-million-row result', async ({ shared: app }) => {
  const { page } = app;
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^flights_3m\b/ })).toContainText('columns');
  await run(page, 'select * from flights_3m');
  await expect(status(page)).toHaveText(/^3,000,000\u00a0rows in [\d,]+\u00a0ms$/, { timeout: 60_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3000001');
});

test('bad SQL shows "Failed: <DuckDB message>" with an error id, and the next query works', async ({ shared: app }) => {
  const { page } = app;
  await run(page, 'selec 1');
  await expect(status(page)).toContainText('Failed: Parser Error: syntax error at or near "selec"');
  await expect(status(page)).toContainText(/error id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await expect(history(page).getByRole('listitem').first()).toContainText('failed');
  await run(page, 'select 42 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(grid(page).getByRole('gridcell')).toHaveText(['42']);
});

/** Two sessions, the first showing a 250-row result: what a reload has to bring back. */
async function twoSessions(page: Page): Promise<void> {
  await run(page, 'select range as n from range(250)');
  await expect(status(page)).toHaveText(/^250\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await run(page, 'select 1');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await page.getByRole('tab', { name: 'Session 1' }).click();
}

async function expectRestored(page: Page): Promise<void> {
  await expect(page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
  await expect(status(page)).toHaveText(/^250\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '251');
  await expect(grid(page).getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['0']);
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
}

test('a reload brings back the session, its history and last result', async ({ app }) => {
  const { page } = app;
  await twoSessions(page);
  await page.reload();
  await expectRestored(page);
});

// The desktop app's window talks to main over IPC, whose messages a test cannot watch: web host only.
test('web host: a reload resubscribes after the last seq it had and replays events, fetching no snapshot', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'watches the WebSocket frames of the web host');
  const { page } = app;
  await twoSessions(page);

  const subscribes: { pattern: string; afterSeq?: number }[] = [];
  let snapshots = 0;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { request: { method: string; pattern: string; afterSeq?: number } };
      if (msg.request.method === 'subscribe') subscribes.push(msg.request);
    });
    ws.on('framereceived', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { type: string; frames?: { kind: string }[] };
      snapshots += (msg.frames ?? []).filter((f) => f.kind === 'snapshot').length;
    });
  });
  await page.reload();

  await expectRestored(page);
  await expect.poll(() => subscribes.length).toBe(2);
  for (const s of subscribes) expect(s.afterSeq, `subscribe ${s.pattern} resumes after a seq`).toBeGreaterThan(0);
  expect(snapshots, 'a reload replays events, it does not fetch a snapshot').toBe(0);
});

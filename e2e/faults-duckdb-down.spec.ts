import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from './fixtures';
import { launchHost } from './faultHost';
import { editor, editorText, mod } from './workbench.helpers';

/**
 * DuckDB cannot start (its file locked by another process: docs/store.md, "A start"). The page says
 * so in the top bar as soon as it loads, in DuckDB's words with the error id the host logged; Run is
 * disabled, titled with why, a Ctrl/Cmd+Enter sends nothing and says that same why, and the
 * draft is saved. Started again with the file free, the open page's sign goes and queries run.
 */

const ID = '[0-9a-f-]{36}';

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'web', 'starts hosts of its own');
});

test('DuckDB locked by another process: the top bar says DuckDB is not running, why and the id; Run is disabled saying why, Ctrl/Cmd+Enter sends nothing and says the same why, the draft is saved', async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-duckdb-down-'));
  const file = join(dataDir, 'duckdb', 'workspace.duckdb');
  mkdirSync(join(dataDir, 'duckdb'));
  // this test's process holds DuckDB's lock on the app's file, as another program would
  let holder: DuckDBInstance | undefined = await DuckDBInstance.create(file);
  let host = await launchHost(dataDir);
  const page = await browser.newPage();
  // what the page sends: while DuckDB is down, neither the key nor Run sends a StartQuery
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => void sent.push(String(payload))));
  try {
    await expect.poll(() => host.stderr(), { message: 'the host says DuckDB could not start' }).toMatch(/Sextant could not start DuckDB: /);
    const logged = new RegExp(`Sextant could not start DuckDB: (DuckDB could not start: IO Error: Could not set lock on file .*) \\(error id (${ID})\\)`).exec(host.stderr());
    expect(logged, host.stderr()).not.toBeNull();
    const [, message, id] = logged!;

    await page.goto(host.url);
    const sign = page.getByRole('img', { name: /^DuckDB is not running\./ });
    await expect(sign).toBeVisible();
    await expect(sign).toHaveText('DuckDB is not running');
    const said = await sign.getAttribute('aria-label');
    expect(said).toContain(`${message} (error id ${id}).`);
    expect(said).toContain('Sextant is started again');
    await expect(sign).toHaveAttribute('title', said!);
    // the status bar says it too, in place of "Ready", with the id to copy
    await expect(page.getByRole('status').filter({ hasText: 'DuckDB is not running' })).toHaveText(`DuckDB is not running: queries cannot run. (error id ${id})`);

    // With a statement to run, Run is disabled, still named Run, and says why in its title (so its description): DuckDB's words, the same id
    await editor(page).fill('select 42');
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeDisabled();
    const why = `DuckDB is not running, so queries cannot run: ${message} (error id ${id}).`;
    await expect(run).toHaveAttribute('title', `${why}\nRun (Ctrl/Cmd+Enter); the statement at the caret: Ctrl/Cmd+Shift+Enter`);
    await expect(run).toHaveAccessibleDescription(new RegExp(`^${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // a key cannot be disabled: Ctrl/Cmd+Enter goes the button's way, sends nothing, and says Run's why over the text
    const notice = page.locator('.editor-notices [role="alert"]');
    await expect(notice).toHaveCount(0);
    await editor(page).press(`${mod}+Enter`);
    await expect(notice).toHaveText(why);
    await expect(editor(page)).toBeFocused();
    // and stays in the Tab order (aria-disabled, not disabled): a keyboard or screen reader reaches it, and why; Enter on it runs nothing and says the same
    await page.keyboard.press('Tab');
    await expect(run).toBeFocused();
    // dimmed by its colours, not by opacity, which faded its focus ring too: the ring is whole, as on an enabled Run
    await expect(run).toHaveCSS('opacity', '1');
    await expect(run).toHaveCSS('outline-width', '2px');
    await page.keyboard.press('Enter');
    await expect(run).toBeFocused();
    await expect(notice).toHaveText(why);
    // a StartQuery sent would have come back refused by now (it did, before the key went the button's way)
    await page.waitForTimeout(500);
    await expect(page.getByRole('status').filter({ hasText: 'Query not run' })).toHaveCount(0);
    expect(sent.filter((f) => f.includes('"StartQuery"'))).toEqual([]);

    // a reload is told again, as its subscription goes live; the draft needs nothing of DuckDB, so
    // it was saved (no run flushes it now: its delay's save) and the editor starts from it
    await expect.poll(() => sent.some((f) => f.includes('"SaveDraft"') && f.includes('select 42'))).toBe(true);
    await page.reload();
    await expect(page.getByRole('img', { name: /^DuckDB is not running\./ })).toBeVisible();
    await expect.poll(() => editorText(page)).toBe('select 42');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();

    // The file freed and the host started again: the open page reconnects, the sign goes, queries run.
    await host.stop();
    holder.closeSync();
    holder = undefined;
    host = await launchHost(dataDir, { port: host.port, token: host.token });
    await expect(page.getByRole('img', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('img', { name: /^DuckDB is not running/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    await editor(page).fill('select 42 as answer');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 row in' })).toBeVisible();
  } finally {
    await page.close();
    await host.stop();
    holder?.closeSync();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

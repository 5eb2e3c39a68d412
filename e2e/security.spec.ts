import { datasetName } from '../src/shared/domain/datasetName';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../src/main/security/contentSecurityPolicy';
import { cellLines, cellPartsText } from '../src/renderer/components/grid/cellText';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { dataset, grid, gridRow, history, ready, runSql, status } from './workbench.helpers';

/**
 * Each payload, if the page ever treated data as HTML or a URL, would set window.__pwned (or open
 * a dialog). The cells must show them as the literal text DuckDB returns.
 */
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  'javascript:window.__pwned = 3',
  '<a href="javascript:window.__pwned = 4">click me</a>',
  '<svg onload="window.__pwned = 5"></svg>',
  '<iframe srcdoc="<script>parent.__pwned = 6</script>"></iframe>',
  "{{constructor.constructor('window.__pwned = 7')()}}",
  '"><script>alert(8)</script><"',
  '<style>body{display:none}</style>',
  'bell\u0007 escape\u001b[31m red rtl\u202eevil nul-ish\u0001 tab\tinside',
  'line one\nline two\r\nline three',
  '=HYPERLINK("http://evil.example","x")',
];

/** A CSV of the payloads in two columns, with a header that is itself a payload. */
function hostileCsv(): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const header = ['id', '<img src=x onerror="window.__pwned = 99">', 'payload'].map(quote).join(',');
  return [header, ...PAYLOADS.map((p, i) => [String(i), quote(p), quote(p)].join(','))].join('\n') + '\n';
}

/** Everything that would say a payload ran: the flag, a dialog, a CSP refusal, an element that should not exist. */
async function watchForExecution(page: Page): Promise<() => Promise<string[]>> {
  const events: string[] = [];
  page.on('dialog', (d) => {
    events.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy|violates/i.test(m.text())) events.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
  return async () => {
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    // the app's own icons are lucide SVGs (class "lucide"); any other SVG there came from a value
    const elements = await page.evaluate(
      () => document.querySelectorAll('main script, [role=grid] img, [role=grid] svg:not(.lucide), [role=grid] iframe, [role=grid] a, [role=list] img, [role=list] svg:not(.lucide), [role=status] img').length,
    );
    return [...events, ...(pwned === undefined ? [] : [`window.__pwned = ${String(pwned)}`]), ...(elements === 0 ? [] : [`${elements} injected elements`])];
  };
}

test('a dataset full of HTML, javascript: links and control characters renders as inert text', async ({ shared: app }) => {
  const { page } = app;
  const dir = mkdtempSync(join(tmpdir(), 'sextant-xss-'));
  try {
    // The file's own name is hostile too: it is shown as the dataset's source.
    const file = join(dir, 'xss<img src=x onerror=window.__pwned=9>.csv');
    writeFileSync(file, hostileCsv());
    const executed = await watchForExecution(page);
    await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
    await page.getByRole('button', { name: 'Add dataset' }).click();
    // named by the catalog's rule (docs/contracts.md): a bare identifier, nothing of the markup left
    const name = datasetName(file, new Set());
    expect(name).toBe('xss_img_src_x_onerror_window_pwned_9');
    await ready(page, name);

    await runSql(page, `select * from ${name} order by id`);
    const expected = await duckdbRows(`select * from read_csv('${file.replaceAll("'", "''")}') order by id`);
    await expect(status(page)).toHaveText(new RegExp(`^${expected.length}\\u00a0${expected.length === 1 ? 'row' : 'rows'} in [\\d,]+\\u00a0ms$`));
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    // Header: the payload column name as text.
    await expect(grid(page).getByRole('columnheader').nth(1)).toContainText('<img src=x onerror="window.__pwned = 99">');
    // Every cell holds exactly DuckDB's text (textContent, not whitespace-normalised). Rows are drawn
    // before their page arrives, with empty cells; the page brings every cell at once, so once the
    // first row shows its id, every row drawn shows its text.
    await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText(expected[0]![0] ?? 'NULL');
    const shown = await grid(page)
      .locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent)));
    // a line break is drawn as a marker on the cell's one line, a control as its code (cellText.ts); the rest exactly as DuckDB has it
    expect(shown).toEqual(expected.slice(0, shown.length).map((row) => row.map((v) => (v === null ? 'NULL' : cellLines(v).map(cellPartsText).join('↵')))));
    // the override is a mark, not a turn: the words after it read left to right
    await expect(grid(page).getByRole('gridcell', { name: /rtl\[U\+202E\]evil/ }).first()).toBeVisible();
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(expected.length, 8));

    // Clicking cells (a link would navigate) and the catalog's columns (names are payloads) change nothing.
    await grid(page).getByRole('gridcell', { name: 'javascript:window.__pwned = 3' }).first().click();
    await grid(page).getByRole('gridcell', { name: /click me/ }).first().dblclick();
    await dataset(page, name).click();
    await expect(dataset(page, name)).toContainText('<img src=x onerror="window.__pwned = 99">');

    // A failure whose message carries a payload shows it as text, too.
    await runSql(page, 'select * from "<img src=x onerror=window.__pwned=10>"');
    await expect(status(page)).toContainText('Failed:');
    await expect(status(page)).toContainText('<img src=x onerror=window.__pwned=10>');
    await expect(history(page).getByRole('listitem').first()).toContainText('<img src=x onerror=window.__pwned=10>');

    expect(page.url()).toMatch(/^(http:\/\/127\.0\.0\.1|app:\/\/sextant)/);
    expect(await executed()).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the page carries the one Content-Security-Policy: the same meta tag in Electron and the browser, the header from the web host', async ({ shared: app }) => {
  const { page } = app;
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  if (test.info().project.name === 'web') {
    const response = await page.request.get(page.url());
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  }
  // The policy is live: an inline script the page itself tries to add does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.head.appendChild(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

test('a page load asks for nothing it does not have, and its icon loads under the policy', async ({ shared: app }) => {
  const { page } = app;
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  // The reload itself aborts what the first load still had in flight (the icon, say): that is no failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`);
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  // An image from the icon's href: blocked by the policy or missing, it errors instead of loading.
  const icon = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href;
    if (!href) return 'no icon link';
    const img = new Image();
    img.src = href;
    return img.decode().then(
      () => `${img.naturalWidth > 0 ? 'loaded' : 'empty'}`,
      () => `not loaded: ${href}`,
    );
  });
  expect(icon).toBe('loaded');
  expect(failed).toEqual([]);
});

test('a page from another origin cannot open Sextant’s WebSocket, even knowing the token', async ({ shared: app }) => {
  test.skip(test.info().project.name !== 'web', 'the web host only');
  const { page } = app;
  const sextant = new URL(page.url());
  const wsUrl = `ws://127.0.0.1:${sextant.port}/ws?token=${sextant.searchParams.get('token')}`;
  const tryOpen = (p: Page, url: string) =>
    p.evaluate(
      (u) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(u);
          ws.onopen = () => {
            ws.close();
            resolve('opened');
          };
          ws.onerror = () => resolve('refused');
          setTimeout(() => resolve('timeout'), 5000);
        }),
      url,
    );
  // The same script from Sextant's own page connects: the check below is the origin, not the script.
  expect(await tryOpen(page, wsUrl)).toBe('opened');

  const evil: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const other = await page.context().newPage();
    await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    expect(await tryOpen(other, wsUrl)).toBe('refused');
    // Nor can it read the app's page: the host sends no CORS headers, and refuses the foreign Origin.
    const read = await other.evaluate((u) => fetch(u, { credentials: 'include' }).then((r) => `status ${r.status}`, () => 'blocked'), `http://127.0.0.1:${sextant.port}/`);
    expect(read).toBe('blocked');
    await other.close();
  } finally {
    evil.close();
  }
});

import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './scripts/electronBinary.mjs';

/**
 * One suite, two projects: `web` drives the web host in Debian's Chromium (works everywhere,
 * including CI); `electron` drives the desktop app, and is left out, saying why, where Electron's
 * binary is absent (skipping each of its tests instead cost 13 s of a run).
 */
const electron = findElectronBinary();
// the config is read again by every worker: say it once
if ('reason' in electron && process.env['TEST_WORKER_INDEX'] === undefined) console.log(`[electron] project left out: ${electron.reason}`);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // Two workers on a 2-core machine. The suite is CPU-bound (Chromium's renderer is the biggest
  // user, then the host), so a second worker gains little; what kept `npm test` under 20 min was
  // cutting CPU (no trace per test, reduced motion, below): 79 tests in 8.3 min, `npm test` 16.1 min.
  workers: 2,
  retries: 0, // a flaky test gets fixed, never retried
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  // Tracing every test (to keep a failing one's trace) cost a quarter of the suite's CPU, mostly
  // Chromium capturing frames; PW_TRACE=1 turns it back on to debug a failure. Reduced motion stops
  // spinners repainting (the app honours it) — nothing a test checks moves.
  use: {
    trace: process.env['PW_TRACE'] ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    ...('path' in electron ? [{ name: 'electron' }] : []),
  ],
});

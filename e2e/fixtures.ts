import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary } from '../scripts/electronBinary.mjs';
import { expect, test as base, _electron, type Browser, type BrowserType, type LaunchOptions, type Page, type TestInfo } from '@playwright/test';

export const VEGA_DATA = resolve('node_modules/vega-datasets/data');

/** What a spec drives: the app's page, however it is hosted. */
export interface SextantApp {
  readonly page: Page;
  readonly dataDir: string;
  /**
   * Stops the host and starts it again on the same data dir (and, for the web host, port and token).
   * `whileStopped` runs in between: what happens there is what an open page must catch up on.
   */
  restartHost(whileStopped?: () => Promise<void>): Promise<void>;
}

interface WebHostProcess {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * Starts `node out/main/serve.js` (what `npm run serve` runs after building) and waits for its one
 * line; `files` are passed as the command line's file arguments.
 */
export async function startWebHost(dataDir: string, port = 0, token?: string, files: readonly string[] = []): Promise<WebHostProcess> {
  const args = ['out/main/serve.js', '--port', String(port), '--data-dir', dataDir, ...(token ? [`--token=${token}`] : []), ...files];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Sextant listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return { url, port: Number(parsed.port), token: parsed.searchParams.get('token')!, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** One Chromium per worker, launched only by the web project (the electron project needs none). */
let chromium: Promise<Browser> | undefined;

interface Launched {
  readonly app: SextantApp;
  close(): Promise<void>;
}

/** Starts the app on a new temp data dir: the desktop app, or the web host and a page on it. */
async function launch(browserType: BrowserType, launchOptions: LaunchOptions, testInfo: TestInfo): Promise<Launched> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-e2e-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    if (testInfo.project.name === 'electron') {
      // the config has the electron project only where the binary is (playwright.config.ts)
      const binary = findElectronBinary();
      if (!('path' in binary)) throw new Error(binary.reason);
      const start = () => _electron.launch({ executablePath: binary.path, args: ['out/main/index.js', `--data-dir=${dataDir}`] });
      let electronApp = await start();
      const app: { -readonly [K in keyof SextantApp]: SextantApp[K] } = {
        page: await electronApp.firstWindow(),
        dataDir,
        restartHost: async (whileStopped) => {
          await electronApp.close();
          await whileStopped?.();
          electronApp = await start();
          app.page = await electronApp.firstWindow();
        },
      };
      await connected(app.page);
      return { app, close: async () => (await electronApp.close(), removeDataDir()) };
    }
    let host = await startWebHost(dataDir);
    chromium ??= browserType.launch(launchOptions);
    const context = await (await chromium).newContext({ viewport: testInfo.project.use.viewport ?? null });
    const page = await context.newPage();
    await page.goto(host.url);
    // As a person would: a command made before the first connection waits 5 s for it and is then
    // refused, the refusal cleared once connected (apiClient.ts); a loaded machine can take that long.
    await connected(page);
    const app: SextantApp = {
      page,
      dataDir,
      restartHost: async (whileStopped) => {
        await host.stop();
        await whileStopped?.();
        host = await startWebHost(dataDir, host.port, host.token);
      },
    };
    return { app, close: async () => (await context.close(), await host.stop(), removeDataDir()) };
  } catch (e) {
    removeDataDir();
    throw e;
  }
}

/** Waits until the page's connection sign says it is connected and live. */
const connected = (page: Page) => expect(page.getByRole('img', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });

/** What a test on a spec file's shared app drives: no restart, which would be every later test's too. */
export type SharedApp = Omit<SextantApp, 'restartHost'>;

/**
 * The app a spec file's tests share in a worker (`shared`): started by the file's first test, closed
 * when the worker moves on to another file, ends, or is replaced after a failure. Starting the host
 * and a page costs ~3.6 s of CPU, the biggest part of a short test on a 2-core machine.
 */
class SharedApps {
  private current: { file: string; launched: Launched } | undefined;

  /** A test of `file` begins: another file's app is closed (it would idle on, and be in a failure's screenshots). */
  async enter(file: string): Promise<void> {
    if (this.current && this.current.file !== file) await this.close();
  }

  async of(file: string, start: () => Promise<Launched>): Promise<{ launched: Launched; fresh: boolean }> {
    await this.enter(file);
    if (this.current) return { launched: this.current.launched, fresh: false };
    this.current = { file, launched: await start() };
    return { launched: this.current.launched, fresh: true };
  }

  async close(): Promise<void> {
    const launched = this.current?.launched;
    this.current = undefined;
    await launched?.close();
  }
}

/**
 * A test on the shared app starts in a session of its own, in the window as the config sets it
 * (size, light scheme, reduced motion): what earlier tests of the file did with theirs stays in
 * their tabs, and the datasets they added stay in the catalog.
 */
async function freshSession(page: Page, testInfo: TestInfo): Promise<void> {
  const viewport = testInfo.project.use.viewport;
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce', forcedColors: 'none' });
  await page.keyboard.press('Escape'); // a menu or dialog an earlier test left open
  const tabs = page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
  const before = await tabs.count();
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs).toHaveCount(before + 1);
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
}

export const test = base.extend<{ app: SextantApp; shared: SharedApp }, { sharedApps: SharedApps }>({
  app: async ({ playwright, launchOptions, sharedApps }, use, testInfo) => {
    await sharedApps.enter(testInfo.file);
    const launched = await launch(playwright.chromium, launchOptions as LaunchOptions, testInfo);
    try {
      await use(launched.app);
    } finally {
      await launched.close();
    }
  },
  sharedApps: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
    async ({}, use) => {
      const apps = new SharedApps();
      await use(apps);
      await apps.close();
    },
    { scope: 'worker' },
  ],
  shared: async ({ sharedApps, playwright, launchOptions }, use, testInfo) => {
    const { launched, fresh } = await sharedApps.of(testInfo.file, () => launch(playwright.chromium, launchOptions as LaunchOptions, testInfo));
    if (!fresh) await freshSession(launched.app.page, testInfo);
    await use(launched.app);
  },
});

export { expect } from '@playwright/test';

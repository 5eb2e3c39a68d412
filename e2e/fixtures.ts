import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary } from '../scripts/electronBinary.mjs';
import { test as base, _electron, type Browser, type LaunchOptions, type Page } from '@playwright/test';

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

export const test = base.extend<{ app: SextantApp }>({
  app: async ({ playwright, launchOptions }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sextant-e2e-'));
    try {
      if (testInfo.project.name === 'electron') {
        const binary = findElectronBinary();
        if (!('path' in binary)) {
          console.log(`[electron] skipped: ${binary.reason}`);
          testInfo.skip(true, binary.reason);
          return;
        }
        const { path } = binary;
        let electronApp = await _electron.launch({ executablePath: path, args: ['out/main/index.js', `--data-dir=${dataDir}`] });
        const app = {
          page: await electronApp.firstWindow(),
          dataDir,
          restartHost: async (whileStopped?: () => Promise<void>) => {
            await electronApp.close();
            await whileStopped?.();
            electronApp = await _electron.launch({ executablePath: path, args: ['out/main/index.js', `--data-dir=${dataDir}`] });
            app.page = await electronApp.firstWindow();
          },
        };
        await use(app);
        await electronApp.close();
        return;
      }
      let host = await startWebHost(dataDir);
      chromium ??= playwright.chromium.launch(launchOptions as LaunchOptions);
      const context = await (await chromium).newContext({ viewport: testInfo.project.use.viewport ?? null });
      const page = await context.newPage();
      await page.goto(host.url);
      await use({
        page,
        dataDir,
        restartHost: async (whileStopped?: () => Promise<void>) => {
          await host.stop();
          await whileStopped?.();
          host = await startWebHost(dataDir, host.port, host.token);
        },
      });
      await context.close();
      await host.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

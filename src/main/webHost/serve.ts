/**
 * `npm run serve -- --port <n> --data-dir <dir> [--token <t>] [file…]`: the whole app for a browser,
 * on plain Node, without Electron. Files given open as `tad file.csv` does: each in the catalog and
 * in a session of its own (core/openFiles.ts). Prints exactly one line on stdout,
 * `Sextant listening on <url>`, once those sessions exist; a file that cannot be opened is reported
 * on stderr with its error id. SIGINT/SIGTERM close it within STOP_TIMEOUT_MS, or say what did not close.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppErrorException } from '../../shared/contracts/errors';
import { AppCore } from '../core/appCore';
import { sourceOf } from '../core/openFiles';
import { defaultDataDir } from '../platform/dataDir';
import { STOP_TIMEOUT_MS, stopMessage, stopWithin } from './boundedStop';
import { startWebHost } from './webHost';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  const core = await AppCore.start({ dataDir, workerPath: join(here, 'duckdbWorker.js') });
  // The core serves before DuckDB is up; if DuckDB cannot start, requests that need it are refused with this error.
  void core.whenReady().then((r) => r.ok || process.stderr.write(`Sextant could not start DuckDB: ${r.error.message} (error id ${r.error.id})\n`));
  const host = await startWebHost(core, { port, staticDir: join(here, '..', 'renderer'), ...(values.token ? { token: values.token } : {}) });
  // `npm run serve` runs in the package's folder; a relative path means where the person typed it.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const files = positionals.map((p) => sourceOf(p, cwd));
  for (const outcome of await core.openFiles(files)) {
    if (outcome.kind === 'failed') process.stderr.write(`Sextant could not open ${outcome.source}: ${outcome.message}${outcome.errorId ? ` (error id ${outcome.errorId})` : ''}\n`);
  }
  process.stdout.write(`Sextant listening on ${host.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const steps = [
      { name: 'the web host', close: () => host.close() },
      { name: 'the core (DuckDB, the event store)', close: () => core.close() },
    ];
    void stopWithin(steps, STOP_TIMEOUT_MS).then((outcome) => {
      const unclean = stopMessage(outcome, STOP_TIMEOUT_MS);
      if (unclean) process.stderr.write(`${unclean}\n`);
      process.exit(unclean ? 1 : 0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const message = e instanceof AppErrorException ? `${e.error.message} (error id ${e.error.id})` : e instanceof Error ? e.message : String(e);
  process.stderr.write(`Sextant could not start: ${message}\n`);
  process.exit(1);
});

/**
 * `npm run serve -- --port <n> --data-dir <dir> [--token <t>]`: the whole app for a browser, on
 * plain Node, without Electron. Prints exactly one line: `Sextant listening on <url>`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppErrorException } from '../../shared/contracts/errors';
import { AppCore } from '../core/appCore';
import { defaultDataDir } from '../platform/dataDir';
import { startWebHost } from './webHost';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  const core = await AppCore.start({ dataDir, workerPath: join(here, 'duckdbWorker.js') });
  const host = await startWebHost(core, { port, staticDir: join(here, '..', 'renderer'), ...(values.token ? { token: values.token } : {}) });
  process.stdout.write(`Sextant listening on ${host.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const message = e instanceof AppErrorException ? `${e.error.message} (error id ${e.error.id})` : e instanceof Error ? e.message : String(e);
  process.stderr.write(`Sextant could not start: ${message}\n`);
  process.exit(1);
});

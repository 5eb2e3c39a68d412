// `npm run dist:check [-- <resources dir>]` after `npm run dist:dir` (or `npm run dist`): checks the
// app electron-builder packaged, without starting its window. (1) The archive: the electron-vite
// output is in it, no sources/tests/maps; every native file and the sample data are unpacked.
// (2) The payload runs: its main-process code, started as the web host from the extracted archive
// with only the packaged node_modules, registers the shipped samples and answers SQL on one.
// With an Electron binary it runs under Electron's Node (ELECTRON_RUN_AS_NODE), the ABI the rebuilt
// natives target; without one, under this Node (valid for a package made with -c.npmRebuild=false).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient } from '../e2e/faultHost';
import { SAMPLE_FILES } from '../src/main/catalog/sampleDatasets';
import { StreamClient } from '../src/renderer/state/streamClient';
import { isSettled } from '../src/shared/domain/queryLifecycle';
import { findElectronBinary } from './electronBinary.mjs';

interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, filename: string): { unpacked?: boolean };
  extractAll(archive: string, dest: string): void;
}
const asar = createRequire(createRequire(import.meta.url).resolve('electron-builder'))('@electron/asar') as Asar;

const problems: string[] = [];
const check = (ok: boolean, problem: string): void => void (ok || problems.push(problem));

function resourcesDir(): string {
  const explicit = process.argv[2];
  if (explicit) return resolve(explicit);
  const mac = existsSync('dist') ? readdirSync('dist').filter((d) => d.startsWith('mac')).map((d) => join('dist', d, 'Sextant.app/Contents/Resources')) : [];
  const found = ['dist/linux-unpacked/resources', 'dist/win-unpacked/resources', ...mac].find((d) => existsSync(join(d, 'app.asar')));
  if (!found) throw new Error('no packaged app under dist/: run `npm run dist:dir` first, or pass its resources directory');
  return resolve(found);
}

function checkArchive(resources: string): void {
  const archive = join(resources, 'app.asar');
  const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/').replace(/^\//, ''));
  for (const required of ['package.json', 'out/main/index.js', 'out/main/duckdbWorker.js', 'out/preload/index.cjs', 'out/renderer/index.html']) check(entries.includes(required), `${required} is missing from app.asar`);
  for (const e of entries.filter((x) => /^(src|test|e2e|bench|docs|scripts|build)\//.test(x) || /\.map$/.test(x))) problems.push(`${e} should not be packaged`);
  const natives = entries.filter((e) => /\.(node|so|dylib|dll)$/.test(e));
  check(natives.some((e) => e.endsWith('better_sqlite3.node')) && natives.some((e) => /duckdb\.node$/.test(e)), `the native addons are missing (found: ${natives.join(', ')})`);
  for (const e of natives) check(asar.statFile(archive, e).unpacked === true && existsSync(join(resources, 'app.asar.unpacked', e)), `${e} is not unpacked`);
  const data = 'node_modules/vega-datasets/data/';
  const shipped = entries.filter((e) => e.startsWith(data) && e !== data.slice(0, -1)).map((e) => e.slice(data.length));
  check(shipped.sort().join() === [...SAMPLE_FILES].sort().join(), `vega-datasets ships ${shipped.join(', ')}; the app offers ${SAMPLE_FILES.join(', ')}`);
  for (const f of SAMPLE_FILES) check(existsSync(join(resources, 'app.asar.unpacked', data, f)), `${f} is not unpacked`);
  console.log(`app.asar: ${entries.length} entries, ${natives.length} native files: ${natives.join(', ')}`);
}

/** Starts out/main/serve.js of the extracted payload; resolves with its URL and a stop function. */
async function startHost(appDir: string, dataDir: string): Promise<{ url: string; stop(): Promise<void>; runtime: string }> {
  const electron = findElectronBinary();
  const [command, env, runtime] = 'path' in electron ? [electron.path, { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, "Electron's Node"] : [process.execPath, process.env, `Node ${process.version}`];
  const child = spawn(command, [join(appDir, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the packaged web host did not start: ${err}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Sextant listening on (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the packaged web host exited: ${err.trim()}`));
    });
  });
  return { url, runtime, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    const v = probe();
    if (v !== undefined) return v;
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function checkPayloadRuns(resources: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sextant-packaged-'));
  try {
    const appDir = join(work, 'app');
    asar.extractAll(join(resources, 'app.asar'), appDir); // unpacked files are copied in from app.asar.unpacked
    const host = await startHost(appDir, join(work, 'data'));
    const { api, close } = apiClient(host.url);
    const stream = new StreamClient(api, ['catalog', 'session/*'], undefined);
    try {
      const datasets = await until('the samples are registered', () => {
        const all = Object.values(stream.getState().view.datasets);
        return all.length === SAMPLE_FILES.length && all.every((d) => d.status !== 'loading') ? all : undefined;
      });
      for (const d of datasets) check(d.status === 'ready', `sample ${d.source} failed: ${d.status === 'failed' ? d.error?.message : ''}`);
      const sessionId = await until('a session is open', () => Object.keys(stream.getState().view.sessions)[0]);
      const started = await api.dispatch({ type: 'StartQuery', sessionId, sql: 'select count(*) as n from flights_3m' });
      if (!started.ok) throw new Error(started.error.message);
      const queryId = started.value.queryId!;
      const entry = await until('the query ends', () => stream.getState().view.sessions[sessionId]?.history.find((h) => h.queryId === queryId && isSettled(h.phase)));
      check(entry.phase === 'Completed', `the query on flights_3m ended ${entry.phase}: ${entry.error?.message ?? ''}`);
      const page = await api.fetchPage(queryId, 0, 1);
      const n = page.ok ? page.value.values[0]?.[0] : undefined;
      check(n === '3000000', `select count(*) from flights_3m answered ${n}`);
      console.log(`payload under ${host.runtime}: ${datasets.map((d) => `${d.name} ${d.status}`).join(', ')}; count(*) from flights_3m = ${n}`);
    } finally {
      close();
      await host.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const resources = resourcesDir();
console.log(`checking ${resources}`);
checkArchive(resources);
await checkPayloadRuns(resources);
if (problems.length > 0) {
  console.error(`packaged app: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('packaged app: ok');

/**
 * `npm run bench [-- --json] [-- --filter <prefix>] [-- --write-readme]`. Runs every
 * `bench/*.bench.ts` (each exports `benches: Bench[]`). Each benchmark compares Sextant against the
 * raw library doing the same work in the same run; see bench/harness.ts for the output contract.
 * `--write-readme` rewrites README.md's benchmark table from this run (a full run only).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RESULT_PREFIX, type Bench, type BenchResult, type FileOutcome } from './harness';
import { renderTable, replaceBlock } from './readmeTable';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, filter: { type: 'string' }, 'write-readme': { type: 'boolean', default: false } },
});
if (values['write-readme'] && values.filter) throw new Error('--write-readme writes the table of a full run: drop --filter');

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts')).sort();
// Every benchmark's name, description and goal, for the table; their runs happen in child processes.
const benches: Bench[] = [];
const benchesOf = new Map<string, readonly Bench[]>();
for (const file of files) {
  const own = ((await import(new URL(file, import.meta.url).href)) as { benches: Bench[] }).benches;
  benchesOf.set(file, own);
  benches.push(...own);
}

const started = performance.now();
const loadAverage = loadavg()[0] ?? 0;
// The commit whose code runs: read before the run, since a 25-minute run can outlive HEAD.
const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
const commit = values['write-readme'] ? `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') !== '' ? ' (with uncommitted changes)' : ''}` : '';
const results: BenchResult[] = [];
const failed: string[] = [];
const print = (r: BenchResult) => {
  if (values.json) {
    const { name, unit, value, baseline, ratio, min, max, baselineMin, baselineMax, samples } = r;
    process.stdout.write(`${JSON.stringify({ name, unit, value, baseline, ratio, min, max, baseline_min: baselineMin, baseline_max: baselineMax, samples })}\n`);
  } else {
    const notes = r.notes ? `  ${Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
    process.stdout.write(
      `${r.name.padEnd(32)} ${String(r.value).padStart(10)} ${r.unit.padEnd(4)} [${r.min}–${r.max}] baseline ${String(r.baseline).padStart(10)} [${r.baselineMin}–${r.baselineMax}]  ratio ${r.ratio}  n=${r.samples}${notes}\n`,
    );
  }
};
for (const file of files) {
  const names = benchesOf.get(file)!.map((b) => b.name).filter((name) => !values.filter || name.startsWith(values.filter));
  if (names.length === 0) continue;
  // Each file's benchmarks run in a process of their own, as the app starts in one: none pays for
  // the heap, garbage or DuckDB memory the benchmarks before it left behind.
  const outcomes = await runFile(file, values.filter);
  for (const name of names) {
    const outcome = outcomes.find((o) => ('result' in o ? o.result.name : o.failed) === name);
    if (outcome && 'result' in outcome) {
      results.push(outcome.result);
      print(outcome.result);
    } else failed.push(name); // its process said so on stderr, or died before reaching it
  }
}

if (values['write-readme']) {
  const run = {
    commit,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cores: availableParallelism(),
    loadAverage,
    minutes: (performance.now() - started) / 60_000,
  };
  const readme = new URL('../README.md', import.meta.url);
  writeFileSync(readme, replaceBlock(readFileSync(readme, 'utf8'), renderTable(results, benches, run, failed)));
}
if (failed.length > 0) process.exitCode = 1;

/** Runs one file's benchmarks in a child process (bench/runFile.ts, under this process's tsx) and collects their outcomes. */
function runFile(file: string, filter: string | undefined): Promise<FileOutcome[]> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('runFile.ts', import.meta.url)), file, ...(filter ? ['--filter', filter] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const outcomes: FileOutcome[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(RESULT_PREFIX)) outcomes.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as FileOutcome);
      else if (line !== '') process.stderr.write(`${line}\n`); // a benchmark's own output stays visible, off the results
    }
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', () => done(outcomes));
  });
}

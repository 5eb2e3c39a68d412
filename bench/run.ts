/**
 * `npm run bench [-- --json] [-- --filter <prefix>] [-- --write-readme]`. Runs every
 * `bench/*.bench.ts` (each exports `benches: Bench[]`). Each benchmark compares Sextant against the
 * raw library doing the same work in the same run; see bench/harness.ts for the output contract.
 * `--write-readme` rewrites README.md's benchmark table from this run (a full run only).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Bench, BenchResult } from './harness';
import { renderTable, replaceBlock } from './readmeTable';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, filter: { type: 'string' }, 'write-readme': { type: 'boolean', default: false } },
});
if (values['write-readme'] && values.filter) throw new Error('--write-readme writes the table of a full run: drop --filter');

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts')).sort();
const benches: Bench[] = [];
for (const file of files) benches.push(...((await import(new URL(file, import.meta.url).href)) as { benches: Bench[] }).benches);

const started = performance.now();
const loadAverage = loadavg()[0] ?? 0;
// The commit whose code runs: read before the run, since a 25-minute run can outlive HEAD.
const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
const commit = values['write-readme'] ? `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') !== '' ? ' (with uncommitted changes)' : ''}` : '';
const results: BenchResult[] = [];
const failed: string[] = [];
for (const bench of benches) {
  if (values.filter && !bench.name.startsWith(values.filter)) continue;
  let r: BenchResult;
  const benchStarted = performance.now();
  try {
    r = await bench.run();
    // on stderr, so --json stays one line per result: where a run's 25 minutes go
    process.stderr.write(`${bench.name} took ${Math.round((performance.now() - benchStarted) / 1000)} s\n`);
  } catch (e) {
    // One broken benchmark must not cost the figures of a 20-minute run: report it and go on.
    process.stderr.write(`${bench.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    failed.push(bench.name);
    continue;
  }
  results.push(r);
  if (values.json) {
    const { name, unit, value, baseline, ratio, min, max, baselineMin, baselineMax, samples } = r;
    process.stdout.write(`${JSON.stringify({ name, unit, value, baseline, ratio, min, max, baseline_min: baselineMin, baseline_max: baselineMax, samples })}\n`);
  } else {
    const notes = r.notes ? `  ${Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
    process.stdout.write(
      `${r.name.padEnd(32)} ${String(r.value).padStart(10)} ${r.unit.padEnd(4)} [${r.min}–${r.max}] baseline ${String(r.baseline).padStart(10)} [${r.baselineMin}–${r.baselineMax}]  ratio ${r.ratio}  n=${r.samples}${notes}\n`,
    );
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

/**
 * The README's benchmark table, written from one run's results (`npm run bench -- --write-readme`),
 * so the figures a reader sees are the figures a run produced and cannot drift from them.
 */
import type { Bench, BenchResult } from './harness';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

export interface RunInfo {
  readonly commit: string;
  readonly date: string;
  readonly cores: number;
  readonly loadAverage: number;
  readonly minutes: number;
}

const num = (n: number): string => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(n));
const spread = (median: number, min: number, max: number, samples: number): string =>
  samples > 1 ? `${num(median)} (${num(min)}–${num(max)})` : num(median);

/** The table as Markdown, one row per result, in the order they ran. */
export function renderTable(results: readonly BenchResult[], benches: readonly Bench[], run: RunInfo, failed: readonly string[] = []): string {
  const byName = new Map(benches.map((b) => [b.name, b]));
  const rows = results.map((r) => {
    const bench = byName.get(r.name);
    const goal = bench?.goal === undefined ? '—' : `≤ ${bench.goal}`;
    const met = bench?.goal === undefined ? '' : r.ratio <= bench.goal ? ' ✓' : ' ✗';
    return `| \`${r.name}\` | ${bench?.what ?? ''} | ${goal} | ${r.ratio}${met} | ${spread(r.value, r.min, r.max, r.samples)} | ${spread(r.baseline, r.baselineMin, r.baselineMax, r.samples)} | ${r.unit} | ${r.samples} |`;
  });
  return [
    `Run of commit \`${run.commit}\` on ${run.date}: ${run.cores} cores, load average ${run.loadAverage.toFixed(1)} at the start, ${run.minutes.toFixed(1)} minutes in all.`,
    'Value and baseline are medians (min–max) of interleaved samples; ratio = value / baseline.',
    '',
    '| benchmark | what (app vs raw, same work) | goal | ratio | value | baseline | unit | samples |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    ...(failed.length > 0 ? ['', `Failed in this run (see its output): ${failed.map((n) => `\`${n}\``).join(', ')}.`] : []),
  ].join('\n');
}

/** Replaces what sits between the markers; refuses a README without exactly one marked block. */
export function replaceBlock(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0) throw new Error(`README.md needs one ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Benchmarks report a ratio against a baseline measured in the same run (the raw library doing the
 * same work), never a bare time: these machines are shared and noisy. Output, one JSON object a line:
 *   {"name", "unit", "value", "baseline", "ratio", "min", "max", "baseline_min", "baseline_max", "samples"}
 * where value and baseline are medians of at least five interleaved samples and ratio = value / baseline.
 */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  /** Median of the subject's samples. */
  readonly value: number;
  /** Median of the baseline's samples. */
  readonly baseline: number;
  readonly ratio: number;
  readonly min: number;
  readonly max: number;
  readonly baselineMin: number;
  readonly baselineMax: number;
  /** Samples of each side. */
  readonly samples: number;
  /** Extra figures worth printing (absolute times, sizes); not part of the JSON contract. */
  readonly notes?: Readonly<Record<string, number | string>>;
}

/** How bench/runFile.ts marks a line of its stdout as one benchmark's outcome (JSON after the prefix). */
export const RESULT_PREFIX = '@bench-result ';
export type FileOutcome = { readonly result: BenchResult } | { readonly failed: string };

export interface Bench {
  readonly name: string;
  /** What is compared with what, in a line of the README's table. */
  readonly what: string;
  /** The ratio the benchmark should stay at or under; a figure to read, never a pass/fail test. */
  readonly goal?: number;
  run(): Promise<BenchResult>;
}

const round = (n: number, digits = 4): number => Number(n.toPrecision(digits));

/** What a benchmark reads from a measurement it shares with others: each side's samples, and notes. */
export interface Sides {
  readonly subject: readonly number[];
  readonly baseline: readonly number[];
  readonly notes?: BenchResult['notes'];
}

/**
 * Benchmarks that read one measurement (`measure` takes it once, for the first of them to run and
 * keeps it for the rest), each comparing the sides it names.
 */
export function fromMeasurement<F>(measure: () => Promise<F>, unit: string, benches: readonly (Omit<Bench, 'run'> & { sides(figures: F): Sides })[]): Bench[] {
  return benches.map(({ sides, ...bench }) => ({
    ...bench,
    async run() {
      const { subject, baseline, notes } = sides(await measure());
      return fromSamples(bench.name, unit, subject, baseline, notes);
    },
  }));
}

/** A result from one figure per side (no spread to report). Prefer `fromSamples`. */
export const result = (name: string, unit: string, value: number, baseline: number, notes?: BenchResult['notes']): BenchResult =>
  fromSamples(name, unit, [value], [baseline], notes);

/** A result from every sample of each side: medians, their ratio, and each side's min and max. */
export function fromSamples(name: string, unit: string, subject: readonly number[], baseline: readonly number[], notes?: BenchResult['notes']): BenchResult {
  const value = median(subject);
  const base = median(baseline);
  return {
    name,
    unit,
    value: round(value),
    baseline: round(base),
    ratio: round(value / base, 3),
    min: round(Math.min(...subject)),
    max: round(Math.max(...subject)),
    baselineMin: round(Math.min(...baseline)),
    baselineMax: round(Math.max(...baseline)),
    samples: Math.min(subject.length, baseline.length),
    ...(notes ? { notes } : {}),
  };
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Times `fn` `n` times after `warmup` runs; returns milliseconds per run. */
export async function sample(n: number, fn: () => unknown, warmup = Math.min(10, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Alternates baseline and subject in rounds so drift on a noisy machine hits both alike; returns
 * every sample and the median of each side.
 */
export async function interleaved(
  rounds: number,
  perRound: number,
  baseline: () => unknown,
  subject: () => unknown,
  warmup = 10,
): Promise<{ value: number; baseline: number; s: number[]; b: number[] }> {
  const b: number[] = [];
  const s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(...(await sample(perRound, baseline, r === 0 ? warmup : 0)));
    s.push(...(await sample(perRound, subject, r === 0 ? warmup : 0)));
  }
  return { value: median(s), baseline: median(b), s, b };
}

/**
 * Alternates baseline and subject run by run (after `warmup` runs of each) so drift on a noisy
 * machine hits both alike; each function returns its own measurement. Returns every sample.
 */
export async function alternateSamples(
  n: number,
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
  warmup = 2,
): Promise<{ b: number[]; s: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await subject();
  }
  const b: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    b.push(await baseline());
    s.push(await subject());
  }
  return { b, s };
}

/** Splits samples into consecutive rounds and takes the `p`th percentile of each: a tail figure per round. */
export function percentilePerRound(samples: readonly number[], rounds: number, p: number): number[] {
  const size = Math.ceil(samples.length / rounds);
  return Array.from({ length: rounds }, (_, r) => percentile(samples.slice(r * size, (r + 1) * size), p));
}

/**
 * Collects garbage now, so the next timed sample does not pay for what the previous one (often the
 * other side's) left behind: a rebuild of 100,000 events leaves megabytes that the next allocation
 * would otherwise collect inside someone else's timing. V8 exposes `gc` only behind a flag, which
 * can be set at run time for contexts created afterwards.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => gc();
})();

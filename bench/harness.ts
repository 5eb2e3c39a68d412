/**
 * Benchmarks report a ratio against a baseline measured in the same run (the raw library doing the
 * same work), never a bare time: these machines are shared and noisy. Output, one JSON object a line:
 *   {"name": "...", "unit": "...", "value": n, "baseline": n, "ratio": value / baseline}
 */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: number;
  readonly ratio: number;
  /** Extra figures worth printing (absolute times, sizes); not part of the JSON contract. */
  readonly notes?: Readonly<Record<string, number | string>>;
}

export interface Bench {
  readonly name: string;
  run(): Promise<BenchResult>;
}

export const result = (name: string, unit: string, value: number, baseline: number, notes?: BenchResult['notes']): BenchResult => ({
  name,
  unit,
  value: round(value),
  baseline: round(baseline),
  ratio: round(value / baseline, 3),
  ...(notes ? { notes } : {}),
});

const round = (n: number, digits = 4): number => Number(n.toPrecision(digits));

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
 * Alternates baseline and subject in rounds so drift on a noisy machine hits both alike, and
 * returns the median of each.
 */
export async function interleaved(rounds: number, perRound: number, baseline: () => unknown, subject: () => unknown): Promise<{ value: number; baseline: number }> {
  const b: number[] = [];
  const s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(...(await sample(perRound, baseline, r === 0 ? 10 : 0)));
    s.push(...(await sample(perRound, subject, r === 0 ? 10 : 0)));
  }
  return { value: median(s), baseline: median(b) };
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

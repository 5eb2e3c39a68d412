/**
 * How a preview samples a large dataset (docs/instant.md, sampling): a system sample — whole
 * vectors of about 2,048 rows picked at random with a fixed seed — sized for about `sampleRows`.
 * It costs less than the full read it replaces (a reservoir sample reads every row, and was
 * slower than a group-by over all of flights-3m), and the fixed seed keeps the rows from changing
 * between two keystrokes.
 */
export interface SamplePlan {
  /** The name the sample shadows (unquoted). */
  readonly name: string;
  /** The relation sampled, quoted database.schema.name. */
  readonly qualified: string;
  /** Its rows, as DuckDB estimates them. */
  readonly rows: number;
  readonly sampleRows: number;
}

export const SAMPLE_SEED = 42;

/** `USING SAMPLE p% (system, seed)` for about `sampleRows` of `rows`. */
export function sampleClause(plan: SamplePlan): string {
  const percent = Math.min(100, (plan.sampleRows / Math.max(1, plan.rows)) * 100);
  return `USING SAMPLE ${percent.toFixed(6)}% (system, ${SAMPLE_SEED})`;
}

/** Datasets above a million rows (as DuckDB estimates them) preview on a sample of about 100,000. */
export const PREVIEW_SAMPLE = { sampleAbove: 1_000_000, sampleRows: 100_000 } as const;

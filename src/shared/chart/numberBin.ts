/*
 * The one definition of a number bin (docs/charts.md, "Number bins"), in JS and as SQL text, used by
 * a chart's bins, the cube's brush bins and the brushes' edges alike.
 *
 * A step is 1, 2 or 5 × 10ⁿ: exactly `units / scale` with `scale` = 10^decimals and `units` whole.
 * Edge k is the decimal k × step: `(k × units) / scale`, one correctly rounded division of exact
 * integers, so it is the very double `CAST('1.2' AS DOUBLE)` and `Number('1.2')` read, and its
 * shortest text is the decimal ("1.2", never "1.2000000000000002", which k × 0.2 gives). A value x
 * is in bin k exactly when edge(k) <= x < edge(k + 1) as DOUBLEs: the comparison a brush's range
 * filter `[lo, hi)` makes, so a brush over bins selects exactly the rows those bins counted.
 * floor(x / step) is not that: 1.4 / 0.2 is 6.999999999999999. round(x / step) is within one bin
 * of it, so one comparison with the rounded index's edge finds the bin (no string work per row).
 * Past 22 decimals 10^decimals is no longer an exact double; such steps come only from spans
 * under 1e-20, where an edge may be an ulp off its decimal.
 */

/** Decimal places of a nice step: 0 for whole steps, 1 for 0.2, 7 for 1e-7 (log10 of a power of ten may be off by an ulp). */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** 10^d as the double its text reads (exact up to 10^22; `10 ** d` is not always). */
const powerOfTen = (d: number) => Number(`1e${d}`);

/** Edge k of bins of `step`: the decimal k × step as a double. */
export function binEdge(k: number, step: number): number {
  const scale = powerOfTen(stepDecimals(step));
  return (k * Math.round(step * scale)) / scale;
}

/** The bin of x: the k with binEdge(k) <= x < binEdge(k + 1). */
export function binIndex(x: number, step: number): number {
  const r = Math.round(x / step);
  return x < binEdge(r, step) ? r - 1 : r;
}

/** The first edge at or above x, as its index: x's bin when x is on its lower edge, else the next. */
export function edgeIndexAbove(x: number, step: number): number {
  const k = binIndex(x, step);
  return x > binEdge(k, step) ? k + 1 : k;
}

/** Edge k as the range filter's text: the decimal ("1.2"). */
export const binEdgeText = (k: number, step: number): string => String(binEdge(k, step));

/**
 * A nice step (1, 2 or 5 × 10ⁿ, at least 1 for integers) for bins of about `raw` width, as the
 * decimal double it is (5 × 1e-8 is not the double 5e-8).
 */
export function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = powerOfTen(Math.floor(Math.log10(raw)));
  const unit = [1, 2, 5, 10].find((u) => raw / mag <= u) ?? 10;
  const step = integer ? Math.max(1, Math.round(unit * mag)) : unit * mag;
  return binEdge(1, step);
}

/** A step in SQL: expressions (a CTE's columns, or literals) for the step and its exact parts, step = units / scale. */
export interface StepSql {
  readonly step: string;
  readonly units: string;
  readonly scale: string;
}

/** A CTE `name` of one row: the step, units and scale of the nice step that SQL `raw` (an expression over `from`) computes. */
export function stepCte(name: string, raw: string, from: string): string {
  // scale and units as binEdge computes them, so SQL's edges are JS's doubles
  const scaled = `SELECT s_, pow(10, greatest(0, -floor(log10(s_) + 1e-9))) AS scale FROM (SELECT ${raw} AS s_ FROM ${from})`;
  return `${name} AS (SELECT units / scale AS step, units, scale FROM (SELECT round(s_ * scale) AS units, scale FROM (${scaled})))`;
}

/** The columns of a stepCte as StepSql. */
export const stepColumns = (name: string): StepSql => ({ step: `${name}.step`, units: `${name}.units`, scale: `${name}.scale` });

/** A step known in JS as SQL literals (DOUBLE, never DECIMAL). */
export function stepLiteral(step: number): StepSql {
  const scale = powerOfTen(stepDecimals(step));
  const double = (n: number) => `CAST('${String(n)}' AS DOUBLE)`;
  return { step: double(binEdge(1, step)), units: double(Math.round(step * scale)), scale: double(scale) };
}

/** SQL: edge k (a DOUBLE of a whole number) of bins of step `s`. */
export const binEdgeSql = (k: string, s: StepSql): string => `(${k} * ${s.units} / ${s.scale})`;

/** SQL: the bin (a whole DOUBLE) of DOUBLE `x`, as binIndex: round, then one comparison with that index's edge. */
export function binIndexSql(x: string, s: StepSql): string {
  const r = `round(${x} / ${s.step})`;
  return `(${r} - (${x} < ${binEdgeSql(r, s)})::INTEGER)`;
}

import { columnKind } from './columnKind';

/*
 * An exact mean of integers wider than 64 bits, for the profile's mean, the pivot's Average and the
 * chart's Average alike: one rule, one answer. DuckDB sums a HUGEINT (and a DECIMAL wider than 18
 * digits) in a HUGEINT, which two values near ±1.7e38 overflow, failing the query; it sums a UHUGEINT
 * as DOUBLEs. As DOUBLEs each value is rounded first (2^127 − 1 to 2^127): 2^127 − 1, −2^127, 0 and
 * 1 averaged 0.25 where avg's exact sum gives 0. Each value is instead its high 64 bits × 2^64 plus
 * its low 64, and each half is summed on its own: sums that cannot overflow (a HUGEINT holds 2^63
 * sums of 64 bits), and sums of sums, so a pivot keeps them as parts its levels add up again.
 */

/** Whether a column's mean is summed in halves: an integer wider than 64 bits, or a DECIMAL(p > 18, 0). */
export function sumsInHalves(duckdbType: string): boolean {
  const k = columnKind(duckdbType);
  return (k.kind === 'integer' && (k.min < -(1n << 63n) || k.max >= 1n << 64n)) || (k.kind === 'decimal' && k.precision > 18 && k.scale === 0);
}

const LOW_BITS = ((1n << 64n) - 1n).toString();
const TWO_TO_64 = (1n << 64n).toString();

/**
 * The halves of one value `x` of `duckdbType` (sumsInHalves), each a 64-bit integer whose sum
 * (sum() of a BIGINT or UBIGINT is a HUGEINT) fits: the high one signed (x >> 64 floors), the low one
 * unsigned. A DECIMAL(p, 0) is a HUGEINT first, exactly.
 */
export function halvesOf(x: string, duckdbType: string): { readonly high: string; readonly low: string } {
  const k = columnKind(duckdbType);
  const unsigned = k.kind === 'integer' && k.min >= 0n;
  const whole = k.kind === 'decimal' ? `${x}::HUGEINT` : x;
  return { high: `(${whole} >> 64)::${unsigned ? 'UBIGINT' : 'BIGINT'}`, low: `(${whole} & ${LOW_BITS})::UBIGINT` };
}

/**
 * The sum of the values as a DOUBLE, rounded once, from the sums of their halves (`high`, `low`:
 * SQL of HUGEINTs). The low sum's carry joins the high one; where the total fits a HUGEINT it is
 * made exactly and then rounded; at −2^127 and beyond, it is far from 0, and its halves as DOUBLEs lose nothing
 * that shows. NULL when the sums are (no values). A sum as BIGNUM is exact too, but ten times
 * slower over 3M rows.
 */
export function halvesTotal(high: string, low: string): string {
  const top = `(${high} + (${low} >> 64))`;
  const rest = `(${low} & ${LOW_BITS})`;
  // not from −2^63: DuckDB refuses −2^63 × 2^64 (−2^127, in range) as an overflow; the ELSE is exact there
  return `CASE WHEN ${top} BETWEEN ${-(1n << 63n) + 1n} AND ${(1n << 63n) - 1n} THEN (${top} * ${TWO_TO_64} + ${rest})::DOUBLE ELSE ${top}::DOUBLE * ${TWO_TO_64}::DOUBLE + ${rest}::DOUBLE END`;
}

/** The mean of `x` (of a type that sumsInHalves) in one aggregate pass: avg's exact answer, rounded once, where avg answers. */
export function halvesMean(x: string, duckdbType: string): string {
  const { high, low } = halvesOf(x, duckdbType);
  return `(${halvesTotal(`sum(${high})`, `sum(${low})`)} / count(${x}))`;
}

/**
 * A profile's most frequent values (profileSql.ts, docs/explore.md). Every categorical column's
 * values are grouped together in `groups` (k: the column's number, value: its text, n: its count
 * in the profiled rows). Over all rows those counts are the answer. Over a sample they only choose
 * the values: a sample's ten highest counts scaled up were biased upward (5,000 values of 4,000 rows
 * each read "≈5,180") and out of order (flights' DEN above LAS), so a sample's candidates are then
 * counted exactly in the pass over all rows and ranked by those counts.
 */
import { CELL_CHARS } from '../../shared/explore/cellChars';
import { cellCutSql } from '../query/sql';
import { v } from './profileAggregates';

/**
 * How many of the sample's most frequent values are counted over all rows for each one shown: a
 * value the sample ranks 11th but all rows rank 10th still shows, for a list of 20 instead of 10.
 */
export const CANDIDATES_PER_TOP = 2;

/**
 * A value as a card shows it, cut in DuckDB to CELL_CHARS characters and "…" as the grid cuts a
 * cell, with `cut` saying so: a column of 1 MB values sent each whole made a profile megabytes
 * (the card drew only the first 1,000 characters). Only the label is cut: values are grouped,
 * counted and ranked whole.
 */
const shownValue = (value: string): string => `value: ${cellCutSql(value)}, cut: length(${value}) > ${CELL_CHARS}`;

/** `topK` values per column (ranked by `n`, ties by the value's text) of a relation of (k, value, n) rows, as `tops.top`: a map column number → [{value, count, cut}]. */
function topsOf(rows: string, topK: number): string {
  const ranked = `SELECT * FROM (${rows}) QUALIFY row_number() OVER (PARTITION BY k ORDER BY n DESC, value) <= ${topK}`;
  return `tops AS (SELECT map(list(k), list(top)) AS top FROM (SELECT k, list({${shownValue('value')}, count: n} ORDER BY n DESC, value) AS top FROM (${ranked}) GROUP BY k))`;
}

/** All rows profiled: the grouping's counts are exact, and its most frequent values are the answer. */
export const groupedTops = (topK: number): string => topsOf('SELECT k, value, n FROM groups', topK);

/** A sample profiled: each column's CANDIDATES_PER_TOP · topK most frequent values in the sample, as c<i> (VARCHAR[], empty for none). */
export function candidatesCte(counted: readonly number[], topK: number): string {
  const ranked = `SELECT * FROM groups QUALIFY row_number() OVER (PARTITION BY k ORDER BY n DESC, value) <= ${CANDIDATES_PER_TOP * topK}`;
  const lists = counted.map((i) => `coalesce(list(value ORDER BY n DESC, value) FILTER (WHERE k = ${i}), []::VARCHAR[]) AS c${i}`);
  return `cands AS MATERIALIZED (SELECT ${lists.join(', ')} FROM (${ranked}))`;
}

/**
 * The aggregates, in the pass over all rows, counting each column's candidates exactly: hc<i>, a
 * map value → count. An IN (subquery) is a hash (mark) join: over 20M rows, 0.5–0.7 s for a list
 * of 20 values, where list_position or list_contains per row took 1.4–1.6 s and 20 `count(*) FILTER
 * (WHERE v = …)` 5 s. The value is compared as text, as it was grouped.
 */
export const candidateCounts = (counted: readonly number[]): string[] =>
  counted.map((i) => `histogram(${v(i)}::VARCHAR) FILTER (WHERE ${v(i)}::VARCHAR IN (SELECT unnest(c${i}) FROM cands)) AS hc${i}`);

/** A sample profiled: the candidates ranked by their exact counts (candidateCounts, in `whole`), `topK` each, as `tops.top`. */
export function exactTops(counted: readonly number[], topK: number): string {
  const each = `SELECT unnest([${counted.join(', ')}]) AS k, unnest([${counted.map((i) => `c${i}`).join(', ')}]) AS c, unnest([${counted.map((i) => `hc${i}`).join(', ')}]) AS h FROM cands, whole`;
  // a candidate seen in the sample is among all rows: 0 only if the relation changed in between
  return topsOf(`SELECT k, value, coalesce(h[value], 0) AS n FROM (SELECT k, unnest(c) AS value, h FROM (${each}))`, topK);
}

import { sumsNearHugeintRange } from '../explore/columnKind';
import { halvesOf, halvesTotal, sumsInHalves } from '../explore/halvesSum';
import type { PivotAggregate } from './pivotSpec';

/*
 * What the first pass of a pivot keeps per group of rows (its parts), how the parts combine into
 * a cell, and the levels of a pivot built from them.
 */

/**
 * How a cell is made from the parts of the rows: each part (a column of pivotPartialSql's groups)
 * is combined over the groups by its own aggregate (`combine`), then `finish` turns the combined
 * parts into the value. Combining is associative, so the parts of the detail rows combine again
 * into each level's subtotals. A key's cell reads a part as `CASE WHEN k = i THEN part END`
 * (aggregates skip the NULLs, so it equals `FILTER (WHERE k = i)`, and DuckDB computes it in half
 * the time over ROLLUP's grouping sets).
 */
export interface AggregateParts {
  /** What the first pass keeps per group, from the values v. */
  readonly keep: readonly string[];
  readonly parts: readonly { readonly name: string; readonly combine: 'sum' | 'fsum' | 'min' | 'max' }[];
  readonly finish: (part: (name: string) => string) => string;
  /**
   * What DuckDB's own aggregate gives over no rows, where `finish` would give NULL: a Count's 0.
   * Only the Total column reads it (the grand total of a pivot of no rows): a key's cell over no
   * rows is an empty cell, told apart by PIVOT_PRESENT, not a 0.
   */
  readonly overNoRows?: string;
}

/** What the first pass keeps per group and how a cell combines it. */
export const PARTIALS: Readonly<Record<Exclude<PivotAggregate, 'Median'>, AggregateParts>> = {
  Count: { keep: ['count(v) AS n'], parts: [{ name: 'n', combine: 'sum' }], finish: (p) => `${p('n')}::BIGINT`, overNoRows: '0' },
  Sum: { keep: ['sum(v) AS s'], parts: [{ name: 's', combine: 'sum' }], finish: (p) => p('s') },
  Average: {
    keep: ['sum(v) AS s', 'count(v) AS n'],
    parts: [
      { name: 's', combine: 'sum' },
      { name: 'n', combine: 'sum' },
    ],
    finish: (p) => `${p('s')}::DOUBLE / ${p('n')}`,
  },
  Min: { keep: ['min(v) AS lo'], parts: [{ name: 'lo', combine: 'min' }], finish: (p) => p('lo') },
  Max: { keep: ['max(v) AS hi'], parts: [{ name: 'hi', combine: 'max' }], finish: (p) => p('hi') },
};


/**
 * An Average of a DECIMAL wider than 18 digits with decimals (sumsNearHugeintRange): a DOUBLE sum,
 * with Kahan's summation (fsum) in the first pass and when combining, as the profile's favg.
 */
const WIDE_AVERAGE: AggregateParts = {
  keep: ['fsum(v::DOUBLE) AS s', 'count(v) AS n'],
  parts: [
    { name: 's', combine: 'fsum' },
    { name: 'n', combine: 'sum' },
  ],
  finish: PARTIALS.Average.finish,
};

/**
 * An Average of an integer wider than 64 bits or a DECIMAL(p > 18, 0) (sumsInHalves): the sums of
 * each value's high and low 64 bits, parts that combine by sums without overflowing, made into one
 * total rounded to a DOUBLE once (halvesSum.ts, as the profile's mean and the chart's Average). As
 * DOUBLEs each value was rounded first: 2^127 − 1, −2^127, 0 and 1 averaged 0.25, not avg's 0.
 */
function halvesAverage(valueType: string): AggregateParts {
  const { high, low } = halvesOf('v', valueType);
  return {
    keep: [`sum(${high}) AS sh`, `sum(${low}) AS sl`, 'count(v) AS n'],
    parts: [
      { name: 'sh', combine: 'sum' },
      { name: 'sl', combine: 'sum' },
      { name: 'n', combine: 'sum' },
    ],
    finish: (p) => `${halvesTotal(p('sh'), p('sl'))} / ${p('n')}`,
  };
}

/**
 * The parts of `aggregate` over a Values column of `valueType` (its DuckDB type; undefined: exact
 * parts). Every other Average keeps DuckDB's exact sum until the division. A Sum stays DuckDB's
 * exact sum, DECIMAL as DECIMAL: one beyond HUGEINT's range fails, and the service says so in words
 * (pivotOverflow.ts).
 */
export function partsOf(aggregate: Exclude<PivotAggregate, 'Median'>, valueType: string | undefined): AggregateParts {
  if (aggregate !== 'Average' || valueType === undefined) return PARTIALS[aggregate];
  if (sumsInHalves(valueType)) return halvesAverage(valueType);
  return sumsNearHugeintRange(valueType) ? WIDE_AVERAGE : PARTIALS.Average;
}

/** A cell's aggregate, given how it reads a column: `pick(x)` is x for the Total column and `CASE WHEN k = i THEN x END` for key i. */
export type Cell = (pick: (column: string) => string) => string;

/**
 * The Total column's cell: the aggregate of every row of the group, as DuckDB's own gives it over
 * no rows too (a Count's 0; the grand total is one row even over none).
 */
export const totalCell = (partial: AggregateParts | undefined, cell: string): string => (partial?.overNoRows === undefined ? cell : `coalesce(${cell}, ${partial.overNoRows})`);

/**
 * The column keys that have rows in a group, as a bitmask: bit k for the key numbered k (1…50, 0
 * for "Other"), so a key's cell with no rows (an empty cell) is told apart from an aggregate that
 * is NULL (a Sum of only NULLs). One bit_or per group, and again per level above (an OR of ORs),
 * where a row count per key would be 51 more aggregates. Only with column fields, and only for the
 * app (positional names): Open as SQL reads an empty cell as NULL.
 */
export const PIVOT_PRESENT = 'pivot_present';
/** The keys of the rows (or partial groups) of pivot_source, each with its key number k, as PIVOT_PRESENT. */
export const presentOfKeys = `bit_or(1::UBIGINT << k) AS ${PIVOT_PRESENT}`;

/** The aggregate that combines the part `name` over groups. */
const combinerOf = (partial: AggregateParts, name: string): string => partial.parts.find((p) => p.name === name)!.combine;

/** A cell combined from the groups' parts in one aggregate. */
export const cellOf =
  (partial: AggregateParts): Cell =>
  (pick) =>
    partial.finish((name) => `${combinerOf(partial, name)}(${pick(name)})`);

/**
 * The levels of a pivot over a table of partial groups (`pivot_source`, each with its key k). The
 * detail rows combine the groups' parts per key once (`pivot_details`, materialised: every level
 * reads it); every upper level combines those detail parts again by a plain GROUP BY (ROLLUP's
 * grouping sets written out, cheaper over a few thousand rows), so the per-key CASEs run over the
 * partial groups once instead of once per level. Level i groups by the first i row fields; 0, the
 * grand total, has no GROUP BY and one row even over no rows, as ROLLUP's.
 *
 * With a sort (`sortBy`, a value column), each row also carries its sort keys s0…: s_j is the
 * value of its ancestor at level j + 1 (its own at its level, NULL above it), so a group moves with
 * its children. The levels between the total and the details are then tables of their own, which
 * the levels below join to read their ancestors' values: over a few thousand groups DuckDB spends
 * a third less on the first page's query than with a window over each group's partition.
 *
 * With `present`, each row also carries PIVOT_PRESENT (the keys with rows), after its value columns.
 */
export function levelsOfParts(
  g: readonly string[],
  partial: AggregateParts,
  picks: readonly ((column: string) => string)[],
  sortBy: number | undefined,
  present: boolean,
): { stages: string[]; levels: string } {
  const depth = g.length;
  const part = (i: number, name: string) => `v${i}_${name}`;
  // a value column of the detail parts (r.v0_s…), finished as they are or combined over a group
  // (the last value column is the Total)
  const finished = (i: number, combined: boolean) => {
    const cell = partial.finish((name) => (combined ? `${combinerOf(partial, name)}(r.${part(i, name)})` : `r.${part(i, name)}`));
    return i === picks.length - 1 ? totalCell(partial, cell) : cell;
  };
  const detailParts = [...picks.flatMap((pick, i) => partial.parts.map((p) => `${p.combine}(${pick(p.name)}) AS ${part(i, p.name)}`)), ...(present ? [presentOfKeys] : [])];
  // the keys with rows in a group above the details: those of its detail rows
  const presentOfDetails = present ? [`bit_or(r.${PIVOT_PRESENT}) AS ${PIVOT_PRESENT}`] : [];
  // no row field: the details are the grand total, one row even over no groups
  const byAll = depth > 0 ? ` GROUP BY ${g.join(', ')}` : '';
  const stages = [`pivot_details AS MATERIALIZED (SELECT ${[...g, ...detailParts].join(', ')} FROM pivot_source${byAll}),`];
  const upper = (i: number) => `pivot_level_${i}`;
  const tabled = (level: number) => sortBy !== undefined && level > 0 && level < depth;
  const byFields = (n: number) => g.slice(0, n).map((x) => `r.${x}`);
  for (let i = 1; i < depth; i++) {
    if (tabled(i)) stages.push(`${upper(i)} AS MATERIALIZED (SELECT ${[...byFields(i).map((x, j) => `${x} AS ${g[j]}`), ...picks.map((_, v) => `${finished(v, true)} AS v${v}`), ...presentOfDetails].join(', ')} FROM pivot_details AS r GROUP BY ${byFields(i).join(', ')}),`);
  }
  const ofLevel = (level: number) => {
    const fromTable = tabled(level);
    const cells = picks.map((_, v) => `${fromTable ? `r.v${v}` : finished(v, level < depth)} AS v${v}`);
    const keysPresent = !present ? [] : fromTable || level === depth ? [`r.${PIVOT_PRESENT}`] : presentOfDetails;
    const fields = g.map((x, j) => (j < level ? `r.${x} AS ${x}` : `NULL AS ${x}`));
    // the ancestors whose values this level's sort keys read: levels 1 … level - 1
    const ancestors = sortBy === undefined ? [] : Array.from({ length: Math.max(0, level - 1) }, (_, j) => j + 1);
    const sortKeys =
      sortBy === undefined
        ? []
        : g.map((_, j) => {
            const name = `s${j}`;
            if (j >= level) return `NULL AS ${name}`;
            if (j < level - 1) return `a${j + 1}.v${sortBy} AS ${name}`;
            return `${fromTable ? `r.v${sortBy}` : finished(sortBy, level < depth)} AS ${name}`;
          });
    const joins = ancestors.map((a) => ` LEFT JOIN ${upper(a)} AS a${a} ON ${g.slice(0, a).map((x) => `r.${x} IS NOT DISTINCT FROM a${a}.${x}`).join(' AND ')}`);
    const from = fromTable ? `${upper(level)} AS r` : 'pivot_details AS r';
    const by = level > 0 && level < depth && !fromTable ? ` GROUP BY ${byFields(level).join(', ')}` : '';
    return `SELECT ${[`${level}::BIGINT AS level`, ...fields, ...cells, ...keysPresent, ...sortKeys].join(', ')} FROM ${from}${joins.join('')}${by}`;
  };
  return { stages, levels: Array.from({ length: depth + 1 }, (_, i) => ofLevel(depth - i)).join(' UNION ALL ') };
}

import { columnKind } from '../explore/columnKind';

/*
 * A date or timestamp row or column field of a pivot grouped by a calendar grain (Excel's "Group
 * by months", Tad's and the DuckDB UI's date_trunc), not by each distinct instant: flights-3m's
 * minute timestamps made hundreds of thousands of groups. A field without a grain groups by its
 * exact values, as every pivot did before grains (and old PivotSet events still mean).
 */

/** The grains, coarsest first: DuckDB's date_trunc parts, so a grain is SQL only from this closed list. */
export const pivotGrains = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute'] as const;
export type PivotGrain = (typeof pivotGrains)[number];

/** The grain a date or timestamp field gets when a person adds it to an axis: a month reads as a calendar does. */
export const DEFAULT_PIVOT_GRAIN: PivotGrain = 'month';

/** What each grain is called in the builder. */
export const grainLabels: Readonly<Record<PivotGrain, string>> = {
  year: 'Year',
  quarter: 'Quarter',
  month: 'Month',
  week: 'Week (from Monday)',
  day: 'Day',
  hour: 'Hour',
  minute: 'Minute',
};

/** A date has no hours or minutes to group by. */
const DATE_GRAINS: readonly PivotGrain[] = ['year', 'quarter', 'month', 'week', 'day'];

/** The grains a column of this DuckDB type can be grouped by; none for a type that is not a date or timestamp. */
export function grainsOf(duckdbType: string): readonly PivotGrain[] {
  const { kind } = columnKind(duckdbType);
  return kind === 'timestamp' ? pivotGrains : kind === 'date' ? DATE_GRAINS : [];
}

/** The grain the builder proposes for a field of this type on an axis, or undefined (not a date: exact values). */
export const proposedGrain = (duckdbType: string): PivotGrain | undefined => (grainsOf(duckdbType).length > 0 ? DEFAULT_PIVOT_GRAIN : undefined);

/**
 * Why the grains do not fit the pivot's fields, in a sentence, or undefined. `typeOf` is the
 * field's DuckDB type (undefined: not known, so not judged).
 */
export function grainMismatch(spec: { readonly rows: readonly string[]; readonly columns: readonly string[]; readonly grains?: Readonly<Record<string, PivotGrain>> | undefined }, typeOf: (field: string) => string | undefined): string | undefined {
  for (const [field, grain] of Object.entries(spec.grains ?? {})) {
    const name = JSON.stringify(field.slice(0, 40));
    if (!spec.rows.includes(field) && !spec.columns.includes(field)) return `${name} is not a row or column field, so it cannot be grouped by ${grain}.`;
    const type = typeOf(field);
    if (type === undefined) continue;
    if (!grainsOf(type).includes(grain)) return grainsOf(type).length === 0 ? `Only a date or timestamp field can be grouped by ${grain}; ${name} is ${type}.` : `A date has no ${grain}s to group by; ${name} is ${type}.`;
  }
  return undefined;
}

/** SQL of a grain, from the closed list only: a grain that is not one is an error, never SQL text. */
function grainSql(grain: PivotGrain): string {
  if (!pivotGrains.includes(grain)) throw new RangeError(`Not a pivot grain: ${String(grain)}`);
  return `'${grain}'`;
}

/** The field's value as the pivot groups it: truncated to its grain (a TIMESTAMP), else as it is. */
export const groupedValue = (grain: PivotGrain | undefined, sql: string): string => (grain ? `date_trunc(${grainSql(grain)}, ${sql})` : sql);

/**
 * A group's text, as a header or a row shows it and a column key or a collapsed group names it:
 * a grain's calendar name (2001, 2001-Q1, 2001-01, 2001-01-01 for a week's Monday or a day,
 * 2001-01-01 13:00, 2001-01-01 13:05), else DuckDB's own text. Groups are still ordered by their
 * truncated value, so chronologically.
 */
export function groupText(grain: PivotGrain | undefined, sql: string): string {
  switch (grain) {
    case undefined:
      return `CAST(${sql} AS VARCHAR)`;
    case 'year':
      return `strftime(${sql}, '%Y')`;
    case 'quarter':
      return `(strftime(${sql}, '%Y') || '-Q' || quarter(${sql}))`;
    case 'month':
      return `strftime(${sql}, '%Y-%m')`;
    case 'week':
    case 'day':
      return `strftime(${sql}, '%Y-%m-%d')`;
    case 'hour':
      return `strftime(${sql}, '%Y-%m-%d %H:00')`;
    case 'minute':
      return `strftime(${sql}, '%Y-%m-%d %H:%M')`;
    default:
      throw new RangeError(`Not a pivot grain: ${String(grain satisfies never)}`);
  }
}

/** The grains keyed by other names (the SQL's fields): `rename` gives a field's SQL name. */
export function renamedGrains(grains: Readonly<Record<string, PivotGrain>> | undefined, rename: (field: string) => string): { grains?: Record<string, PivotGrain> } {
  if (grains === undefined) return {};
  return { grains: Object.fromEntries(Object.entries(grains).map(([field, grain]) => [rename(field), grain])) };
}

/**
 * The grains after the builder changed the axes: a field still on an axis keeps its grain or its
 * exact values; a date or timestamp field new on an axis gets DEFAULT_PIVOT_GRAIN (proposedGrain);
 * a field that left the axes leaves its grain. Undefined when no field has one, so a spec without
 * dates stays as it was before grains.
 */
export function grainsAfter(before: { readonly rows: readonly string[]; readonly columns: readonly string[]; readonly grains?: Readonly<Record<string, PivotGrain>> | undefined }, fields: readonly string[], typeOf: (field: string) => string): Record<string, PivotGrain> | undefined {
  const was = new Set([...before.rows, ...before.columns]);
  const entries = fields.flatMap((f): [string, PivotGrain][] => {
    const grain = was.has(f) ? before.grains?.[f] : proposedGrain(typeOf(f));
    return grain ? [[f, grain]] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

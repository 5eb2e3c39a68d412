import type { ChartSpec } from './chartSpec';

/*
 * Colour groups of bars and areas (docs/charts.md, "Colour groups"). Stacking draws each group on
 * top of the one below, so a stack's height is the groups' values added up: a total for counts and
 * sums, but nobody's value for averages, medians, minima or maxima (two averages of 20 stacked to
 * 40 on an axis titled "average of delay"). Those are drawn side by side within the band instead,
 * as Vega-Lite's xOffset does: each bar then stands on 0 at its own height, read against the axis.
 */

/** Whether a chart's colour groups add up to something the value axis names: counts and sums do, other aggregates do not. */
export function stacksByColor(spec: Pick<ChartSpec, 'aggregate' | 'y'>): boolean {
  // without a Y every aggregate draws counts (chartSql: count(*))
  return spec.aggregate === 'Count' || spec.aggregate === 'Sum' || spec.y === undefined;
}

/** The pixels a bar of one group leaves free on either side of it in its band. */
export interface GroupInsets {
  readonly insetLeft: number;
  readonly insetRight: number;
}

/** Pixels between two neighbouring bars of a band, when the band is wide enough to spare them. */
const GROUP_GAP = 1;

/**
 * Where the bar of group `index` (of `groups`) stands in a band `bandwidth` pixels wide: an equal
 * slot each, left to right in the groups' order (every band keeps every slot, so a group stands at
 * the same place in every band, as Vega-Lite's xOffset draws it), a pixel apart while a slot is wide enough.
 */
export function groupInsets(index: number, groups: number, bandwidth: number): GroupInsets {
  if (groups <= 1 || !(bandwidth > 0)) return { insetLeft: 0, insetRight: 0 };
  const slot = bandwidth / groups;
  const gap = slot > 4 * GROUP_GAP ? GROUP_GAP / 2 : 0;
  return { insetLeft: index * slot + gap, insetRight: (groups - 1 - index) * slot + gap };
}

/**
 * The colour groups in the order their slots stand: as the colour scale (its legend) lists their
 * text, then by first appearance; `key` is a group's identity (SQL NULL apart from a real "NULL").
 */
export function groupOrder(keys: readonly string[], text: (key: string) => string, legend: readonly unknown[]): string[] {
  const unique = [...new Set(keys)];
  const at = (key: string) => {
    const i = legend.indexOf(text(key));
    return i < 0 ? legend.length : i;
  };
  return unique.map((key, first) => ({ key, first })).sort((p, q) => at(p.key) - at(q.key) || p.first - q.first).map((g) => g.key);
}

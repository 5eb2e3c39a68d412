import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../shared/chart/chartData';
import type { ChartAggregate, ChartMark } from '../../shared/chart/chartSpec';
import { drawChart, LIGHT_CHART_THEME, type ChartDocument } from '../../shared/chart/drawChart';

/** Bars (or areas) of `aggregate` of delay per origin, by destination: two origins, three destinations each, values ≤ 40. */
function byDestination(aggregate: ChartAggregate, mark: ChartMark = 'Bar'): ChartData {
  const value = aggregate === 'Count' ? 'count' : `${aggregate.toLowerCase()} of delay`;
  const time = mark !== 'Bar';
  return {
    queryId: 'q',
    spec: { mark, x: time ? 'day' : 'origin', y: 'delay', color: 'destination', aggregate },
    columns: [
      { role: 'x', kind: time ? 'number' : 'category', label: time ? 'day' : 'origin' },
      { role: 'color', kind: 'category', label: 'destination' },
      { role: 'value', kind: 'number', label: value },
    ],
    rows: [
      [time ? '1' : 'ATL', 'SFO', '38'],
      [time ? '1' : 'ATL', 'BOS', '36'],
      [time ? '1' : 'ATL', 'LAX', '35'],
      [time ? '2' : 'ORD', 'SFO', '30'],
      [time ? '2' : 'ORD', 'BOS', '33'],
      [time ? '2' : 'ORD', 'LAX', '39'],
    ],
    truncated: false,
  };
}

/** `data` drawn as the notebook draws it (linkedom, so in main). */
function drawn(data: ChartData) {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return drawChart(data, { document: document as unknown as ChartDocument, theme: LIGHT_CHART_THEME, width: 720, height: 320, legend: false });
}

/** The y axis's tick labels as numbers. */
const yTicks = (svg: ReturnType<typeof drawChart>) => [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => Number((t.textContent ?? '').replaceAll(',', '')));
/** Every bar's [left, right) pixels and its top. */
const bars = (svg: ReturnType<typeof drawChart>) =>
  [...svg.querySelectorAll('g[aria-label="bar"] > rect')].map((r) => ({ left: Number(r.getAttribute('x')), right: Number(r.getAttribute('x')) + Number(r.getAttribute('width')), top: Number(r.getAttribute('y')), height: Number(r.getAttribute('height')) }));

/** Each path of `mark`'s highest point: its least y pixel. */
const highest = (svg: ReturnType<typeof drawChart>, mark: 'line' | 'area') =>
  [...svg.querySelectorAll(`g[aria-label="${mark}"] path`)].map((p) => Math.min(...((p.getAttribute('d') ?? '').match(/-?[\d.]+,-?[\d.]+/g) ?? []).map((xy) => Number(xy.split(',')[1]))));

describe('drawChart: colour groups of bars', () => {
  it('given averages by a colour, when drawn, then the bars stand side by side from 0, the axis up to the largest average (39), not their sum (109)', () => {
    const svg = drawn(byDestination('Average'));
    expect(Math.max(...yTicks(svg))).toBe(35);
    const all = bars(svg);
    expect(all).toHaveLength(6);
    // every bar stands on the same baseline: none is stacked on another
    const bottoms = new Set(all.map((b) => Math.round(b.top + b.height)));
    expect(bottoms.size).toBe(1);
    // no two bars overlap along x
    const sorted = [...all].sort((p, q) => p.left - q.left);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.left).toBeGreaterThanOrEqual(sorted[i - 1]!.right);
    for (const b of all) expect(b.right - b.left).toBeGreaterThan(10);
  });

  it('given medians, minima or maxima, then side by side too', () => {
    for (const aggregate of ['Median', 'Min', 'Max'] as const) expect(Math.max(...yTicks(drawn(byDestination(aggregate))))).toBeLessThan(40);
  });

  it('given counts or sums, then the groups stack: a band is their total (up to 109)', () => {
    for (const aggregate of ['Count', 'Sum'] as const) {
      expect(Math.max(...yTicks(drawn(byDestination(aggregate))))).toBeGreaterThanOrEqual(100);
      const bottoms = new Set(bars(drawn(byDestination(aggregate))).map((b) => Math.round(b.top + b.height)));
      expect(bottoms.size).toBeGreaterThan(1);
    }
  });
});

describe('drawChart: colour groups of areas', () => {
  it('given averages by a colour, when drawn as areas, then they overlay from 0 (the axis up to 39), not stacked to 109', () => {
    expect(Math.max(...yTicks(drawn(byDestination('Average', 'Area'))))).toBeLessThan(45);
  });
  it('given counts, then the areas stack and so do their outlines: the top line reaches the total', () => {
    const svg = drawn(byDestination('Count', 'Area'));
    expect(Math.max(...yTicks(svg))).toBeGreaterThanOrEqual(100);
    // the topmost outline's highest point (least y pixel) is the stack's top, above every single value's
    expect(Math.min(...highest(svg, 'line'))).toBeCloseTo(Math.min(...highest(svg, 'area')), 5);
  });
});

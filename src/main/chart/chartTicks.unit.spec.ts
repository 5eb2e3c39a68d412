import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../shared/chart/chartData';
import { drawChart, LIGHT_CHART_THEME, type ChartDocument } from '../../shared/chart/drawChart';

/** The x tick labels of `data` drawn as the notebook draws it (linkedom, so in main), in their order. */
function xTicks(data: ChartData): string[] {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = drawChart(data, { document: document as unknown as ChartDocument, theme: LIGHT_CHART_THEME, width: 720, height: 320, legend: false });
  return [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent ?? '');
}

describe('drawChart: the bars’ ticks', () => {
  it('given a real (other) among the categories and the rest of them, then their ticks read apart', () => {
    const data: ChartData = {
      queryId: 'q',
      spec: { mark: 'Bar', x: 'weather', aggregate: 'Count' },
      columns: [
        { role: 'x', kind: 'category', label: 'weather' },
        { role: 'value', kind: 'number', label: 'count' },
        { role: 'xRest', kind: 'flag', label: 'rest of weather' },
      ],
      rows: [
        ['sun', '9', 'false'],
        ['(other)', '7', 'false'],
        ['(other)', '3', 'true'],
      ],
      truncated: false,
    };
    const ticks = xTicks(data);
    expect(ticks).toEqual(['sun', '(other)', 'All others']);
    expect(new Set(ticks).size).toBe(3);
  });

  it('given bars of a number in chart data’s order (value order), then the ticks keep it', () => {
    const data: ChartData = {
      queryId: 'q',
      spec: { mark: 'Bar', x: 'cylinders', aggregate: 'Count' },
      columns: [
        { role: 'x', kind: 'category', label: 'cylinders' },
        { role: 'value', kind: 'number', label: 'count' },
      ],
      rows: [
        ['3', '4'],
        ['4', '204'],
        ['5', '3'],
        ['6', '84'],
        ['8', '108'],
      ],
      truncated: false,
    };
    expect(xTicks(data)).toEqual(['3', '4', '5', '6', '8']);
  });
});

/** A histogram of one number column `v`, its bins [lo, hi) each counted `n`. */
function histogram(bins: readonly (readonly [string, string, string])[]): ChartData {
  return {
    queryId: 'q',
    spec: { mark: 'Histogram', x: 'v', aggregate: 'Count' },
    columns: [
      { role: 'x1', kind: 'number', label: 'v from' },
      { role: 'x2', kind: 'number', label: 'v to' },
      { role: 'value', kind: 'number', label: 'count' },
    ],
    rows: bins.map((b) => [...b]),
    truncated: false,
  };
}

/** How far each x tick label reaches right, as drawChart estimates a character (0.65 em of 11 px): its tick's x plus half its text. */
function xLabelEnds(data: ChartData, width: number): number[] {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = drawChart(data, { document: document as unknown as ChartDocument, theme: LIGHT_CHART_THEME, width, height: 300, legend: false });
  return [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => Number(/translate\(([^,)]+)/.exec(t.getAttribute('transform') ?? '')?.[1]) + ((t.textContent ?? '').length * 0.65 * 11) / 2);
}

describe('drawChart: a histogram’s number ticks', () => {
  it('given an integer column of one value (one bin [1234567, 1234568)), then its ticks are the whole edges, and the last label fits in the chart', () => {
    const data = histogram([['1234567', '1234568', '1']]);
    expect(xTicks(data)).toEqual(['1,234,567', '1,234,568']);
    for (const width of [440, 720]) expect(Math.max(...xLabelEnds(data, width))).toBeLessThanOrEqual(width);
  });

  it('given whole bins of 5 over 0–200, then the ticks are whole numbers on a nice step', () => {
    const bins = Array.from({ length: 40 }, (_, i) => [String(i * 5), String(i * 5 + 5), '3'] as const);
    const ticks = xTicks(histogram(bins));
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) expect(t).toMatch(/^\d[\d,]*$/);
    expect(ticks[0]).toBe('0');
    expect(ticks.at(-1)).toBe('200');
  });

  it('given fractional bins (a DOUBLE column, 0.2 wide), then Plot’s own ticks stay, fractions included', () => {
    const bins = Array.from({ length: 10 }, (_, i) => [String(i / 5), String((i + 1) / 5), '1'] as const);
    expect(xTicks(histogram(bins)).some((t) => t.includes('.'))).toBe(true);
  });
});

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

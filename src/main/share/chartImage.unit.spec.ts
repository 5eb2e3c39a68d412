import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../shared/chart/chartData';
import { CHART_IMAGE_HEIGHT, CHART_IMAGE_WIDTH, chartSvg } from './chartImage';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('a chart as a standalone SVG image', () => {
  const byColor: ChartData = {
    queryId: 'q',
    spec: { mark: 'Bar', x: 'origin', color: 'carrier', aggregate: 'Count' },
    columns: [
      { role: 'x', kind: 'category', label: 'origin' },
      { role: 'color', kind: 'category', label: 'carrier' },
      { role: 'value', kind: 'number', label: 'count' },
    ],
    rows: [
      ['<SEA & co>', 'AA', '3'],
      ['PDX', 'AS', '5'],
      ['PDX', 'DL', '2'],
    ],
    truncated: false,
  };

  it('has its size, a white background, light colors, a bar per mark and a swatch per color, its text escaped', () => {
    const svg = chartSvg(byColor);
    const root = parse(svg).documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBe(CHART_IMAGE_WIDTH);
    // the legend's row goes above the chart
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(CHART_IMAGE_HEIGHT);
    expect(root.firstElementChild?.getAttribute('fill')).toBe('#ffffff');
    expect(root.getAttribute('style')).toContain('color:#1d1f23');
    expect(root.querySelectorAll('g[aria-label="bar"] > rect')).toHaveLength(3);
    const legend = root.querySelector('g[aria-label="color legend"]');
    expect([...(legend?.querySelectorAll('text') ?? [])].map((t) => t.textContent)).toEqual(['AA', 'AS', 'DL']);
    expect(new Set([...(legend?.querySelectorAll('rect') ?? [])].map((r) => r.getAttribute('fill'))).size).toBe(3);
    expect(svg).toContain('&lt;SEA &amp; co&gt;');
    expect(svg).not.toContain('<SEA');
  });

  it('gives counts as shades a gradient legend from the least to the most, and a chart without color no legend', () => {
    const heatmap: ChartData = {
      queryId: 'q',
      spec: { mark: 'Heatmap', x: 'a', y: 'b', aggregate: 'Count' },
      columns: [
        { role: 'x', kind: 'category', label: 'a' },
        { role: 'y', kind: 'category', label: 'b' },
        { role: 'value', kind: 'number', label: 'count' },
      ],
      rows: [
        ['p', 'u', '1'],
        ['q', 'u', '7'],
        ['p', 'v', '4'],
      ],
      truncated: false,
    };
    const root = parse(chartSvg(heatmap)).documentElement;
    expect(root.querySelectorAll('g[aria-label="cell"] > rect')).toHaveLength(3);
    expect(root.querySelectorAll('linearGradient stop').length).toBeGreaterThan(2);
    expect([...root.querySelectorAll('g[aria-label="color legend"] text')].map((t) => t.textContent)).toEqual(['count', '1', '7']);
    const plain = parse(chartSvg({ ...byColor, spec: { mark: 'Bar', x: 'origin', aggregate: 'Count' }, columns: [byColor.columns[0]!, byColor.columns[2]!], rows: [['SEA', '3']] })).documentElement;
    expect(plain.querySelector('g[aria-label="color legend"]')).toBeNull();
    expect(Number(plain.getAttribute('height'))).toBe(CHART_IMAGE_HEIGHT);
  });
});

describe('a chart of a few counted rows', () => {
  const bars = (counts: readonly number[], color = false): ChartData => ({
    queryId: 'q',
    spec: { mark: 'Bar', x: 'origin', aggregate: 'Count', ...(color ? { color: 'carrier' } : {}) },
    columns: [{ role: 'x', kind: 'category', label: 'origin' }, ...(color ? [{ role: 'color', kind: 'category', label: 'carrier' } as const] : []), { role: 'value', kind: 'number', label: 'count' }],
    rows: counts.map((n, i) => (color ? ['SEA', `C${i}`, String(n)] : [`A${i}`, String(n)])),
    truncated: false,
  });
  const yTicks = (data: ChartData) => [...parse(chartSvg(data)).querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);

  it('has whole ticks only: no "0.5" of a row', () => {
    expect(yTicks(bars([2, 1]))).toEqual(['0', '1', '2']);
    // stacked by color, the tallest stack is what the axis must reach
    expect(yTicks(bars([2, 3], true))).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('leaves a line of counts its own axis: it starts at its lowest value and its series are not stacked', () => {
    const line: ChartData = {
      ...bars([1, 10]),
      spec: { mark: 'Line', x: 'day', aggregate: 'Count' },
      columns: [{ role: 'x', kind: 'number', label: 'day' }, { role: 'value', kind: 'number', label: 'count' }],
      rows: Array.from({ length: 10 }, (_, i) => [String(i), String(i + 1)]),
    };
    expect(yTicks(line)).not.toContain('0');
    expect(yTicks(line)).toContain('10');
  });

  it('writes the lone tick of a line at one level as the number it is, not with six zeros', () => {
    const level: ChartData = {
      ...bars([1]),
      spec: { mark: 'Line', x: 'day', y: 'n', aggregate: 'Average' },
      columns: [{ role: 'x', kind: 'number', label: 'day' }, { role: 'value', kind: 'number', label: 'average of n' }],
      rows: [['1', '1461'], ['2', '1461']],
    };
    expect(yTicks(level)).toEqual(['1,461']);
  });

  it('leaves many rows to the axis’s own nice steps', () => {
    expect(yTicks(bars([2000, 100]))).toContain('2,000');
  });
});

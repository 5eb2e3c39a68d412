import { describe, expect, it } from 'vitest';
import { chartLegend, LEGEND_CHAR_PX, standaloneChart, type LegendScale, type MakeSvg, type SvgNode } from './chartLegend';
import { LIGHT_CHART_THEME } from './drawChart';

/** An element of a document that is only a tree: its name, attributes, children and text. */
interface Fake extends SvgNode {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: Fake[];
}
const make: MakeSvg = (name, attributes = {}) => {
  const el: Fake = {
    name,
    attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, String(v)])),
    children: [],
    textContent: null,
    setAttribute: (k, v) => void (el.attributes[k] = v),
    append: (...nodes) => void el.children.push(...(nodes as Fake[])),
  };
  return el;
};
const all = (el: Fake, name: string): Fake[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const num = (el: Fake, attribute: string) => Number(el.attributes[attribute]);

const palette: Record<string, string> = { AA: '#4e79a7', AS: '#f28e2c', DL: '#e15759', 'United Air Lines Inc.': '#76b7b2', 'Southwest Airlines Co.': '#59a14f' };
const carriers: LegendScale = { type: 'categorical', domain: Object.keys(palette), apply: (v: string) => palette[v], label: 'carrier' };
const counts: LegendScale = { type: 'linear', domain: [1, 1_234_567], apply: (v: number) => `rgb(${Math.round(v % 255)}, 0, 0)`, label: 'count' };

describe('chartLegend', () => {
  it('given categories, when drawn on a narrow chart, then each has a swatch of its scale color and its label, wrapped into rows that end before the right edge', () => {
    const width = 240;
    const { node, height } = chartLegend(carriers, width, make);
    const legend = node as Fake;
    expect(legend.attributes['aria-label']).toBe('color legend');
    expect(all(legend, 'rect').map((r) => r.attributes.fill)).toEqual(Object.values(palette));
    const texts = all(legend, 'text');
    expect(texts.map((t) => t.textContent)).toEqual(Object.keys(palette));
    // the group sits 12px in; a label's right end (estimated per character) stays inside the file
    for (const t of texts) expect(12 + num(t, 'x') + (t.textContent ?? '').length * LEGEND_CHAR_PX).toBeLessThanOrEqual(width);
    const rows = new Set(texts.map((t) => num(t, 'y'))).size;
    expect(rows).toBeGreaterThan(1);
    expect(height).toBe(rows * 20 + 6);
  });

  it('given counts as shades, when drawn on a narrow chart, then a gradient of the scale runs from the least to the most, its high end inside the file', () => {
    const width = 240;
    const legend = chartLegend(counts, width, make).node as Fake;
    const stops = all(legend, 'stop');
    expect(stops.at(0)?.attributes['stop-color']).toBe(counts.apply(1));
    expect(stops.at(-1)?.attributes['stop-color']).toBe(counts.apply(1_234_567));
    const texts = all(legend, 'text');
    expect(texts.map((t) => t.textContent)).toEqual(['count', '1', '1,234,567']);
    const high = texts.at(-1)!;
    expect(12 + num(high, 'x') + (high.textContent ?? '').length * LEGEND_CHAR_PX).toBeLessThanOrEqual(width);
    const [ramp] = all(legend, 'rect');
    expect(num(ramp!, 'x') + num(ramp!, 'width')).toBeLessThan(num(high, 'x'));
  });
});

describe('standaloneChart', () => {
  it('given a chart with a color scale, when made a file, then the legend is above the chart, the file as tall as both, on the theme background in its text color', () => {
    const chart = make('svg', { width: 400, height: 300 }) as Fake;
    const { root, width, height } = standaloneChart({ chart, scale: carriers, width: 400, height: 300, theme: LIGHT_CHART_THEME }, make);
    const file = root as Fake;
    const legend = all(file, 'g')[0]!;
    const legendHeight = height - 300;
    expect(legendHeight).toBeGreaterThan(0);
    expect(num(chart, 'y')).toBe(legendHeight);
    expect([width, num(file, 'width'), num(file, 'height')]).toEqual([400, 400, height]);
    expect(file.attributes.viewBox).toBe(`0 0 400 ${height}`);
    // drawn in order: the background, the legend, the chart
    expect(file.children.map((c) => c.name)).toEqual(['rect', 'g', 'svg']);
    expect(file.children[0]!.attributes.fill).toBe('#ffffff');
    expect(file.attributes.style).toContain('color:#1d1f23');
    expect(all(legend, 'text').every((t) => t.attributes.fill === 'currentColor')).toBe(true);
  });

  it('given a chart whose colors mean nothing, when made a file, then it has no legend and the chart’s own size', () => {
    const chart = make('svg') as Fake;
    const { root, height } = standaloneChart({ chart, scale: undefined, width: 400, height: 300, theme: LIGHT_CHART_THEME }, make);
    expect((root as Fake).children.map((c) => c.name)).toEqual(['rect', 'svg']);
    expect([height, num(chart, 'y')]).toEqual([300, 0]);
  });
});

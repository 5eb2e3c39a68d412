import { parseHTML } from 'linkedom';
import type { ChartData } from '../../shared/chart/chartData';
import { drawChart, hasColorLegend, LIGHT_CHART_THEME, type ChartDocument } from '../../shared/chart/drawChart';

/** A notebook chart's size in pixels: about the window's, fixed, so every viewer shows the same picture. */
export const CHART_IMAGE_WIDTH = 720;
export const CHART_IMAGE_HEIGHT = 320;

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_ROW = 20;
const SWATCH = 10;
/** Roughly the width of a legend character at 11px; a legend only needs to wrap before the edge. */
const CHAR_PX = 6.5;
const LABEL_CHARS = 24;

type ColorScale = NonNullable<ReturnType<ReturnType<typeof drawChart>['scale']>>;
// linkedom's elements are typed loosely; what the legend uses of them is this.
interface SvgNode {
  setAttribute(name: string, value: string): void;
  append(...nodes: SvgNode[]): void;
  textContent: string | null;
  readonly outerHTML: string;
}

/**
 * A chart as one standalone SVG file, drawn by the window's own drawing (shared/chart/drawChart)
 * into a server-side document: explicit width and height, the light theme's colors and a white
 * background, since a file has no CSS variables. Plot's legend needs a canvas (a ramp) or HTML
 * (swatches), neither of which an SVG image holds, so the legend is drawn here in SVG from the
 * chart's own color scale.
 */
export function chartSvg(data: ChartData): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const theme = LIGHT_CHART_THEME;
  const plot = drawChart(data, { document: document as unknown as ChartDocument, theme, width: CHART_IMAGE_WIDTH, height: CHART_IMAGE_HEIGHT, legend: false });
  const make = (name: string, attributes: Record<string, string | number> = {}): SvgNode => {
    const el = document.createElementNS(SVG_NS, name) as unknown as SvgNode;
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
    return el;
  };
  const scale = hasColorLegend(data) ? plot.scale('color') : undefined;
  const legend = scale ? legendOf(scale, make) : undefined;
  const top = legend?.height ?? 0;
  const height = CHART_IMAGE_HEIGHT + top;
  const root = make('svg', { xmlns: SVG_NS, width: CHART_IMAGE_WIDTH, height, viewBox: `0 0 ${CHART_IMAGE_WIDTH} ${height}`, style: `color:${theme.fg};background:${theme.bg}`, 'font-family': 'system-ui, sans-serif', 'font-size': 11 });
  root.append(make('rect', { width: '100%', height: '100%', fill: theme.bg }));
  if (legend) root.append(legend.node);
  const chart = plot as unknown as SvgNode;
  chart.setAttribute('y', String(top));
  root.append(chart);
  return root.outerHTML;
}

/** The color legend in SVG: a swatch and its label per category, or a gradient from the least to the most. */
function legendOf(scale: ColorScale, make: (name: string, attributes?: Record<string, string | number>) => SvgNode): { node: SvgNode; height: number } {
  const g = make('g', { 'aria-label': 'color legend', transform: 'translate(12, 6)' });
  const text = (content: string, attributes: Record<string, string | number>) => {
    const t = make('text', { fill: 'currentColor', 'dominant-baseline': 'central', ...attributes });
    t.textContent = content.length > LABEL_CHARS ? `${content.slice(0, LABEL_CHARS - 1)}…` : content;
    return t;
  };
  const color = (v: unknown) => String(scale.apply(v));
  const domain = [...(scale.domain ?? [])];
  if (scale.type === 'ordinal' || scale.type === 'categorical') {
    let x = 0;
    let row = 0;
    for (const v of domain) {
      const label = String(v);
      const width = SWATCH + 6 + Math.min(label.length, LABEL_CHARS) * CHAR_PX + 14;
      if (x > 0 && x + width > CHART_IMAGE_WIDTH - 24) {
        x = 0;
        row++;
      }
      const y = row * LEGEND_ROW;
      g.append(make('rect', { x, y, width: SWATCH, height: SWATCH, fill: color(v) }), text(label, { x: x + SWATCH + 6, y: y + SWATCH / 2 }));
      x += width;
    }
    return { node: g, height: (row + 1) * LEGEND_ROW + 6 };
  }
  // continuous: the scale's shades sampled into a gradient, its domain's ends written beside it
  const [lo, hi] = [Number(domain[0]), Number(domain.at(-1))];
  const id = 'legend-ramp';
  const gradient = make('linearGradient', { id });
  for (let i = 0; i <= 8; i++) gradient.append(make('stop', { offset: `${(i / 8) * 100}%`, 'stop-color': color(lo + ((hi - lo) * i) / 8) }));
  const defs = make('defs');
  defs.append(gradient);
  const label = scale.label ?? 'count';
  const start = label.length * CHAR_PX + 8;
  g.append(defs, text(label, { x: 0, y: SWATCH / 2 }), text(formatEnd(lo), { x: start, y: SWATCH / 2 }));
  const rampAt = start + formatEnd(lo).length * CHAR_PX + 6;
  g.append(make('rect', { x: rampAt, y: 0, width: 160, height: SWATCH, fill: `url(#${id})` }), text(formatEnd(hi), { x: rampAt + 166, y: SWATCH / 2 }));
  return { node: g, height: LEGEND_ROW + 6 };
}

const ends = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const formatEnd = (n: number): string => (Number.isFinite(n) ? ends.format(n) : '');

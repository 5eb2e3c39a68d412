import { shortened } from '../text/codePoints';
import type * as Plot from '@observablehq/plot';
import type { ChartTheme } from './drawChart';

/**
 * A chart's color legend drawn in SVG, and a chart as one standalone SVG file with it. Plot's own
 * legend is HTML swatches or a ramp painted on a canvas, neither of which an SVG image holds, so the
 * notebook's image (main/share/chartImage.ts) and the window's PNG/SVG export (chartExport.ts) both
 * draw it here from the chart's own color scale: the same colors as the chart, in whichever document
 * (linkedom's in main, the window's) their `make` creates elements.
 */

/** What the legend reads of Plot's color scale (`plot.scale('color')`). */
export type LegendScale = Pick<Plot.Scale, 'type' | 'domain' | 'apply' | 'label'>;

/** An SVG element of either document: what is used of it (shared code has no DOM types). */
export interface SvgNode {
  setAttribute(name: string, value: string): void;
  append(...nodes: SvgNode[]): void;
  textContent: string | null;
}

/** Creates an SVG element with attributes, in the caller's document. */
export type MakeSvg = (name: string, attributes?: Record<string, string | number>) => SvgNode;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A `make` for a document: the window's, or linkedom's in main. */
export function svgMaker(document: { createElementNS(namespace: string, name: string): unknown }): MakeSvg {
  return (name, attributes = {}) => {
    const el = document.createElementNS(SVG_NS, name) as SvgNode;
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
    return el;
  };
}

const LEGEND_ROW = 20;
const SWATCH = 10;
/** The legend's inset from the file's left and top edges, and what it keeps clear of the right one. */
const INSET = 12;
const TOP = 6;
/** Roughly the width of a legend character at 11px (main's document has no layout to measure with); a legend only needs to wrap before the edge. */
export const LEGEND_CHAR_PX = 6.5;
const LABEL_CHARS = 24;
const RAMP_PX = 160;
const MIN_RAMP_PX = 40;

/**
 * The color legend: a swatch and its label per category, wrapped into rows that fit `width`, or a
 * gradient from the least to the most, between its ends. `height` is the room it takes above the chart.
 */
export function chartLegend(scale: LegendScale, width: number, make: MakeSvg): { node: SvgNode; height: number } {
  const g = make('g', { 'aria-label': 'color legend', transform: `translate(${INSET}, ${TOP})` });
  const text = (content: string, attributes: Record<string, string | number>) => {
    const t = make('text', { fill: 'currentColor', 'dominant-baseline': 'central', ...attributes });
    t.textContent = cut(content);
    return t;
  };
  const color = (v: unknown) => String(scale.apply(v));
  const domain = [...(scale.domain ?? [])];
  const room = width - 2 * INSET;
  if (scale.type === 'ordinal' || scale.type === 'categorical') {
    let x = 0;
    let row = 0;
    for (const v of domain) {
      const label = String(v);
      const used = SWATCH + 6 + cut(label).length * LEGEND_CHAR_PX;
      if (x > 0 && x + used > room) {
        x = 0;
        row++;
      }
      const y = row * LEGEND_ROW;
      g.append(make('rect', { x, y, width: SWATCH, height: SWATCH, fill: color(v) }), text(label, { x: x + SWATCH + 6, y: y + SWATCH / 2 }));
      x += used + 14;
    }
    return { node: g, height: (row + 1) * LEGEND_ROW + TOP };
  }
  // continuous: the scale's shades sampled into a gradient, its domain's ends written beside it
  const [lo, hi] = [Number(domain[0]), Number(domain.at(-1))];
  const id = 'legend-ramp';
  const gradient = make('linearGradient', { id });
  for (let i = 0; i <= 8; i++) gradient.append(make('stop', { offset: `${(i / 8) * 100}%`, 'stop-color': color(lo + ((hi - lo) * i) / 8) }));
  const defs = make('defs');
  defs.append(gradient);
  const label = scale.label ?? 'count';
  const start = cut(label).length * LEGEND_CHAR_PX + 8;
  const rampAt = start + formatEnd(lo).length * LEGEND_CHAR_PX + 6;
  // as long as the room left beside the high end allows (a narrow chart), never shorter than a swatch row's few words
  const ramp = Math.max(MIN_RAMP_PX, Math.min(RAMP_PX, room - rampAt - 6 - formatEnd(hi).length * LEGEND_CHAR_PX));
  g.append(defs, text(label, { x: 0, y: SWATCH / 2 }), text(formatEnd(lo), { x: start, y: SWATCH / 2 }));
  g.append(make('rect', { x: rampAt, y: 0, width: ramp, height: SWATCH, fill: `url(#${id})` }), text(formatEnd(hi), { x: rampAt + ramp + 6, y: SWATCH / 2 }));
  return { node: g, height: LEGEND_ROW + TOP };
}

export interface StandaloneChart {
  /** The chart's own SVG (Plot's, drawn without its HTML legend, or a copy of the window's), moved below the legend. */
  readonly chart: SvgNode;
  /** Its color scale when its colors mean something (drawChart's hasColorLegend); no legend without one. */
  readonly scale: LegendScale | undefined;
  readonly width: number;
  readonly height: number;
  readonly theme: Pick<ChartTheme, 'fg' | 'bg'>;
}

/**
 * A chart as one standalone SVG: explicit size, the theme's text color and a background rect (a file
 * has no CSS variables), the legend above the chart so they never overlap. Its size is returned, for
 * a PNG drawn from it.
 */
export function standaloneChart({ chart, scale, width, height, theme }: StandaloneChart, make: MakeSvg): { root: SvgNode; width: number; height: number } {
  const legend = scale ? chartLegend(scale, width, make) : undefined;
  const top = legend?.height ?? 0;
  const total = height + top;
  const root = make('svg', {
    xmlns: SVG_NS,
    width,
    height: total,
    viewBox: `0 0 ${width} ${total}`,
    style: `color:${theme.fg};background:${theme.bg}`,
    'font-family': 'system-ui, sans-serif',
    'font-size': 11,
  });
  root.append(make('rect', { width: '100%', height: '100%', fill: theme.bg }));
  if (legend) root.append(legend.node);
  chart.setAttribute('y', String(top));
  root.append(chart);
  return { root, width, height: total };
}

const cut = (text: string): string => shortened(text, LABEL_CHARS);
const ends = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const formatEnd = (n: number): string => (Number.isFinite(n) ? ends.format(n) : '');

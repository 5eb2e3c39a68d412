import * as Plot from '@observablehq/plot';
import type { ChartData } from './chartData';
import type { ChartRole } from './chartDataColumn';
import { categoryText, marksOf, sentinelCategory, type Mark } from './chartMarks';
import { countShades } from './chartShades';
import { groupInsets, groupOrder, stacksByColor } from './chartGroups';
import { drawnMark } from './chartSpec';
import { wholeTicks } from './chartTicks';

/** The colors a chart is drawn in: the window reads them from its theme's CSS variables, a file gets LIGHT_CHART_THEME. */
export interface ChartTheme {
  readonly fg: string;
  readonly muted: string;
  readonly accent: string;
  readonly bg: string;
}

/** The light theme's colors, for a chart drawn where no CSS variable reaches (a notebook's image). */
export const LIGHT_CHART_THEME: ChartTheme = { fg: '#1d1f23', muted: '#5f6672', accent: '#2458d6', bg: '#ffffff' };

/** The document Plot draws into: the window's own, or a server-side one (linkedom) in main. */
export type ChartDocument = NonNullable<Plot.PlotOptions['document']>;

export interface ChartCanvas {
  readonly document: ChartDocument;
  readonly theme: ChartTheme;
  readonly width: number;
  readonly height: number;
  /** Plot's own color legend (HTML swatches, or a ramp drawn on a canvas); off where there is no canvas and the caller draws its own. */
  readonly legend?: boolean;
}

/** The left margin, unless a y tick label needs more. */
const MARGIN_LEFT = 56;
/** The chart's font size, and a character's width in it at most: main's document has no layout to measure text with. */
const FONT_PX = 11;
const CHAR_EM = 0.65;
/** Plot puts a y tick label this far left of the frame: its tick (6) and padding (3). */
const TICK_OFFSET = 9;
/** Plot's right margin with no axis on the right, and about the room it gives each x tick. */
const MARGIN_RIGHT = 20;
const PX_PER_X_TICK = 80;

/** Whether the chart's colors mean something a legend must say: a color column, or counts as a heatmap's shades. */
export function hasColorLegend(data: Pick<ChartData, 'columns' | 'spec'>): boolean {
  const has = (role: ChartRole) => data.columns.some((c) => c.role === role);
  return has('color') || data.spec.mark === 'Heatmap' || (has('value') && has('y1'));
}

/**
 * Draws chart data with Observable Plot: the marks DuckDB computed, drawn as they are (Plot's own
 * transforms would aggregate again), into the document given. The window and the Markdown notebook
 * both draw with it. Plot styles its SVG with an inline <style>, which the renderer's CSP allows
 * (style-src 'unsafe-inline').
 */
export function drawChart(data: ChartData, { document, theme, width, height, legend = true }: ChartCanvas): ReturnType<typeof Plot.plot> {
  const marks = marksOf(data);
  const has = (role: ChartRole) => data.columns.some((c) => c.role === role);
  const kind = (role: ChartRole) => data.columns.find((c) => c.role === role)?.kind;
  const label = (role: ChartRole) => data.columns.find((c) => c.role === role)?.label.replace(/ from$/, '') ?? null;
  // a color's text names its series (a legend says it as it is), while z keeps the rest and SQL NULL apart from a real '(other)' or 'NULL'
  const color = has('color') ? (m: Mark) => categoryText(String(m.color)) : theme.accent;
  const z = has('color') ? 'color' : undefined;
  const { spec } = data;
  const scale = (role: ChartRole) =>
    kind(role) === 'time' ? ({ type: 'utc' } as const) : kind(role) === 'number' ? ({ type: 'linear' } as const) : ({ type: 'band', domain: [...new Set(marks.map((m) => m[role] as string))], tickFormat: categoryTick } as const);
  const common = {
    width,
    height,
    marginLeft: MARGIN_LEFT,
    marginBottom: 56,
    style: { background: 'transparent', color: theme.fg, fontSize: `${FONT_PX}px` },
    // counts as shades from near the background to the accent, which reads right on both themes
    color: has('color') ? ({ legend: legend && hasColorLegend(data), scheme: 'tableau10' } as const) : ({ legend: legend && hasColorLegend(data), type: 'linear', interpolate: countShades(theme.bg, theme.accent), label: 'count' } as const),
  } as const;
  // a line over categories is drawn as bars (chartSql.ts computed bars for it)
  const markDrawn = drawnMark(spec.mark, kind('x'));
  const layers: Plot.Markish[] = [];
  // bars and a histogram's rectangles, stacked from 0: their count axis gets whole ticks
  let stackedCounts = false;
  // bars of colour groups side by side: drawn once to learn the bands' width and the legend's order, then in their slots
  let sideBySide: ((slots: Slots | undefined) => Plot.Markish[]) | undefined;
  let measured: Plot.Markish[] = [];
  let x: Plot.ScaleOptions;
  let y: Plot.ScaleOptions;
  if (has('min')) {
    // a box plot: whiskers min–max, a box q1–q3, a tick at the median
    const at = has('x') ? 'x' : () => label('min')?.replace(/^min of /, '') ?? '';
    layers.push(Plot.ruleX(marks, { x: at, y1: 'min', y2: 'max', stroke: theme.muted }), Plot.barY(marks, { x: at, y1: 'q1', y2: 'q3', fill: theme.accent, fillOpacity: 0.6 }), Plot.tickY(marks, { x: at, y: 'median', stroke: theme.fg, strokeWidth: 2 }));
    x = has('x') ? bandAxis(marks, width, label('x')) : { type: 'band', label: null };
    y = { label: label('min')?.replace(/^min of /, '') ?? null, grid: true };
  } else if (has('value') && (has('y') || has('y1'))) {
    // a heatmap or a scatter's density: one cell per bin (or category) pair, its count as color
    const xs = has('x1') ? { x1: 'x1', x2: 'x2' } : { x: 'x' };
    const ys = has('y1') ? { y1: 'y1', y2: 'y2' } : { y: 'y' };
    layers.push(has('x1') && has('y1') ? Plot.rect(marks, { ...xs, ...ys, fill: 'value', inset: 0 }) : has('x1') ? Plot.barX(marks, { ...xs, y: 'y', fill: 'value' }) : has('y1') ? Plot.barY(marks, { x: 'x', ...ys, fill: 'value' }) : Plot.cell(marks, { x: 'x', y: 'y', fill: 'value' }));
    x = has('x1') ? { ...scale('x1'), label: label('x1') } : { ...scale('x'), label: label('x') };
    y = has('y1') ? { ...scale('y1'), label: label('y1') } : { ...scale('y'), label: label('y') };
  } else if (has('x1')) {
    // a histogram: one rectangle per bin
    layers.push(Plot.rectY(marks, { x1: 'x1', x2: 'x2', y: 'value', z, fill: color, inset: 0.5 }), Plot.ruleY([0], { stroke: theme.muted }));
    x = { ...scale('x1'), label: label('x1') };
    y = { label: 'count', grid: true };
    stackedCounts = true;
  } else if (has('y')) {
    // a scatter of points
    layers.push(Plot.dot(marks, { x: 'x', y: 'y', fill: color, r: 2, fillOpacity: 0.7 }));
    x = { ...scale('x'), label: label('x'), grid: true };
    y = { ...scale('y'), label: label('y'), grid: true };
  } else if (markDrawn === 'Line' || markDrawn === 'Area') {
    // areas of counts or sums stack, each outlined at its top; of averages (or min, max…) each stands on 0, overlaid (chartGroups.ts)
    const stacked = spec.mark === 'Area' && z !== undefined && stacksByColor(spec);
    if (spec.mark === 'Area') layers.push(Plot.areaY(marks, stacked ? { x: 'x', y: 'value', z, fill: color, fillOpacity: 0.35 } : { x: 'x', y1: 0, y2: 'value', z, fill: color, fillOpacity: 0.35 }));
    layers.push(Plot.lineY(marks, stacked ? Plot.stackY2({ x: 'x', y: 'value', z, stroke: color, strokeWidth: 1.5 }) : { x: 'x', y: 'value', z, stroke: color, strokeWidth: 1.5 }));
    x = { ...scale('x'), label: label('x') };
    y = { label: label('value'), grid: true };
  } else {
    // bars: a category (or a time bin) each, by color stacked or side by side; without color, the rest and SQL NULL in the muted color, apart from the values
    const sentinel = (m: Mark) => sentinelCategory(m.x);
    const apart = !has('color') && marks.some(sentinel);
    // colour groups of counts or sums stack; of averages (or min, max…) they stand side by side (chartGroups.ts)
    if (has('color') && !stacksByColor(spec)) {
      sideBySide = (slots) => groupedBars(marks, color, slots);
      measured = sideBySide(undefined);
      layers.push(...measured);
    } else layers.push(Plot.barY(marks, { x: 'x', y: 'value', z, fill: color, ...(apart ? { filter: (m: Mark) => !sentinel(m) } : {}) }));
    if (apart) layers.push(Plot.barY(marks, { x: 'x', y: 'value', fill: theme.muted, filter: sentinel }));
    layers.push(Plot.ruleY([0], { stroke: theme.muted }));
    x = bandAxis(marks, width, label('x'));
    y = { label: label('value'), grid: true };
    stackedCounts = label('value') === 'count';
  }
  // a few rows counted: whole ticks only (Plot's nice steps of 0.2 read as fractions of a row); a
  // line's axis starts at its lowest value and its series are not stacked, so it keeps Plot's
  const whole = stackedCounts ? countTicks(marks) : undefined;
  if (whole) y = { ...y, ticks: whole, tickFormat: ',d' };
  // one value on the axis: Plot formats its lone tick for a span of zero ("1,461.000000")
  else if (oneValue(marks)) y = { ...y, tickFormat: ',' };
  // bins of an integer column: whole ticks, as their edges are
  const xWhole = wholeTicks(marks, 'x1', 'x2', Math.round((width - MARGIN_LEFT - MARGIN_RIGHT) / PX_PER_X_TICK));
  if (xWhole) x = { ...x, ticks: xWhole, tickFormat: ',d' };
  const yWhole = has('y1') ? wholeTicks(marks, 'y1', 'y2', Math.round(height / 50)) : undefined;
  if (yWhole) y = { ...y, ticks: yWhole, tickFormat: ',d' };
  const options: Plot.PlotOptions = { ...common, marginRight: MARGIN_RIGHT, document, x, y, marks: layers };
  const drawn = Plot.plot(options);
  // Plot sizes no margin to its tick labels, so a wide one ("1,400,000") would be cut at the left
  // edge, and the last x label, centred on the frame's right end, at the right: drawn again with
  // room for them. The y ticks do not depend on the width, so they stay; the x ticks may move in.
  const room = yTickRoom(drawn);
  const marginLeft = Math.max(room, MARGIN_LEFT);
  const marginRight = MARGIN_RIGHT + xTickOverflow(drawn, width);
  if (sideBySide) {
    // the bands narrow as the left margin widens (a band scale is linear in its range), and the slots follow the legend's order
    const scale = drawn.scale('x');
    const [r0 = 0, r1 = 0] = (scale?.range ?? []) as number[];
    const bandwidth = (scale?.bandwidth ?? 0) * (r1 - r0 === 0 ? 1 : (r1 - marginLeft) / (r1 - r0));
    const slots = { bandwidth, legend: (drawn.scale('color')?.domain ?? []) as unknown[] };
    const rest = layers.filter((l) => !measured.includes(l));
    return withLegendLaidOut(Plot.plot({ ...options, marginLeft, marks: [...sideBySide(slots), ...rest] }));
  }
  return withLegendLaidOut(room > MARGIN_LEFT || marginRight > MARGIN_RIGHT ? Plot.plot({ ...options, marginLeft, marginRight }) : drawn);
}

/** Where the side-by-side bars stand: the bands' width in pixels, and the colour scale's domain (the legend's order). */
interface Slots {
  readonly bandwidth: number;
  readonly legend: readonly unknown[];
}

/** Bars of colour groups side by side within each band, one bar mark per group in its slot; without slots, each across its whole band (to measure). */
function groupedBars(marks: readonly Mark[], fill: Plot.ChannelValue, slots: Slots | undefined): Plot.Markish[] {
  const key = (m: Mark) => String(m.color);
  const order = groupOrder(marks.map(key), categoryText, slots?.legend ?? []);
  return order.map((group, i) => Plot.barY(marks.filter((m) => key(m) === group), { x: 'x', y: 'value', fill, ...groupInsets(i, slots ? order.length : 1, slots?.bandwidth ?? 0) }));
}

/**
 * A chart with a legend is a <figure> of the legend and the chart: without the figure's default
 * margin (40px a side), which scaled the chart down to fit (its text about 8px beside 11px on a chart
 * without a legend), and with the legend's text the chart's size (Plot writes it at 10px).
 */
function withLegendLaidOut(drawn: ReturnType<typeof Plot.plot>): ReturnType<typeof Plot.plot> {
  if (drawn.tagName.toLowerCase() !== 'figure') return drawn;
  // shared code has no DOM types: what this uses of the figure and its children
  type Styled = { readonly style: { margin: string; fontSize: string } };
  const figure = drawn as unknown as Styled & { readonly children: ArrayLike<Styled> };
  figure.style.margin = '0';
  const parts = Array.from(figure.children);
  for (const legend of parts.slice(0, -1)) legend.style.fontSize = `${FONT_PX}px`;
  return drawn;
}

/** The y ticks 0, 1, …, n of counts whose tallest bar (bars of one x stacked) is n ≤ 10; undefined past that, where Plot's steps are whole. */
export function countTicks(marks: readonly Mark[]): number[] | undefined {
  const stacks = new Map<unknown, number>();
  for (const m of marks) {
    const at = m.x1 ?? m.x;
    const key = at instanceof Date ? at.getTime() : at;
    stacks.set(key, (stacks.get(key) ?? 0) + Number(m.value));
  }
  const top = Math.max(0, ...stacks.values());
  return top <= 10 ? Array.from({ length: Math.ceil(top) + 1 }, (_, i) => i) : undefined;
}

/** Whether every mark has the same value (a line of one level, a single bar): an axis of zero span. */
function oneValue(marks: readonly Mark[]): boolean {
  const values = marks.map((m) => m.value).filter((v): v is number => typeof v === 'number');
  return values.length > 0 && values.every((v) => v === values[0]);
}

/** The left margin the widest y tick label drawn needs, estimated from its characters (0 without a y axis). */
function yTickRoom(drawn: ReturnType<typeof Plot.plot>): number {
  const widest = Math.max(0, ...[...drawn.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => (t.textContent ?? '').length));
  return widest === 0 ? 0 : Math.ceil(TICK_OFFSET + widest * CHAR_EM * FONT_PX + 2);
}

/**
 * How far the x tick labels drawn reach past the chart's right edge, estimated from their characters
 * (0 when none does). Only a number or time axis's: a band axis's labels are rotated to the left.
 */
function xTickOverflow(drawn: ReturnType<typeof Plot.plot>, width: number): number {
  let over = 0;
  for (const t of drawn.querySelectorAll('g[aria-label="x-axis tick label"] text')) {
    if (t.closest('[text-anchor="end"]') !== null || (t.getAttribute('transform') ?? '').includes('rotate')) continue;
    const at = Number(/translate\(([^,)]+)/.exec(t.getAttribute('transform') ?? '')?.[1]);
    if (Number.isFinite(at)) over = Math.max(over, at + ((t.textContent ?? '').length * CHAR_EM * FONT_PX) / 2 + 2 - width);
  }
  return Math.ceil(over);
}

/** A band axis over the marks' x in their order (chart data's: categoryOrder in chartSql.ts, the rest last); with many bands, every k-th label, so they stay readable. */
function bandAxis(marks: readonly Mark[], width: number, label: string | null): Plot.ScaleOptions {
  const domain = [...new Set(marks.map((m) => (m.x instanceof Date ? m.x.getTime() : m.x)))].map((v) => (typeof v === 'number' ? new Date(v) : v));
  const every = Math.max(1, Math.ceil(domain.length / Math.max(1, Math.floor(width / 28))));
  const text = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : categoryTick(d));
  return { type: 'band', domain, label, tickFormat: (d: unknown, i: number) => (i % every === 0 ? text(d) : ''), tickRotate: domain.length > 8 ? -40 : 0 };
}

/** A category's tick or legend label: its text (the rest and SQL NULL as categoryText writes them), cut to 14 characters. */
function categoryTick(d: unknown): string {
  const text = typeof d === 'string' ? categoryText(d) : String(d);
  return text.length > 14 ? `${text.slice(0, 13)}…` : text;
}

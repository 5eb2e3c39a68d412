import type * as Plot from '@observablehq/plot';
import type { CategoryBand } from './categoryBrush';

/** The plot's frame in its SVG's coordinates. */
export interface PlotFrame {
  readonly svg: SVGSVGElement;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A continuous scale of a drawn chart: pixels (in its SVG) to values and back. */
export interface ScaleAxis {
  toValue(px: number): number | Date;
  toPx(value: number | Date): number;
}

/** A band axis of categories: the category under a pixel, and every category's band. */
export interface BandAxis {
  /** The selectable categories in the order keys step over them: left to right along X, bottom to top along Y (Up is forward). */
  readonly categories: readonly string[];
  /** Every category's band, selectable or not: what a drag covers. */
  readonly bands: readonly CategoryBand[];
  categoryAt(px: number): string | undefined;
}

/** One axis a brush selects along: a number or time scale (a range), or bands of categories. */
export type AxisScale = ({ readonly kind: 'continuous' } & ScaleAxis) | ({ readonly kind: 'bands' } & BandAxis);

/** The axes a brush selects along on a drawn chart: its X and, when asked for (a scatter, a heatmap), its Y. */
export interface BrushAxes extends PlotFrame {
  readonly x: AxisScale;
  readonly y?: AxisScale | undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const BRUSH_CLASS = 'chart-brush-rect';

type PlotScale = NonNullable<ReturnType<Plot.Plot['scale']>>;

/** A scale of Plot's as a brush axis: a linear or time scale (one with an inverse) or bands; undefined for anything else (a band of dates). */
function axisScaleOf(scale: PlotScale | undefined, along: 'x' | 'y', unselectable: readonly string[]): AxisScale | undefined {
  if (!scale) return undefined;
  const [r0 = 0, r1 = 0] = (scale.range ?? []) as number[];
  if (scale.invert) {
    const invert = scale.invert.bind(scale);
    return { kind: 'continuous', toValue: (px) => invert(Math.max(Math.min(r0, r1), Math.min(Math.max(r0, r1), px))) as number | Date, toPx: (value) => Number(scale.apply(value)) };
  }
  if (scale.type !== 'band' || !scale.bandwidth) return undefined;
  const width = scale.bandwidth;
  const domain = ((scale.domain ?? []) as unknown[]).filter((d): d is string => typeof d === 'string');
  if (domain.length === 0) return undefined;
  const start = (d: string) => Number(scale.apply(d));
  const bands = domain.map((d) => ({ category: d, from: start(d), to: start(d) + width }));
  // keys step forward rightwards along X and upwards along Y
  const categories = bands
    .filter((b) => !unselectable.includes(b.category))
    .sort((p, q) => (along === 'x' ? p.from - q.from : q.from - p.from))
    .map((b) => b.category);
  return { kind: 'bands', categories, bands, categoryAt: (px) => categories.find((d) => start(d) <= px && px < start(d) + width) };
}

/**
 * The axes a brush can select along on a drawn chart: its x (a linear or time scale, or bands of
 * categories) and, with `withY`, its y the same way. Undefined when x is neither (a box plot's
 * bands are not asked for). `unselectable` categories (OTHER, NULL) are not offered to keys or clicks.
 */
export function brushAxesOf(drawn: Element & Partial<Pick<Plot.Plot, 'scale'>>, options: { readonly withY: boolean; readonly unselectable: readonly string[] }): BrushAxes | undefined {
  const svg = drawn instanceof SVGSVGElement ? drawn : [...drawn.querySelectorAll('svg')].at(-1);
  const xScale = drawn.scale?.('x');
  const yScale = drawn.scale?.('y');
  const x = axisScaleOf(xScale, 'x', options.unselectable);
  if (!svg || !x) return undefined;
  const [r0 = 0, r1 = 0] = (xScale?.range ?? []) as number[];
  const [y0 = 0, y1 = 0] = (yScale?.range ?? [0, Number(svg.getAttribute('height') ?? 0)]) as number[];
  return {
    svg,
    x,
    y: options.withY ? axisScaleOf(yScale, 'y', options.unselectable) : undefined,
    left: Math.min(r0, r1),
    right: Math.max(r0, r1),
    top: Math.min(y0, y1),
    bottom: Math.max(y0, y1),
  };
}

/**
 * The pointer's x in the SVG's own coordinates. Plot's SVG is scaled down to fit a narrower region
 * (its max-width is 100%), so a client pixel is not always one of the SVG's: the screen transform says.
 */
export function pointerX(axis: PlotFrame, clientX: number): number {
  const m = axis.svg.getScreenCTM();
  return m && m.a !== 0 ? (clientX - m.e) / m.a : clientX - axis.svg.getBoundingClientRect().left;
}
/** The pointer's y in the SVG's own coordinates. */
export function pointerY(axis: PlotFrame, clientY: number): number {
  const m = axis.svg.getScreenCTM();
  return m && m.d !== 0 ? (clientY - m.f) / m.d : clientY - axis.svg.getBoundingClientRect().top;
}

/**
 * Draws (or moves, or with neither span removes) the brush's rectangle over the plot, between two
 * x pixels and two y pixels; an axis without a span is covered whole. A chart brushed along X alone
 * (bars, a histogram) dims the bars outside it, as Mosaic and Vega do: a faint box alone hardly told
 * the chosen bar. Bars of categories get no box at all: over a band it spans the plot's height and
 * read as a bar of the axis's top value. The dimming is an attribute, so a file shows it as the window does.
 */
export function drawBrush(axis: PlotFrame & { readonly x?: AxisScale; readonly y?: unknown }, span: readonly [number, number] | undefined, ySpan?: readonly [number, number]): void {
  let rect = axis.svg.querySelector<SVGRectElement>(`rect.${BRUSH_CLASS}`);
  const alongX = axis.y === undefined;
  if (alongX) dimOutside(axis.svg, span);
  if ((!span && !ySpan) || (alongX && axis.x?.kind === 'bands')) {
    rect?.remove();
    return;
  }
  if (!rect) {
    rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('class', BRUSH_CLASS);
    axis.svg.append(rect);
  }
  const [a, b] = within(span ?? [axis.left, axis.right], axis.left, axis.right);
  const [c, d] = within(ySpan ?? [axis.top, axis.bottom], axis.top, axis.bottom);
  rect.setAttribute('x', String(a));
  rect.setAttribute('width', String(Math.max(1, b - a)));
  rect.setAttribute('y', String(c));
  rect.setAttribute('height', String(Math.max(1, d - c)));
}

/** How much of its fill a bar outside the selection keeps. */
export const DIMMED_OPACITY = 0.3;

/** Dims each bar (a bar mark's, a histogram's rect) whose middle lies outside `span`; without a span, none. */
function dimOutside(svg: SVGSVGElement, span: readonly [number, number] | undefined): void {
  const [lo, hi] = span ? [Math.min(...span), Math.max(...span)] : [-Infinity, Infinity];
  for (const bar of svg.querySelectorAll<SVGRectElement>('g[aria-label="bar"] > rect, g[aria-label="rect"] > rect')) {
    const middle = Number(bar.getAttribute('x')) + Number(bar.getAttribute('width')) / 2;
    if (span && !(middle >= lo && middle <= hi)) bar.setAttribute('fill-opacity', String(DIMMED_OPACITY));
    else bar.removeAttribute('fill-opacity');
  }
}

/** Two pixels in order, inside [min, max]. */
function within(span: readonly [number, number], min: number, max: number): [number, number] {
  return [Math.max(min, Math.min(span[0], span[1])), Math.min(max, Math.max(span[0], span[1]))];
}

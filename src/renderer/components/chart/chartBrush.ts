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

/** A continuous x axis of a drawn chart and, when its y is continuous too (a scatter, a heatmap), that y. */
export interface BrushAxis extends PlotFrame, ScaleAxis {
  readonly y?: ScaleAxis | undefined;
}

/** A band x axis of categories (bars): the category under a pixel, and every bar's band. */
export interface BandAxis extends PlotFrame {
  /** The selectable categories, in the axis's order (what the arrow keys step over). */
  readonly categories: readonly string[];
  /** Every bar's band, selectable or not, in the axis's order: what a drag covers. */
  readonly bands: readonly CategoryBand[];
  categoryAt(px: number): string | undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const BRUSH_CLASS = 'chart-brush-rect';

/** The x axis a brush can select on: a linear or time scale (bands have no inverse); undefined otherwise. Its y, when continuous, comes with it. */
export function brushAxisOf(drawn: Element & Partial<Pick<Plot.Plot, 'scale'>>): BrushAxis | undefined {
  const x = drawn.scale?.('x');
  const y = drawn.scale?.('y');
  const svg = drawn instanceof SVGSVGElement ? drawn : [...drawn.querySelectorAll('svg')].at(-1);
  if (!x?.invert || !svg) return undefined;
  const invert = x.invert.bind(x);
  const [r0 = 0, r1 = 0] = (x.range ?? []) as number[];
  const [y0 = 0, y1 = 0] = ((y?.range ?? [0, Number(svg.getAttribute('height') ?? 0)]) as number[]);
  const invertY = y?.invert?.bind(y);
  return {
    svg,
    toValue: (px) => invert(Math.max(Math.min(r0, r1), Math.min(Math.max(r0, r1), px))) as number | Date,
    toPx: (value) => Number(x.apply(value)),
    y: y && invertY ? { toValue: (px) => invertY(Math.max(Math.min(y0, y1), Math.min(Math.max(y0, y1), px))) as number | Date, toPx: (value) => Number(y.apply(value)) } : undefined,
    left: Math.min(r0, r1),
    right: Math.max(r0, r1),
    top: Math.min(y0, y1),
    bottom: Math.max(y0, y1),
  };
}

/**
 * The band axis of bars of categories; undefined for other charts. OTHER and NULL are not
 * categories one can select by value, so they are not offered.
 */
export function bandAxisOf(drawn: Element & Partial<Pick<Plot.Plot, 'scale'>>, unselectable: readonly string[]): BandAxis | undefined {
  const x = drawn.scale?.('x');
  const y = drawn.scale?.('y');
  const svg = drawn instanceof SVGSVGElement ? drawn : [...drawn.querySelectorAll('svg')].at(-1);
  if (!x || x.type !== 'band' || !svg || !x.bandwidth) return undefined;
  const width = x.bandwidth;
  const all = ((x.domain ?? []) as unknown[]).filter((d): d is string => typeof d === 'string');
  const domain = all.filter((d) => !unselectable.includes(d));
  const [r0 = 0, r1 = 0] = (x.range ?? []) as number[];
  const [y0 = 0, y1 = 0] = (y?.range ?? [0, 0]) as number[];
  const start = (d: string) => Number(x.apply(d));
  return {
    svg,
    left: Math.min(r0, r1),
    right: Math.max(r0, r1),
    top: Math.min(y0, y1),
    bottom: Math.max(y0, y1),
    categories: domain,
    bands: all.map((d) => ({ category: d, from: start(d), to: start(d) + width })),
    categoryAt: (px) => domain.find((d) => start(d) <= px && px < start(d) + width),
  };
}

/** The pointer's x in the SVG's own coordinates (Plot draws at 1:1). */
export const pointerX = (axis: PlotFrame, clientX: number): number => clientX - axis.svg.getBoundingClientRect().left;
/** The pointer's y in the SVG's own coordinates. */
export const pointerY = (axis: PlotFrame, clientY: number): number => clientY - axis.svg.getBoundingClientRect().top;

/**
 * Draws (or moves, or with neither span removes) the brush's rectangle over the plot, between two
 * x pixels and two y pixels; an axis without a span is covered whole.
 */
export function drawBrush(axis: PlotFrame, span: readonly [number, number] | undefined, ySpan?: readonly [number, number]): void {
  let rect = axis.svg.querySelector<SVGRectElement>(`rect.${BRUSH_CLASS}`);
  if (!span && !ySpan) {
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

/** Two pixels in order, inside [min, max]. */
function within(span: readonly [number, number], min: number, max: number): [number, number] {
  return [Math.max(min, Math.min(span[0], span[1])), Math.min(max, Math.max(span[0], span[1]))];
}

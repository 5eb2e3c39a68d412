import type * as Plot from '@observablehq/plot';

/** The plot's frame in its SVG's coordinates. */
export interface PlotFrame {
  readonly svg: SVGSVGElement;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A continuous x axis of a drawn chart: pixels (in its SVG) to values and back. */
export interface BrushAxis extends PlotFrame {
  toValue(px: number): number | Date;
  toPx(value: number | Date): number;
}

/** A band x axis of categories (bars): the category under a pixel, and a category's band. */
export interface BandAxis extends PlotFrame {
  /** The selectable categories, in the axis's order (what the arrow keys step over). */
  readonly categories: readonly string[];
  categoryAt(px: number): string | undefined;
  bandOf(category: string): readonly [number, number] | undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const BRUSH_CLASS = 'chart-brush-rect';

/** The x axis a brush can select on: a linear or time scale (bands have no inverse); undefined otherwise. */
export function brushAxisOf(drawn: Element & Partial<Pick<Plot.Plot, 'scale'>>): BrushAxis | undefined {
  const x = drawn.scale?.('x');
  const y = drawn.scale?.('y');
  const svg = drawn instanceof SVGSVGElement ? drawn : [...drawn.querySelectorAll('svg')].at(-1);
  if (!x?.invert || !svg) return undefined;
  const invert = x.invert.bind(x);
  const [r0 = 0, r1 = 0] = (x.range ?? []) as number[];
  const [y0 = 0, y1 = 0] = ((y?.range ?? [0, Number(svg.getAttribute('height') ?? 0)]) as number[]);
  return {
    svg,
    toValue: (px) => invert(Math.max(Math.min(r0, r1), Math.min(Math.max(r0, r1), px))) as number | Date,
    toPx: (value) => Number(x.apply(value)),
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
  const domain = ((x.domain ?? []) as unknown[]).filter((d): d is string => typeof d === 'string' && !unselectable.includes(d));
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
    categoryAt: (px) => domain.find((d) => start(d) <= px && px < start(d) + width),
    bandOf: (d) => (domain.includes(d) ? [start(d), start(d) + width] : undefined),
  };
}

/** The pointer's x in the SVG's own coordinates (Plot draws at 1:1). */
export const pointerX = (axis: PlotFrame, clientX: number): number => clientX - axis.svg.getBoundingClientRect().left;

/** Draws (or moves, or with `span` undefined removes) the brush's rectangle over the plot, between two pixels. */
export function drawBrush(axis: PlotFrame, span: readonly [number, number] | undefined): void {
  let rect = axis.svg.querySelector<SVGRectElement>(`rect.${BRUSH_CLASS}`);
  if (!span) {
    rect?.remove();
    return;
  }
  if (!rect) {
    rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('class', BRUSH_CLASS);
    axis.svg.append(rect);
  }
  const a = Math.max(axis.left, Math.min(span[0], span[1]));
  const b = Math.min(axis.right, Math.max(span[0], span[1]));
  rect.setAttribute('x', String(a));
  rect.setAttribute('width', String(Math.max(1, b - a)));
  rect.setAttribute('y', String(axis.top));
  rect.setAttribute('height', String(Math.max(1, axis.bottom - axis.top)));
}

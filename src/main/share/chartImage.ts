import { parseHTML } from 'linkedom';
import type { ChartData } from '../../shared/chart/chartData';
import { standaloneChart, svgMaker, type SvgNode } from '../../shared/chart/chartLegend';
import { drawChart, hasColorLegend, LIGHT_CHART_THEME, type ChartDocument } from '../../shared/chart/drawChart';

/** A notebook chart's size in pixels: about the window's, fixed, so every viewer shows the same picture. */
export const CHART_IMAGE_WIDTH = 720;
export const CHART_IMAGE_HEIGHT = 320;

/**
 * A chart as one standalone SVG file, drawn by the window's own drawing (shared/chart/drawChart)
 * into a server-side document: explicit width and height, the light theme's colors and a white
 * background, since a file has no CSS variables. Plot's legend needs a canvas (a ramp) or HTML
 * (swatches), neither of which an SVG image holds, so the legend is drawn in SVG from the chart's
 * own color scale by shared/chart/chartLegend, as the window's PNG/SVG export draws it.
 */
export function chartSvg(data: ChartData): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const theme = LIGHT_CHART_THEME;
  const plot = drawChart(data, { document: document as unknown as ChartDocument, theme, width: CHART_IMAGE_WIDTH, height: CHART_IMAGE_HEIGHT, legend: false });
  const scale = hasColorLegend(data) ? plot.scale('color') : undefined;
  const { root } = standaloneChart({ chart: plot as unknown as SvgNode, scale, width: CHART_IMAGE_WIDTH, height: CHART_IMAGE_HEIGHT, theme }, svgMaker(document));
  // linkedom's elements serialize themselves
  return (root as unknown as { readonly outerHTML: string }).outerHTML;
}

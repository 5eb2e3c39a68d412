import { standaloneChart, svgMaker, type LegendScale, type SvgNode } from '../../../shared/chart/chartLegend';
import type { ChartTheme } from '../../../shared/chart/drawChart';

/** A chart as a file: its SVG text and its size in pixels. */
export interface ChartFile {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly background: string;
}

/**
 * A standalone copy of a drawn chart: its theme's colors inlined (CSS variables do not reach a file)
 * and, when its colors mean something, its legend drawn in SVG above it by the notebook's own
 * drawing (shared/chart/chartLegend), since the window's legend is HTML or a canvas beside the SVG.
 */
export function chartFile(svg: SVGSVGElement, scale: LegendScale | undefined, theme: Pick<ChartTheme, 'fg' | 'bg'>): ChartFile {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineClassStyles(svg, copy);
  // Plot's attributes are its drawn size; the box, should the SVG be scaled to its region
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.round(box.width);
  const height = Number(svg.getAttribute('height')) || Math.round(box.height);
  const { root, ...size } = standaloneChart({ chart: copy as unknown as SvgNode, scale, width, height, theme }, svgMaker(document));
  return { svg: new XMLSerializer().serializeToString(root as unknown as Node), ...size, background: theme.bg };
}

/** The paint a stylesheet may give an SVG element: what an element styled by a class needs written on it in a file. */
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'opacity'] as const;

/**
 * Writes the look the window's stylesheet gives an element by its class (the brush's rectangle:
 * `.chart-brush-rect` in styles/chart-pivot.css) onto its copy, as it is on screen. A file has no stylesheet:
 * the rectangle inherited the root's `fill: currentColor`, an opaque near-black block over the
 * selected bins. Plot's own classes (`plot-…`) are styled by the <style> Plot puts in the SVG, which
 * the copy keeps. The copy is a clone, so its elements come in the same order as the original's.
 */
export function inlineClassStyles(original: SVGSVGElement, copy: SVGSVGElement): void {
  const ours = (el: Element) => [...el.classList].some((c) => !c.startsWith('plot-'));
  const originals = [...original.querySelectorAll('[class]')];
  const copies = [...copy.querySelectorAll('[class]')];
  originals.forEach((el, i) => {
    const target = copies[i];
    if (!target || !ours(el)) return;
    const style = getComputedStyle(el);
    for (const name of PAINT) target.setAttribute(name, style.getPropertyValue(name));
  });
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportSvg(file: ChartFile, fileName: string): void {
  download(new Blob([file.svg], { type: 'image/svg+xml' }), fileName);
}

/** Rasterizes the chart at twice its size; the SVG goes through a data: URL, which the CSP's img-src allows. */
export async function exportPng(file: ChartFile, fileName: string): Promise<void> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(file.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(file.width * 2);
  canvas.height = Math.round(file.height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw a PNG.');
  context.fillStyle = file.background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The PNG could not be made.');
  download(blob, fileName);
}

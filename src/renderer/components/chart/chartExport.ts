/** A standalone copy of a drawn chart: its theme's colors inlined (CSS variables do not reach a file). */
function standalone(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('style', `${copy.getAttribute('style') ?? ''};color:${getComputedStyle(svg).color};background:${background}`);
  return new XMLSerializer().serializeToString(copy);
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

export function exportSvg(svg: SVGSVGElement, background: string, fileName: string): void {
  download(new Blob([standalone(svg, background)], { type: 'image/svg+xml' }), fileName);
}

/** Rasterizes the chart at twice its size; the SVG goes through a data: URL, which the CSP's img-src allows. */
export async function exportPng(svg: SVGSVGElement, background: string, fileName: string): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(standalone(svg, background))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw a PNG.');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The PNG could not be made.');
  download(blob, fileName);
}

/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox lower): 3 million rows of 24 px
 * do not fit. Past MAX_SCROLL_PX the scrollable height is compressed and the scroll position is
 * mapped linearly onto the real ("virtual") offset, so the scrollbar still spans every row and both
 * ends line up exactly: scrolled to the bottom shows the last row.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface ScrollScale {
  /** Height of the scrollable content, in pixels the browser lays out. */
  readonly physicalSize: number;
  /** Whether the height is compressed; if not, both mappings are the identity. */
  readonly compressed: boolean;
  toVirtual(scrollTop: number): number;
  toPhysical(virtualOffset: number): number;
}

export function scrollScale(virtualSize: number, viewport: number, maxPhysical = MAX_SCROLL_PX): ScrollScale {
  if (virtualSize <= maxPhysical || virtualSize <= viewport) {
    return { physicalSize: virtualSize, compressed: false, toVirtual: (p) => p, toPhysical: (v) => v };
  }
  const physicalRange = Math.max(1, maxPhysical - viewport);
  const virtualRange = virtualSize - viewport;
  const ratio = virtualRange / physicalRange;
  return {
    physicalSize: maxPhysical,
    compressed: true,
    toVirtual: (p) => Math.min(virtualRange, Math.max(0, p * ratio)),
    toPhysical: (v) => Math.min(physicalRange, Math.max(0, v / ratio)),
  };
}

/**
 * Where a row at a virtual offset sits in the (possibly compressed) scrollable area. `scrollTop` is
 * read only when the height is compressed: the grid asks during a render, where reading the scroll
 * position forces a style and layout pass of a DOM React has just changed (on every tab switch).
 */
export function physicalRowTop(scale: ScrollScale, virtualStart: number, scrollTop: () => number): number {
  if (!scale.compressed) return virtualStart;
  const top = scrollTop();
  return top + virtualStart - scale.toVirtual(top);
}

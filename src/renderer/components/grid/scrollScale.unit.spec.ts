import { describe, expect, it, vi } from 'vitest';
import { MAX_SCROLL_PX, physicalRowTop, scrollScale } from './scrollScale';

describe('scroll scale for very tall results', () => {
  it('is the identity while the content fits the browser limit', () => {
    const s = scrollScale(406 * 24, 600);
    expect(s.physicalSize).toBe(406 * 24);
    expect(s.toVirtual(1234)).toBe(1234);
  });
  it('compresses 3 million rows so the bottom of the scrollbar is the last row', () => {
    const rowHeight = 24;
    const viewport = 600;
    const s = scrollScale(3_000_000 * rowHeight, viewport);
    expect(s.physicalSize).toBe(MAX_SCROLL_PX);
    const bottom = s.physicalSize - viewport;
    const top = s.toVirtual(bottom);
    expect(Math.floor((top + viewport) / rowHeight)).toBe(3_000_000); // the last row ends at the viewport's bottom
    expect(s.toVirtual(0)).toBe(0);
  });
  it('maps there and back', () => {
    const s = scrollScale(72_000_000, 500);
    for (const v of [0, 1, 24 * 1_500_000, 72_000_000 - 500]) expect(s.toVirtual(s.toPhysical(v))).toBeCloseTo(v, 3);
  });
  it('places rows without reading the scroll position unless the height is compressed', () => {
    // The grid places its rows during a render, where reading scrollTop forces a layout (several per tab switch).
    const scrollTop = vi.fn(() => 4800);
    expect(physicalRowTop(scrollScale(406 * 24, 600), 240, scrollTop)).toBe(240);
    expect(scrollTop).not.toHaveBeenCalled();
    const s = scrollScale(3_000_000 * 24, 600);
    expect(physicalRowTop(s, s.toVirtual(4800) + 24, scrollTop)).toBeCloseTo(4800 + 24, 6);
    expect(scrollTop).toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, scrollScale } from './scrollScale';

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
});

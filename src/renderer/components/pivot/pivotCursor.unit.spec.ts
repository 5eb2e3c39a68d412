import { describe, expect, it } from 'vitest';
import { pageRowsOf, PIVOT_ROW_HEIGHT, scrollShowing } from './pivotCursor';

// a 300 × 200 scroller under a 30 px header: rows 0…6 fit whole at the top (170 px of room)
const view = { top: 0, left: 0, width: 300, height: 200 };
const HEADER = 30;

describe('scrollShowing', () => {
  it('leaves the scroll alone when the cell is in sight', () => {
    expect(scrollShowing(view, HEADER, 6, 100, 200)).toEqual({ top: 0, left: 0 });
  });

  it('scrolls down just enough that a row below the room ends at its bottom, under the sticky header', () => {
    // row 7 ends at 192; the room is 170 tall
    expect(scrollShowing(view, HEADER, 7, 0, 100)).toEqual({ top: 8 * PIVOT_ROW_HEIGHT - 170, left: 0 });
  });

  it('scrolls up to a row above the room, so it sits right under the header', () => {
    expect(scrollShowing({ ...view, top: 500 }, HEADER, 3, 0, 100)).toEqual({ top: 3 * PIVOT_ROW_HEIGHT, left: 0 });
  });

  it('scrolls sideways to a column past either edge, its start first when it is wider than the room', () => {
    expect(scrollShowing(view, HEADER, 0, 350, 450)).toEqual({ top: 0, left: 150 });
    expect(scrollShowing({ ...view, left: 400 }, HEADER, 0, 150, 250)).toEqual({ top: 0, left: 150 });
    expect(scrollShowing(view, HEADER, 0, 350, 900)).toEqual({ top: 0, left: 350 });
  });
});

describe('pageRowsOf', () => {
  it('moves a screenful less one, and at least one row', () => {
    expect(pageRowsOf(200, HEADER)).toBe(6);
    expect(pageRowsOf(40, HEADER)).toBe(1);
  });
});

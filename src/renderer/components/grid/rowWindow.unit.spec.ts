import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT } from './gridGeometry';
import { NO_ROWS, rowStart, rowWindow, sameWindow } from './rowWindow';

const HEADER = 40;

describe('the rows a grid renders, from its scroll offset', () => {
  it('given the top of a result, when shown, then the rows on screen and the overscan below', () => {
    // 600 px less the 40 px header: rows 0…23 (the 24th, row 23, partly)
    expect(rowWindow(0, 600, HEADER, 1000, 12)).toEqual({ first: 0, last: 23 + 12 });
  });

  it('given a scroll to the middle, when shown, then the row under the header first, overscan both sides', () => {
    const offset = HEADER + 500 * ROW_HEIGHT + 10; // row 500 partly scrolled past
    const shown = rowWindow(offset, 600, HEADER, 1000, 12);
    expect(shown.first).toBe(500 - 12);
    // the viewport's bottom edge at offset + 600: (offset + 600 - 40) / 24 = 525.4, row 525 partly
    expect(shown.last).toBe(525 + 12);
  });

  it('given the end of a result, when shown, then the last row and no row past it', () => {
    const rows = 1000;
    const bottom = HEADER + rows * ROW_HEIGHT - 600; // row 975 at the top (under the sticky header)
    expect(rowWindow(bottom, 600, HEADER, rows, 12)).toEqual({ first: 975 - 12, last: rows - 1 });
  });

  it('given 10 million rows, when shown anywhere, then as many rows as for a thousand, at once', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const shown = rowWindow(i * 24_000_000, 800, HEADER, 10_000_000, 12);
      expect(shown.last - shown.first).toBeLessThanOrEqual(Math.ceil(800 / ROW_HEIGHT) + 24);
    }
    expect(performance.now() - started).toBeLessThan(200);
    expect(rowWindow(HEADER + 9_999_990 * ROW_HEIGHT, 800, HEADER, 10_000_000, 0)).toEqual({ first: 9_999_990, last: 9_999_999 });
  });

  it('given no rows or no viewport, when shown, then none', () => {
    expect(rowWindow(0, 600, HEADER, 0)).toEqual(NO_ROWS);
    expect(rowWindow(0, 0, HEADER, 10)).toEqual(NO_ROWS);
  });

  it('given rows that stop short of the viewport, when shown, then all of them', () => {
    expect(rowWindow(0, 600, HEADER, 5, 12)).toEqual({ first: 0, last: 4 });
  });

  it('given a taller header (the filter row shown), when shown, then rows start below it', () => {
    expect(rowStart(0, 70)).toBe(70);
    expect(rowStart(3, 70)).toBe(70 + 3 * ROW_HEIGHT);
    expect(rowWindow(70 + 100 * ROW_HEIGHT, 600, 70, 1000, 0).first).toBe(100);
  });

  it('given an offset past the end (a result that shrank), when shown, then the last rows, not an empty window', () => {
    const shown = rowWindow(1_000_000, 600, HEADER, 10, 2);
    expect(shown).toEqual({ first: 7, last: 9 });
    expect(sameWindow(shown, { first: 7, last: 9 })).toBe(true);
    expect(sameWindow(shown, { first: 7, last: 8 })).toBe(false);
  });
});

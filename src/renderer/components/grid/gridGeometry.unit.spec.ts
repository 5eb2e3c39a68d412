import { describe, expect, it } from 'vitest';
import { GUTTER_WIDTH, scrollLeftShowing } from './gridGeometry';

describe('scrolling sideways to show a column right of the row numbers', () => {
  const room = 400;
  it('given the column in sight, then nothing moves', () => {
    expect(scrollLeftShowing(100, room, GUTTER_WIDTH + 150, GUTTER_WIDTH + 250)).toBe(100);
  });

  it('given a column left of the view (or under the row numbers), then its start comes to the row numbers', () => {
    expect(scrollLeftShowing(300, room, GUTTER_WIDTH + 200, GUTTER_WIDTH + 320)).toBe(200);
  });

  it('given a column past the right edge, then the view moves just enough to show its end', () => {
    expect(scrollLeftShowing(0, room, GUTTER_WIDTH + 300, GUTTER_WIDTH + 420)).toBe(GUTTER_WIDTH + 420 - room);
  });

  it('given a column wider than the room, then its start is shown, not its end', () => {
    expect(scrollLeftShowing(0, room, GUTTER_WIDTH + 300, GUTTER_WIDTH + 1000)).toBe(300);
  });
});

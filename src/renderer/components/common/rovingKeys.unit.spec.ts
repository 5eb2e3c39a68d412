import { describe, expect, it } from 'vitest';
import { rovingTarget, rowsPerPage } from './rovingKeys';

const history = { page: 5, cols: 3, across: true };
const timeline = { page: 5, cols: 1, across: false };

describe('roving list keys', () => {
  it('given an entry, when Up or Down is pressed, then focus steps a row keeping its button, without wrapping', () => {
    expect(rovingTarget('ArrowDown', { row: 2, col: 1 }, 10, history)).toEqual({ row: 3, col: 1 });
    expect(rovingTarget('ArrowUp', { row: 2, col: 1 }, 10, history)).toEqual({ row: 1, col: 1 });
    expect(rovingTarget('ArrowDown', { row: 9, col: 0 }, 10, history)).toEqual({ row: 9, col: 0 });
    expect(rovingTarget('ArrowUp', { row: 0, col: 2 }, 10, history)).toEqual({ row: 0, col: 2 });
  });

  it('given an entry, when Home, End, PageUp or PageDown is pressed, then focus jumps to the first, the last, or a page away, stopping at the ends', () => {
    expect(rovingTarget('Home', { row: 7, col: 0 }, 10, history)).toEqual({ row: 0, col: 0 });
    expect(rovingTarget('End', { row: 2, col: 1 }, 10, history)).toEqual({ row: 9, col: 1 });
    expect(rovingTarget('PageDown', { row: 2, col: 0 }, 10, history)).toEqual({ row: 7, col: 0 });
    expect(rovingTarget('PageDown', { row: 7, col: 0 }, 10, history)).toEqual({ row: 9, col: 0 });
    expect(rovingTarget('PageUp', { row: 7, col: 0 }, 10, history)).toEqual({ row: 2, col: 0 });
    expect(rovingTarget('PageUp', { row: 3, col: 0 }, 10, history)).toEqual({ row: 0, col: 0 });
    // a page of no rows measured yet still moves
    expect(rovingTarget('PageDown', { row: 0, col: 0 }, 10, { ...history, page: 0 })).toEqual({ row: 1, col: 0 });
  });

  it('given an entry of several buttons, when Right or Left is pressed, then focus steps between them, stopping at its first and last', () => {
    expect(rovingTarget('ArrowRight', { row: 4, col: 0 }, 10, history)).toEqual({ row: 4, col: 1 });
    expect(rovingTarget('ArrowRight', { row: 4, col: 2 }, 10, history)).toEqual({ row: 4, col: 2 });
    expect(rovingTarget('ArrowLeft', { row: 4, col: 1 }, 10, history)).toEqual({ row: 4, col: 0 });
    expect(rovingTarget('ArrowLeft', { row: 4, col: 0 }, 10, history)).toEqual({ row: 4, col: 0 });
  });

  it('given a list without buttons side by side (the Timeline), then Left and Right are not its keys', () => {
    expect(rovingTarget('ArrowRight', { row: 4, col: 0 }, 10, timeline)).toBeUndefined();
    expect(rovingTarget('ArrowLeft', { row: 4, col: 0 }, 10, timeline)).toBeUndefined();
  });

  it('given focus outside the rows (the panel header), when Down or Up is pressed, then focus goes to the first row', () => {
    expect(rovingTarget('ArrowDown', { row: -1, col: 0 }, 10, timeline)).toEqual({ row: 0, col: 0 });
    expect(rovingTarget('ArrowUp', { row: -1, col: 0 }, 10, timeline)).toEqual({ row: 0, col: 0 });
    expect(rovingTarget('ArrowRight', { row: -1, col: 0 }, 10, history)).toBeUndefined();
  });

  it('given other keys or an empty list, then the list leaves them alone', () => {
    for (const key of ['Enter', ' ', 'Tab', 'Escape', 'a']) expect(rovingTarget(key, { row: 1, col: 0 }, 10, history)).toBeUndefined();
    expect(rovingTarget('ArrowDown', { row: -1, col: 0 }, 0, history)).toBeUndefined();
  });
});

describe('rows per page', () => {
  it('given rows of 40 px in a scroller of 200 px, then a page is the rows wholly in view less one', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ start: i * 40, end: i * 40 + 40 }));
    expect(rowsPerPage(rows, 0, 200)).toBe(4);
    expect(rowsPerPage(rows, 20, 200)).toBe(3); // two rows cut at the edges
  });

  it('given nothing measured yet, then a page is one row', () => {
    expect(rowsPerPage([], 0, 0)).toBe(1);
  });
});

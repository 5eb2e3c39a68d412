import { describe, expect, it } from 'vitest';
import { headerMove, spotOf, type GridSpot } from './headerKeys';

const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; alt?: boolean } = {}) => ({ key: k, shiftKey: mods.shift ?? false, ctrlKey: mods.ctrl ?? false, metaKey: false, altKey: mods.alt ?? false });
const live = { columns: 16, sortable: true, filters: false };
const filtered = { ...live, filters: true };
const cell = (col: number): GridSpot => ({ kind: 'cell', col });
const sort = (col: number): GridSpot => ({ kind: 'sort', col });
const filter = (col: number): GridSpot => ({ kind: 'filter', col });

describe('arrows between the grid’s rows and its header (one Tab stop, roving focus)', () => {
  it('given the first row, when ↑, then the header of the active column: its filter box when shown, else its sort button', () => {
    expect(headerMove(key('ArrowUp'), cell(3), 0, live)).toEqual(sort(3));
    expect(headerMove(key('ArrowUp'), cell(3), 0, filtered)).toEqual(filter(3));
  });

  it('given another row, or Shift/Ctrl, when ↑, then the grid’s own move (no header)', () => {
    expect(headerMove(key('ArrowUp'), cell(3), 1, live)).toBeUndefined();
    expect(headerMove(key('ArrowUp', { shift: true }), cell(3), 0, live)).toBeUndefined();
    expect(headerMove(key('ArrowUp', { ctrl: true }), cell(3), 0, live)).toBeUndefined();
    expect(headerMove(key('ArrowDown'), cell(3), 0, live)).toBeUndefined();
  });

  it('given a grid with no header controls (running, or the past view unfiltered), when ↑ on the first row, then nothing', () => {
    expect(headerMove(key('ArrowUp'), cell(0), 0, { columns: 4, sortable: false, filters: false })).toBeUndefined();
    // the past view's read-only boxes, when it filters, are reached
    expect(headerMove(key('ArrowUp'), cell(0), 0, { columns: 4, sortable: false, filters: true })).toEqual(filter(0));
    expect(headerMove(key('ArrowUp'), filter(0), 0, { columns: 4, sortable: false, filters: true })).toBeUndefined();
  });

  it('given a filter box, when ↑ or ↓, then its sort button or its column’s first row; ←/→, Home/End stay the caret’s', () => {
    expect(headerMove(key('ArrowUp'), filter(5), 0, filtered)).toEqual(sort(5));
    expect(headerMove(key('ArrowDown'), filter(5), 0, filtered)).toEqual(cell(5));
    for (const k of ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'a', 'Enter']) expect(headerMove(key(k), filter(5), 0, filtered)).toBeUndefined();
    expect(headerMove(key('ArrowDown', { shift: true }), filter(5), 0, filtered)).toBeUndefined();
  });

  it('given a sort button, when ←/→, Home/End or Ctrl+←/→, then along the header, kept inside it', () => {
    expect(headerMove(key('ArrowRight'), sort(5), 0, live)).toEqual(sort(6));
    expect(headerMove(key('ArrowLeft'), sort(5), 0, live)).toEqual(sort(4));
    expect(headerMove(key('ArrowLeft'), sort(0), 0, live)).toEqual(sort(0));
    expect(headerMove(key('ArrowRight'), sort(15), 0, live)).toEqual(sort(15));
    expect(headerMove(key('Home'), sort(5), 0, live)).toEqual(sort(0));
    expect(headerMove(key('End'), sort(5), 0, live)).toEqual(sort(15));
    expect(headerMove(key('ArrowRight', { ctrl: true }), sort(5), 0, live)).toEqual(sort(15));
    expect(headerMove(key('ArrowLeft', { ctrl: true }), sort(5), 0, live)).toEqual(sort(0));
  });

  it('given a sort button, when ↓, then its filter box when shown, else its column’s first row; ↑, Enter and Shift+arrows are not moves', () => {
    expect(headerMove(key('ArrowDown'), sort(2), 0, filtered)).toEqual(filter(2));
    expect(headerMove(key('ArrowDown'), sort(2), 0, live)).toEqual(cell(2));
    for (const k of ['ArrowUp', 'Enter', ' ']) expect(headerMove(key(k), sort(2), 0, live)).toBeUndefined();
    expect(headerMove(key('ArrowRight', { shift: true }), sort(2), 0, live)).toBeUndefined();
    expect(headerMove(key('ArrowRight', { alt: true }), sort(2), 0, live)).toBeUndefined();
  });

  it('reads the control a key was pressed on from its data attributes', () => {
    expect(spotOf({ dataset: { gridControl: 'sort', col: '7' } })).toEqual(sort(7));
    expect(spotOf({ dataset: { gridControl: 'filter', col: '0' } })).toEqual(filter(0));
    expect(spotOf({ dataset: {} })).toBeUndefined();
  });
});

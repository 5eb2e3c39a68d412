import { describe, expect, it } from 'vitest';
import { chosenWidth, clampWidth, keyStep, MIN_WORKSPACE, rememberWidth, room, storedWidths } from './paneWidths';

const memoryStore = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

describe('the widths a person drags the panes and the grid to, remembered in this browser', () => {
  it('given nothing remembered, then every width is the layout’s default', () => {
    expect(storedWidths(memoryStore())).toEqual({});
  });

  it('given widths chosen, when the app starts again, then they are read back; forgotten, the default again', () => {
    const store = memoryStore();
    rememberWidth('datasets', 320, store);
    rememberWidth('grid', 0.65, store);
    expect(storedWidths(store)).toEqual({ datasets: 320, grid: 0.65 });
    rememberWidth('datasets', undefined, store);
    expect(storedWidths(store)).toEqual({ grid: 0.65 });
  });

  it('given a width edited by hand out of range or unreadable, then it is held within bounds or ignored', () => {
    const store = memoryStore();
    store.m.set('sextant.width.datasets', '9000');
    store.m.set('sextant.width.history', 'wide');
    store.m.set('sextant.width.grid', '-1');
    expect(storedWidths(store)).toEqual({ datasets: 560, grid: 0.2 });
  });

  it('given storage that refuses, then the defaults hold and remembering does not throw', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(storedWidths(refusing)).toEqual({});
    expect(() => rememberWidth('history', 300, refusing)).not.toThrow();
  });

  it('a drag past either end stops there', () => {
    expect(clampWidth('history', 10)).toBe(160);
    expect(clampWidth('history', 300)).toBe(300);
    expect(clampWidth('grid', 0.95)).toBe(0.8);
  });

  it('given a window, then a pane keeps at most 35% of it, and never so much that the workspace between the panes drops under its minimum', () => {
    expect(room('datasets', { window: 1600, otherPane: 280, row: 0, panels: 0, current: 200 })).toEqual({ min: 160, max: 560 });
    expect(room('datasets', { window: 1280, otherPane: 280, row: 0, panels: 0, current: 200 })).toEqual({ min: 160, max: 1280 - 280 - MIN_WORKSPACE });
    // both widened at 1280: the second gets what the first left, and no less than its least
    expect(room('history', { window: 1280, otherPane: 300, row: 0, panels: 0, current: 200 }).max).toBe(280);
    // a window already too narrow: no wider than it is (an arrow to widen it must not narrow it)
    expect(room('history', { window: 900, otherPane: 200, row: 0, panels: 0, current: 190 })).toEqual({ min: 160, max: 190 });
  });

  it('given a row, then the grid keeps 360 px and leaves a panel 300; a choice is kept as its share of the row', () => {
    expect(room('grid', { window: 1600, otherPane: 0, row: 1000, panels: 1, current: 500 })).toEqual({ min: 360, max: 700 });
    expect(room('grid', { window: 1600, otherPane: 0, row: 600, panels: 1, current: 300 })).toEqual({ min: 300, max: 300 });
    expect(chosenWidth('grid', 900, { window: 1600, otherPane: 0, row: 1000, panels: 1, current: 500 })).toBe(0.7);
    expect(chosenWidth('grid', 500, { window: 1600, otherPane: 0, row: 1000, panels: 1, current: 500 })).toBe(0.5);
    expect(chosenWidth('datasets', 900, { window: 1600, otherPane: 280, row: 0, panels: 0, current: 200 })).toBe(560);
    // a wide row: its 20–80% holds; two panels side by side: each keeps its 300 px
    expect(room('grid', { window: 2400, otherPane: 0, row: 1920, panels: 1, current: 900 })).toEqual({ min: 384, max: 1536 });
    expect(room('grid', { window: 1600, otherPane: 0, row: 1200, panels: 2, current: 500 })).toEqual({ min: 360, max: 600 });
  });

  it('the arrow keys step 16 px, 64 with Shift; other keys are not the separator’s', () => {
    expect(keyStep('ArrowRight', false)).toBe(16);
    expect(keyStep('ArrowLeft', true)).toBe(-64);
    expect(keyStep('ArrowUp', false)).toBeUndefined();
  });
});

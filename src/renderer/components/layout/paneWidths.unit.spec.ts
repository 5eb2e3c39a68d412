import { describe, expect, it } from 'vitest';
import { clampWidth, keyStep, rememberWidth, storedWidths } from './paneWidths';

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
    expect(clampWidth('history', 10)).toBe(180);
    expect(clampWidth('history', 300)).toBe(300);
    expect(clampWidth('grid', 0.95)).toBe(0.8);
  });

  it('the arrow keys step 16 px, 64 with Shift; other keys are not the separator’s', () => {
    expect(keyStep('ArrowRight', false)).toBe(16);
    expect(keyStep('ArrowLeft', true)).toBe(-64);
    expect(keyStep('ArrowUp', false)).toBeUndefined();
  });
});

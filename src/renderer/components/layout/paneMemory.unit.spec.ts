import { describe, expect, it } from 'vitest';
import { paneToggleLabel, panesShown, rememberPane } from './paneMemory';

const memoryStore = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('the side panes, shown or hidden, remembered in this browser', () => {
  it('given nothing remembered, when the app starts, then both panes are shown', () => {
    expect(panesShown(memoryStore())).toEqual({ datasets: true, history: true });
  });

  it('given "Datasets" hidden, when the app starts again, then it stays hidden and the history shown', () => {
    const store = memoryStore();
    rememberPane('datasets', false, store);
    expect(panesShown(store)).toEqual({ datasets: false, history: true });
    rememberPane('datasets', true, store);
    expect(panesShown(store)).toEqual({ datasets: true, history: true });
  });

  it('given storage that refuses, then both are shown and hiding does not throw', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(panesShown(refusing)).toEqual({ datasets: true, history: true });
    expect(() => rememberPane('history', false, refusing)).not.toThrow();
    expect(panesShown(undefined)).toEqual({ datasets: true, history: true });
  });

  it('the toggle is named by what a press does', () => {
    expect(paneToggleLabel('datasets', true)).toBe('Hide datasets');
    expect(paneToggleLabel('history', false)).toBe('Show history');
  });
});

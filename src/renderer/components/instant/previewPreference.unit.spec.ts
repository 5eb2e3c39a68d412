import { describe, expect, it } from 'vitest';
import { previewIsOn, rememberPreview } from './previewPreference';

const memoryStore = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('the instant preview switch, remembered per session', () => {
  it('is off until turned on, and remembered for that session only', () => {
    const store = memoryStore();
    expect(previewIsOn('s1', store)).toBe(false);
    rememberPreview('s1', true, store);
    expect(previewIsOn('s1', store)).toBe(true);
    expect(previewIsOn('s2', store)).toBe(false);
    rememberPreview('s1', false, store);
    expect(previewIsOn('s1', store)).toBe(false);
  });

  it('is off, not broken, when storage refuses', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(previewIsOn('s1', refusing)).toBe(false);
    expect(() => rememberPreview('s1', true, refusing)).not.toThrow();
    expect(previewIsOn('s1', undefined)).toBe(false);
  });
});

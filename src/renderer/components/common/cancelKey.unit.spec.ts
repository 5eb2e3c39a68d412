import { describe, expect, it } from 'vitest';
import { isCancelKey } from './cancelKey';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  defaultPrevented: false,
  ...mods,
});

describe('the cancel key', () => {
  it('given Ctrl+. or Cmd+., then it cancels', () => {
    expect(isCancelKey(key('.', { ctrlKey: true }))).toBe(true);
    expect(isCancelKey(key('.', { metaKey: true }))).toBe(true);
  });

  it('given Escape, a bare dot, or the dot with Alt or Shift, then it does not', () => {
    expect(isCancelKey(key('Escape'))).toBe(false);
    expect(isCancelKey(key('Escape', { ctrlKey: true }))).toBe(false);
    expect(isCancelKey(key('.'))).toBe(false);
    expect(isCancelKey(key('.', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isCancelKey(key('.', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('given the key already taken by a control (its default prevented), then it does not', () => {
    expect(isCancelKey(key('.', { ctrlKey: true, defaultPrevented: true }))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { undoKeyOf } from './undoKeys';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  undoKeyOf({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('undo keys', () => {
  it('Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
  });

  it('leaves other keys alone: a bare z, Alt combinations, Ctrl+Shift+Y', () => {
    expect(press('z')).toBeUndefined();
    expect(press('z', { ctrlKey: true, altKey: true })).toBeUndefined();
    expect(press('y', { ctrlKey: true, shiftKey: true })).toBeUndefined();
    expect(press('x', { ctrlKey: true })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { opensViewer, viewerKey } from './viewerKeys';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('the value viewer’s keys', () => {
  it('given the grid, then Shift+Enter or Space opens the viewer; Shift+Space (select the row), Enter and Ctrl+Space do not', () => {
    expect(opensViewer(key('Enter', { shiftKey: true }))).toBe(true);
    expect(opensViewer(key(' '))).toBe(true);
    expect(opensViewer(key(' ', { shiftKey: true }))).toBe(false);
    expect(opensViewer(key('Enter'))).toBe(false);
    expect(opensViewer(key('Enter', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(opensViewer(key(' ', { ctrlKey: true }))).toBe(false);
  });

  it('given the open viewer, then Escape closes it and Alt+↓ / Alt+↑ step rows; the plain arrows are the text’s', () => {
    expect(viewerKey(key('Escape'))).toBe('close');
    expect(viewerKey(key('ArrowDown', { altKey: true }))).toBe('next');
    expect(viewerKey(key('ArrowUp', { altKey: true }))).toBe('previous');
    expect(viewerKey(key('ArrowDown'))).toBeUndefined();
    expect(viewerKey(key('ArrowDown', { altKey: true, shiftKey: true }))).toBeUndefined();
    expect(viewerKey(key('a'))).toBeUndefined();
  });
});

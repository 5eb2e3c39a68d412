import { describe, expect, it } from 'vitest';
import { THEME_KEY, nextThemeChoice, parseThemeChoice, rememberThemeChoice, shownScheme, storedThemeChoice, themeToggleLabel, themeToggleTitle } from './themeChoice';

const storage = (initial: Record<string, string> = {}) => {
  const entries = new Map(Object.entries(initial));
  return { entries, getItem: (k: string) => entries.get(k) ?? null, setItem: (k: string, v: string) => void entries.set(k, v), removeItem: (k: string) => void entries.delete(k) };
};

describe('the theme a person picks, remembered in this browser', () => {
  it('given nothing remembered, when the app starts, then it follows the OS', () => {
    expect(storedThemeChoice(storage())).toBe('system');
    expect(shownScheme('system', true)).toBe('dark');
    expect(shownScheme('system', false)).toBe('light');
  });

  it('given "dark" picked, when the app starts again, then it stays dark whatever the OS says', () => {
    const store = storage();
    rememberThemeChoice('dark', store);
    expect(storedThemeChoice(store)).toBe('dark');
    expect(shownScheme('dark', false)).toBe('dark');
    expect(shownScheme('light', true)).toBe('light');
  });

  it('given the OS followed again, then nothing is left stored', () => {
    const store = storage({ [THEME_KEY]: 'light' });
    rememberThemeChoice('system', store);
    expect(store.entries.size).toBe(0);
  });

  it('given an unknown or refused value, then it follows the OS and picking does not throw', () => {
    expect(parseThemeChoice('solarized')).toBe('system');
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(storedThemeChoice(refusing)).toBe('system');
    expect(() => rememberThemeChoice('dark', refusing)).not.toThrow();
    expect(storedThemeChoice(undefined)).toBe('system');
  });

  it('when the toggle is pressed, then it goes system, light, dark and back, saying each', () => {
    expect([nextThemeChoice('system'), nextThemeChoice('light'), nextThemeChoice('dark')]).toEqual(['light', 'dark', 'system']);
    expect(themeToggleLabel('dark')).toBe('Theme: Dark');
    expect(themeToggleTitle('system')).toBe('Theme: follows the system. Press for light.');
    expect(themeToggleTitle('dark')).toBe('Theme: Dark. Press for system.');
  });
});

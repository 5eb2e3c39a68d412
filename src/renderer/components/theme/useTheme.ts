import { useSyncExternalStore } from 'react';
import { THEME_KEY, parseThemeChoice, rememberThemeChoice, shownScheme, storedThemeChoice, type ThemeChoice } from './themeChoice';

/**
 * The page's one theme: the choice, put on the root as data-theme (styles/base.css reads it), and the OS's
 * scheme. Windows of one browser share the choice: another window's pick arrives as a storage event.
 */
const OS_DARK = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';

function apply(next: ThemeChoice): void {
  choice = next;
  if (next === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = next;
  for (const listener of listeners) listener();
}

/** Called once before the first render, so the page never paints in the other theme first. */
export function startTheme(): void {
  apply(storedThemeChoice());
  matchMedia(OS_DARK).addEventListener('change', () => apply(choice));
  window.addEventListener('storage', (event) => {
    if (event.key === THEME_KEY || event.key === null) apply(parseThemeChoice(event.newValue));
  });
}

export function pickTheme(next: ThemeChoice): void {
  rememberThemeChoice(next);
  apply(next);
}

const subscribe = (changed: () => void) => {
  listeners.add(changed);
  return () => listeners.delete(changed);
};

export const useThemeChoice = (): ThemeChoice => useSyncExternalStore(subscribe, () => choice);

/**
 * The colours in use, light or dark. A chart is drawn with the colours of its moment (chartTheme.ts),
 * so it draws again when this changes: else its text kept the old theme's colour, dark on dark.
 */
export const useColorScheme = (): 'light' | 'dark' => useSyncExternalStore(subscribe, () => shownScheme(choice, matchMedia(OS_DARK).matches));

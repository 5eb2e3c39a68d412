import { useSyncExternalStore } from 'react';
import { LIGHT_CHART_THEME, type ChartTheme } from '../../../shared/chart/drawChart';

/** The theme's colors, read from the CSS variables when drawing, so an exported file carries them too. */
export function themeColors(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { fg: read('--fg', LIGHT_CHART_THEME.fg), muted: read('--muted', LIGHT_CHART_THEME.muted), accent: read('--accent', LIGHT_CHART_THEME.accent), bg: read('--bg', LIGHT_CHART_THEME.bg) };
}

const DARK = '(prefers-color-scheme: dark)';
const subscribe = (changed: () => void) => {
  const query = matchMedia(DARK);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
};

/**
 * The OS's light or dark theme, which the app's colors follow (styles.css). A chart is drawn with
 * the colors of its moment (themeColors), so it draws again when this changes: else its text kept
 * the old theme's color, dark on dark.
 */
export const useColorScheme = (): 'light' | 'dark' => useSyncExternalStore(subscribe, () => (matchMedia(DARK).matches ? 'dark' : 'light'));

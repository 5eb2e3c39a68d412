import { LIGHT_CHART_THEME, type ChartTheme } from '../../../shared/chart/drawChart';

/** The theme's colors, read from the CSS variables when drawing, so an exported file carries them too. */
export function themeColors(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { fg: read('--fg', LIGHT_CHART_THEME.fg), muted: read('--muted', LIGHT_CHART_THEME.muted), accent: read('--accent', LIGHT_CHART_THEME.accent), bg: read('--bg', LIGHT_CHART_THEME.bg) };
}

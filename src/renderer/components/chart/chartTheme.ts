import { LIGHT_CHART_THEME, type ChartTheme } from '../../../shared/chart/drawChart';

/**
 * The theme's colours when drawing, so an exported file carries them too. Read through a probe's
 * computed colour: the variables hold light-dark() pairs (styles/base.css), which only a colour property
 * resolves to the one in use.
 */
export function themeColors(element: Element): ChartTheme {
  const probe = document.createElement('span');
  probe.hidden = true;
  element.append(probe);
  const read = (name: string, fallback: string) => {
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  try {
    return { fg: read('--fg', LIGHT_CHART_THEME.fg), muted: read('--muted', LIGHT_CHART_THEME.muted), accent: read('--accent', LIGHT_CHART_THEME.accent), bg: read('--bg', LIGHT_CHART_THEME.bg) };
  } finally {
    probe.remove();
  }
}

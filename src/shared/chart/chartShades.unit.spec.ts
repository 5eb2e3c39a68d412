import { describe, expect, it } from 'vitest';
import { countShades, LOW_SHADE, parseColor } from './chartShades';
import { LIGHT_CHART_THEME, type ChartTheme } from './drawChart';

/** The dark theme's colors (styles/base.css). */
const DARK: ChartTheme = { fg: '#e4e6ea', muted: '#9aa1ad', accent: '#6ea0ff', bg: '#15171c' };

/** How far a color stands from another (0: the same; 441: black from white). */
function distance(a: string, b: string): number {
  const [p, q] = [parseColor(a), parseColor(b)];
  if (!p || !q) throw new Error(`not a color: ${a} or ${b}`);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('countShades', () => {
  it('given the dark or the light theme, when counts are shaded, then the fewest are faint against the background, more stand farther from it, the most are the accent', () => {
    for (const theme of [DARK, LIGHT_CHART_THEME]) {
      const shade = countShades(theme.bg, theme.accent);
      const far = [0, 0.25, 0.5, 0.75, 1].map((t) => distance(shade(t), theme.bg));
      for (let i = 1; i < far.length; i++) expect(far[i]).toBeGreaterThan(far[i - 1]!);
      // a count of 1 is apart from an empty cell (the background), yet much fainter than the most
      expect(far[0]).toBeGreaterThan(10);
      expect(far[0]).toBeLessThan(distance(theme.accent, theme.bg) * LOW_SHADE + 2);
      expect(shade(1)).toBe(theme.accent);
    }
  });

  it('given theme colors as CSS writes them, when read, then #rgb, #rrggbb and rgb() are read and anything else falls back to the light theme', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor(' #15171C ')).toEqual([21, 23, 28]);
    expect(parseColor('rgb(110, 160, 255)')).toEqual([110, 160, 255]);
    expect(parseColor('canvastext')).toBeUndefined();
    expect(countShades('nonsense', 'nonsense')(1)).toBe('#2458d6');
    expect(countShades('#000000', '#ffffff')(0)).toBe('#2e2e2e');
  });
});

/**
 * The shades a count is drawn in (a heatmap's cells, a scatter's density grid): from close to the
 * background to the accent, so a cell of few rows is faint and a cell of many strong on a light and
 * on a dark background alike. (Plot's "blues" starts at white: on the dark theme a count of 1 was
 * the brightest thing on the chart.)
 */

type Rgb = readonly [number, number, number];

/** How much of the accent the fewest rows get: visibly apart from an empty (background) cell. */
export const LOW_SHADE = 0.18;

/** A CSS color as written in the theme's variables (#rgb, #rrggbb, rgb()/rgba()), or undefined. */
export function parseColor(text: string): Rgb | undefined {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s)?.[1];
  if (hex) {
    const digits = hex.length === 3 ? [...hex].map((d) => d + d) : [hex.slice(0, 2), hex.slice(2, 4), hex.slice(4, 6)];
    return digits.map((d) => parseInt(d, 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

const hex2 = (n: number) => Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, '0');
const rgbText = ([r, g, b]: Rgb) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** The color `t` of the way from `bg` to `accent` (0 ≤ t ≤ 1), starting LOW_SHADE in; unreadable colors fall back to the light theme's. */
export function countShades(bg: string, accent: string): (t: number) => string {
  const from = parseColor(bg) ?? ([255, 255, 255] as const);
  const to = parseColor(accent) ?? ([36, 88, 214] as const);
  return (t: number) => {
    const k = LOW_SHADE + (1 - LOW_SHADE) * Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
    return rgbText([0, 1, 2].map((i) => from[i]! + (to[i]! - from[i]!) * k) as unknown as Rgb);
  };
}

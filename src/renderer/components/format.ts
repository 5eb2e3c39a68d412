const countFormat = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => countFormat.format(n);

/** Always whole milliseconds: the status line reads "N rows in T ms" whatever the duration. */
export const formatMs = (ms: number): string => `${Math.round(ms)} ms`;

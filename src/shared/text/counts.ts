const grouping = new Intl.NumberFormat('en-US');

/** A number where people read it: thousands grouped ("3,000,000"), in messages, reports and the UI alike. */
export const grouped = (n: number): string => grouping.format(n);

/** A count with its noun, grouped and in the right number ("1 row", "12,345 rows"); `space` goes between them. */
export const countText = (n: number, singular: string, plural = `${singular}s`, space = ' '): string => `${grouped(n)}${space}${n === 1 ? singular : plural}`;

/** A line break in a value: CRLF, LF or CR, each one break. */
const BREAK = /\r\n|\r|\n/;

/**
 * A cell's value as the lines a one-line cell draws side by side, with a marker between them
 * (`line1↵line2`, as TablePlus and DuckDB UI do): white-space: pre put the second line below the
 * cell's 24 px, cut with no sign of it.
 */
export const cellLines = (value: string): string[] => value.split(BREAK);

/** A cell's tooltip: the whole value when the cell may not show it (long, or more than one line). */
export const cellTitle = (value: string | null | undefined): string | undefined => (value && (value.length > 40 || BREAK.test(value)) ? value : undefined);

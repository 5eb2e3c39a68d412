/**
 * The most characters of a value a grid cell draws, and its tooltip shows, before "…": more than
 * the widest column (2,000 px, ~270 characters) can show. A 1 MB value drawn whole made every visible
 * cell a 1 MB text node (200 such rows: 14 s to the first page, over a second a scroll); Copy and
 * "Show value" read the value itself, whole. A profile's most frequent values are cut to it in
 * DuckDB (profileTops.ts), so a 1 MB value is not sent to the window either.
 */
export const CELL_CHARS = 1000;

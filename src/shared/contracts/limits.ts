/**
 * Sizes the protocol enforces. Dependency-free (no zod), so the sandboxed preload's bundle can
 * import them without pulling the schemas in.
 */

/** Largest message main accepts from a client, before parsing. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_PAGE_ROWS = 1000;
/**
 * The rows a grid asks for at a time, and so the rows of a result's head: its first rows as text,
 * sent with the first chunk, before any commit, to answer the first page. A head of MAX_PAGE_ROWS
 * cost ~0.8 ms of text on the DuckDB worker before the first page of `select *` over flights-3m
 * (~0.1 ms for 200), and rows past the first page are read from the table once committed.
 */
export const GRID_PAGE_ROWS = 200;
/**
 * The most text (UTF-16 units) one page of rows may carry to a window: 200 rows of 3 MB cells made
 * an answer past V8's string limit (~512 MB), whose serializing ended main with every window on it,
 * and one of 200 MB stalled main's event loop for a second.
 */
export const MAX_PAGE_CHARS = 64 * 1024 * 1024;
export const MAX_SORT_KEYS = 8;
export const MAX_FILTERS = 16;
/** Values of one `in` filter: a brush across bars holds at most a bar chart's 50 top categories. */
export const MAX_FILTER_VALUES = 100;

/**
 * A message's size in UTF-8 bytes, which is what the WebSocket server's limit counts, when it is over
 * `limit`; undefined when it is within. A UTF-16 unit takes at most 3 bytes, so ordinary messages
 * are cleared without being encoded.
 */
export function bytesOverLimit(text: string, limit = MAX_MESSAGE_BYTES): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > limit ? bytes : undefined;
}

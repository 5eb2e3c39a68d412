/**
 * Sizes the protocol enforces. Dependency-free (no zod), so the sandboxed preload's bundle can
 * import them without pulling the schemas in.
 */

/** Largest message main accepts from a client, before parsing. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_PAGE_ROWS = 1000;
export const MAX_SORT_KEYS = 8;
export const MAX_FILTERS = 16;

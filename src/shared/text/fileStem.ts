const MAX_STEM = 80;

/**
 * Text as a file name's stem, for data exports (main/explore/exportFileName.ts) and charts: only
 * letters, digits, spaces and `._-()` survive, runs of anything else become one space, at most 80
 * characters cut by code points (a UTF-16 cut could leave half a pair), no leading or trailing dot
 * or space. So the name is safe on every OS and in a download header. Empty when nothing survives.
 */
export function safeFileStem(text: string): string {
  const kept = text
    .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(kept).slice(0, MAX_STEM).join('').replace(/^[ .]+|[ .]+$/g, '');
}

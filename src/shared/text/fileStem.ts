const MAX_STEM = 80;

/**
 * Text as a file name's stem, for data exports (main/explore/exportFileName.ts) and charts: only
 * letters, digits, spaces and `._-()` survive, runs of anything else become one space, at most 80
 * characters cut by code points (a UTF-16 cut could leave half a pair) at the last space before
 * the limit when there is one ("… BIGINT", not "… BIGIN"), no leading or trailing dot or space. So the name is safe on every OS and in a download header. Empty when nothing survives.
 */
export function safeFileStem(text: string): string {
  const kept = text
    .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(kept);
  let cut = points.slice(0, MAX_STEM).join('');
  // a word cut in two reads as a typo: end at the last whole word, unless that leaves little
  if (points.length > MAX_STEM && points[MAX_STEM] !== ' ') {
    const space = cut.lastIndexOf(' ');
    if (space >= MAX_STEM / 2) cut = cut.slice(0, space);
  }
  return cut.replace(/^[ .]+|[ .]+$/g, '');
}

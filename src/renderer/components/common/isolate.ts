/** U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * User text (a session's title, a dataset's name) to join into one of the app's own sentences:
 * isolated, so its direction and any bidi controls it holds (U+202E RIGHT-TO-LEFT OVERRIDE left
 * open) stay inside it and cannot reorder the words around it; its own direction is its first
 * strong character's. A PDI closes every embedding and override opened after its FSI. In markup,
 * `<bdi>` does the same for an element.
 */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

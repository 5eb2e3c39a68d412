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

/** A right-to-left letter (Hebrew to Arabic Extended, their presentation forms, the astral RTL blocks) or a bidi control. */
const BIDI_SENSITIVE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * `isolate` where it changes anything: text with no right-to-left letter and no bidi control reads
 * the same isolated or not, so it stays as it is, and labels built of it (the Timeline's, an undo's)
 * keep the accessible names and search matches they had.
 */
export function isolateBidi(text: string): string {
  return BIDI_SENSITIVE.test(text) ? isolate(text) : text;
}

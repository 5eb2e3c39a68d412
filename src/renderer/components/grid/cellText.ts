import { CELL_CHARS } from '../../../shared/explore/cellChars';
import { countText } from '../../../shared/text/counts';

/** The empty text as a category names it (a profile's frequent value, a pivot's group or column, a chart's bar): blank, it read as no value at all. */
export const EMPTY_TEXT = '(empty)';

/** A line break in a value: CRLF, LF or CR, each one break. */
const BREAK = /\r\n|\r|\n/;

/** A value cut to CELL_CHARS characters (cellChars.ts) and "…" (never between the halves of an emoji), or the value when it fits. */
export function cellShown(value: string): string {
  if (value.length <= CELL_CHARS) return value;
  const code = value.charCodeAt(CELL_CHARS - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? CELL_CHARS - 1 : CELL_CHARS;
  return `${value.slice(0, end)}…`;
}

/**
 * A cell's value as the lines a one-line cell draws side by side, with a marker between them
 * (`line1↵line2`, as TablePlus and DuckDB UI do): white-space: pre put the second line below the
 * cell's 24 px, cut with no sign of it. Only the part a cell draws (cellShown) is split.
 */
export const cellLines = (value: string): string[] => cellShown(value).split(BREAK);

/** A cell's tooltip: the value (cut as the cell cuts it) when the cell may not show it all (long, or more than one line). */
export const cellTitle = (value: string | null | undefined): string | undefined => (value && (value.length > 40 || BREAK.test(value)) ? cellShown(value) : undefined);

/** Characters that draw nothing: white space, format characters (zero-width space and joiners, bidi marks, BOM, soft hyphen) and controls. */
const DRAWS_NOTHING = /^[\s\p{Cf}\p{Cc}]+$/u;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A value that would draw as an empty cell though it is not empty (spaces, a zero-width space), as
 * marks a person can see: `·` a space, `→` a tab, `[U+200B]` any other, as VS Code shows white space.
 * Undefined for every other value, an empty one and one with a line break (its ↵ is seen) included.
 */
export function invisibleMarks(value: string): { marks: string; title: string } | undefined {
  if (value === '' || BREAK.test(value) || !DRAWS_NOTHING.test(value)) return undefined;
  const chars = [...cellShown(value)];
  const marks = chars.map((c) => (c === ' ' ? '·' : c === '\t' ? '→' : c === '…' ? c : `[${codePoint(c)}]`)).join('');
  const codes = [...new Set(chars.filter((c) => c !== '…').map(codePoint))].join(', ');
  // Counted without spreading the value: a 1 MB run of spaces is one string, not a million.
  let n = 0;
  for (let i = 0; i < value.length; i++) if (!isLowSurrogate(value.charCodeAt(i))) n++;
  return { marks, title: `${countText(n, 'character that draws', 'characters that draw')} nothing: ${codes}` };
}

/**
 * Controls and bidi controls inside a value, which drawn raw hide themselves (NUL as a box, a bell
 * as nothing) or turn the text after them around ("abc" U+202E "def" drew as "abcfed"). A tab is
 * white space; ZWJ and the like, which join emoji, are left alone.
 */
const CONTROLS = /((?!\t)[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])/u;

/** A piece of a cell's line: its text as it is, or a control drawn as a mark (`[U+202E]`). */
export type CellPart = string | { readonly mark: string };

/** One line of a cell (cellLines) as text and marks: each control a mark, the text between as it is. */
export function cellParts(line: string): CellPart[] {
  if (!CONTROLS.test(line)) return [line];
  // split keeps what its capture matched at the odd places: the controls, one each
  return line.split(CONTROLS).flatMap((part, i): CellPart[] => (i % 2 === 1 ? [{ mark: `[${codePoint(part)}]` }] : part ? [part] : []));
}

/** The text a cell draws for a line: what its parts read, marks included (what a test compares). */
export const cellPartsText = (line: string): string => cellParts(line).map((p) => (typeof p === 'string' ? p : p.mark)).join('');

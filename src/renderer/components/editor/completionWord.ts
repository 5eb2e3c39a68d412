import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { NOT_A_NAME } from '../../../shared/sql/sqlIdentifier';

// A name typed bare: letters of any script and emoji too (a column may be "😀 emoji"), so that the
// whole typed prefix is what a completion replaces. \p{M} holds emoji variation selectors; the
// zero-width joiner of 👩‍💻 stands apart, as a joiner may not sit in a character class.
const NAME_START = String.raw`\p{L}_\p{Extended_Pictographic}\p{Regional_Indicator}`;
const NAME_REST = String.raw`(?:[${NAME_START}\p{M}\p{N}$\p{Emoji_Modifier}]|\u200d)`;
export const WORD = new RegExp(`[${NAME_START}]${NAME_REST}*`, 'u');
export const WORD_SPAN = new RegExp(`^${NAME_REST}*$`, 'u');

/** Where the word being typed starts (the cursor when none is), read with any script's letters. */
export const wordStart = (context: CompletionContext): number => context.matchBefore(WORD)?.from ?? context.pos;

/** A bare name ending where the text ends: one a quote was then typed onto. */
const WORD_BEFORE = new RegExp(`${WORD.source}$`, 'u');

/**
 * Where a quoted name being typed (`"Nam`, not a closed `"Name"`) starts, if the cursor is in one.
 * A name begun bare and then quoted (`a"`, on the way to `a"b`) starts at its first letter, so a
 * completion replaces all of it, not only from the quote on (that gave `a"a""b"`); a keyword with
 * a quoted name glued on (`select"Na`) is not part of the name.
 */
export function quotedNameStart(context: CompletionContext): number | undefined {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (node.name !== 'QuotedIdentifier' || node.from >= context.pos) return undefined;
  if (!/^"(?:[^"]|"")*$/.test(context.state.sliceDoc(node.from, context.pos))) return undefined;
  const bare = WORD_BEFORE.exec(context.state.sliceDoc(Math.max(0, node.from - 200), node.from));
  return bare && !NOT_A_NAME.has(bare[0].toLowerCase()) ? node.from - bare[0].length : node.from;
}

/** Whether the word being typed follows a dot: `x.na|`, where only x's columns or tables fit. */
export const afterDot = (context: CompletionContext): boolean => {
  const from = wordStart(context);
  return context.state.sliceDoc(from - 1, from) === '.';
};

/** Whether the cursor is inside a string or a comment (an unclosed one runs to its end; a closed one ends before its last character). */
export function inStringOrComment(context: CompletionContext): boolean {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (!/^(String|LineComment|BlockComment)$/.test(node.name)) return false;
  if (node.to > context.pos || node.name === 'LineComment') return true;
  const text = context.state.sliceDoc(node.from, node.to);
  const closed = node.name === 'BlockComment' ? /^\/\*[\s\S]*\*\/$/.test(text) && text.length >= 4 : /^[eEbBxX]?'(?:[^']|'')*'$|^\$(\w*)\$[\s\S]*\$\1\$$/.test(text);
  return !closed;
}

/**
 * A source that answers only outside strings and comments, even for Ctrl+Space: there a person
 * writes a value, a path or prose, which no keyword, function, table or column completes.
 */
export const outsideStringsAndComments =
  (source: CompletionSource): CompletionSource =>
  (context) =>
    inStringOrComment(context) ? null : source(context);

/**
 * A source whose answer replaces the whole typed word. lang-sql reads words as ASCII, so after
 * `o.ém` its completions replaced only `m` (and Enter gave `o.émacro`); this moves their start to
 * the word's first letter, and keeps the list open while the word grows with any script's letters.
 * A quoted name is replaced from where it starts (`a"` whole, quotedNameStart).
 */
export function wholeWord(source: CompletionSource): CompletionSource {
  return async (context) => {
    const result: CompletionResult | null = await source(context);
    const quoted = quotedNameStart(context);
    const from = quoted ?? wordStart(context);
    if (!result || result.from <= from || result.from > context.pos) return result;
    return quoted === undefined ? { ...result, from, validFor: WORD_SPAN } : { ...result, from };
  };
}

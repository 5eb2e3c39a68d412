import { countOf, formatCount } from '../../format';
import { layoutBrackets } from './bracketLayout';

/**
 * Characters drawn at most: a 10 MB value drawn whole in a wrapping block takes the renderer
 * seconds to lay out. The rest is still copied (Copy value copies the value, not what is drawn).
 */
export const SHOWN_CHARS = 100_000;
/**
 * Longer values are drawn as they are: laying out is a pass over the whole value in JS (about a
 * tenth of a second for 200 KB of JSON on a loaded machine), for text that is mostly not drawn.
 */
export const FORMAT_CHARS = 200_000;

/** `nested`: a STRUCT, LIST, ARRAY, MAP or UNION in DuckDB's text; `json`: text that is a JSON object or array. */
export type ValueForm = 'null' | 'text' | 'json' | 'nested' | 'blob';

export interface ShownValue {
  readonly form: ValueForm;
  /** What the viewer draws: the value, laid out when `formatted`, cut to SHOWN_CHARS. */
  readonly text: string;
  /** The layout changed the text: a short value laid out is often the value itself, and is not said to be formatted. */
  readonly formatted: boolean;
  /** Characters (code points, as DuckDB's length() counts them) of the value. */
  readonly chars: number;
  /** Set when `text` is cut: characters drawn, of how many the whole (laid-out) text has. */
  readonly cut?: { readonly shown: number; readonly of: number };
  /** A BLOB's bytes: DuckDB writes each byte that is no printable ASCII as `\xAA`. */
  readonly bytes?: number;
}

const NESTED_TYPE = /^(STRUCT|MAP|UNION)\(|\[\d*\]$/i;

/** DuckDB's type names a nested value (a LIST is `INTEGER[]`, an ARRAY `INTEGER[3]`). */
export const isNestedType = (type: string): boolean => NESTED_TYPE.test(type.trim());

/** Code points of the text: an emoji is one character, as DuckDB's length() counts it. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // a low surrogate is the second half of a character already counted
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

/** The first `max` characters of the text, never half an emoji; the text itself when it is no longer. */
export function firstChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) continue;
    if (n === max) return text.slice(0, i);
    n++;
  }
  return text;
}

/** Text that JSON.parse reads as an object or an array (a quoted string or a number is left as text). */
function isJsonDocument(value: string): boolean {
  if (!/^\s*[[{]/.test(value)) return false;
  try {
    return typeof JSON.parse(value) === 'object';
  } catch {
    return false;
  }
}

function laidOut(value: string, type: string): { form: ValueForm; text?: string } {
  if (/^BLOB$/i.test(type.trim())) return { form: 'blob' };
  if (value.length > FORMAT_CHARS) return { form: 'text' };
  const nested = isNestedType(type);
  // DuckDB's nested text is no JSON (quotes of its own, MAP's `=`); a JSON column reads as VARCHAR
  const text = nested ? layoutBrackets(value, 'duckdb') : isJsonDocument(value) ? layoutBrackets(value, 'json') : undefined;
  return { form: text === undefined ? 'text' : nested ? 'nested' : 'json', ...(text === undefined ? {} : { text }) };
}

/** What the viewer shows for a cell's value (DuckDB's text, null for SQL NULL) of a column of `type`. */
export function shownValue(value: string | null, type: string, limit = SHOWN_CHARS): ShownValue {
  if (value === null) return { form: 'null', text: 'NULL', formatted: false, chars: 0 };
  const { form, text: formatted } = laidOut(value, type);
  const whole = formatted ?? value;
  const text = firstChars(whole, limit);
  const shown = text === whole ? undefined : { shown: limit, of: codePoints(whole) };
  const bytes = form === 'blob' ? value.length - 3 * (value.match(/\\x[0-9A-F]{2}/gi)?.length ?? 0) : undefined;
  return { form, text, formatted: formatted !== undefined && formatted !== value, chars: codePoints(value), ...(shown ? { cut: shown } : {}), ...(bytes === undefined ? {} : { bytes }) };
}

const FORM_NOTE: Partial<Record<ValueForm, string>> = { json: 'JSON, formatted', nested: 'formatted' };
/** What the note says of a JSON document or a nested value left as it was. */
const FORM_AS_IS: Partial<Record<ValueForm, string>> = { json: 'JSON' };

/** The line under the value: how long it is, how it is drawn, and what of it is drawn when it is cut. */
export function shownNote(v: ShownValue): string {
  if (v.form === 'null') return 'SQL NULL: no value';
  const size = v.bytes === undefined ? (v.chars === 0 ? 'Empty text' : countOf(v.chars, 'character')) : countOf(v.bytes, 'byte');
  const form = v.formatted ? FORM_NOTE[v.form] : FORM_AS_IS[v.form];
  const cut = v.cut && `showing the first ${formatCount(v.cut.shown)} of ${formatCount(v.cut.of)}${v.formatted ? ' formatted' : ''} characters`;
  return [size, form, cut].filter(Boolean).join(' · ');
}

import { pageFilterSchema, type PageFilter } from '../contracts/protocol';
import { columnKind, isNumeric, isOrdered, type ColumnKind } from './columnKind';
import { grouped } from '../text/counts';
import { enumValues, notOfType, ordersAsText, ordinalExample } from './orderedText';
import { decimalDigits } from './decimalDigits';
import { beyondFloat, END_OF_DAY } from './valueBounds';

/**
 * What a person types in a column's "Filter <column>" box, read into that column's filters of a
 * page view, or the reason it cannot be, to show beside the box (nothing is sent then).
 * The grammar is in docs/explore.md. Values stay the text typed: DuckDB casts them to the column's
 * type, so BIGINT beyond 2^53, DECIMAL and timestamps are compared exactly.
 */
export type FilterInput = { readonly ok: true; readonly filters: PageFilter[] } | { readonly ok: false; readonly message: string };

type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** Longest first, so `>=` is not read as `>` followed by `=5`. */
const OPERATORS: ReadonlyArray<readonly [string, CompareOp]> = [
  ['>=', 'ge'],
  ['<=', 'le'],
  ['!=', 'ne'],
  ['<>', 'ne'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'eq'],
];
const SYMBOL: Readonly<Record<CompareOp, string>> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };
const RANGE = '..';
/** After RANGE: the high end is left out, `[lo, hi)`, as a chart's brush selects (`9..<10`). */
const BELOW = '<';
/** Forces "contains" for text that would otherwise read as an operator or a keyword. */
const CONTAINS = '~';

const isNullWord = (s: string) => /^null$/i.test(s);
const isNotNullWord = (s: string) => /^not\s+null$/i.test(s);

const fail = (message: string): FilterInput => ({ ok: false, message });

/** A value quoted in a message, cut short so a 10,000-character paste does not flood the page. */
function shown(value: string): string {
  return `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
}

export function parseFilterInput(text: string, column: number, duckdbType: string): FilterInput {
  const kind = columnKind(duckdbType);
  const s = text.trimStart();
  const word = s.trimEnd();
  let result: FilterInput;
  if (word === '') result = { ok: true, filters: [] };
  else if (isNullWord(word)) result = { ok: true, filters: [{ column, op: 'isNull' }] };
  else if (isNotNullWord(word)) result = { ok: true, filters: [{ column, op: 'notNull' }] };
  else if (isOrdered(kind) || kind.kind === 'boolean') result = parseOrdered(word, column, kind, duckdbType);
  else if (ordersAsText(duckdbType) && readsAsOrder(s)) result = parseTextOrder(word, column, duckdbType);
  else result = parseText(s, column);
  return result.ok ? withinLimits(result.filters) : result;
}

/** Text (and types without an order): contains by default, `=` / `!=` for the whole value, `~` to search for what looks like syntax. */
function parseText(s: string, column: number): FilterInput {
  // after the operator the value is kept as typed, spaces included: it is matched, not read (but for `\n`, `\r`, `\\`)
  if (s.startsWith(CONTAINS)) return { ok: true, filters: [{ column, op: 'contains', value: unescapeText(s.slice(1)) }] };
  if (s.startsWith('!=')) return { ok: true, filters: [{ column, op: 'ne', value: unescapeText(s.slice(2)) }] };
  if (s.startsWith('=')) return { ok: true, filters: [{ column, op: 'eq', value: unescapeText(s.slice(1)) }] };
  return { ok: true, filters: [{ column, op: 'contains', value: unescapeText(s) }] };
}

/** On an ENUM or INTERVAL box: text that compares rather than searches (`=`, `!=` and `~` come first). */
const readsAsOrder = (s: string): boolean => !/^(~|!=|=|<>)/.test(s) && (/^[<>]/.test(s) || s.includes(RANGE));

/** `<sad`, `>=1 day`, `sad..happy`, `1 hour..<1 day` on an ENUM or INTERVAL column: the ordered grammar, its values checked against the type. */
function parseTextOrder(word: string, column: number, type: string): FilterInput {
  const operator = OPERATORS.find(([symbol]) => word.startsWith(symbol));
  const compared = operator && compareText(word.slice(operator[0].length).trim(), operator, column, type);
  // `<=b..c` compares with an ENUM's `b..c`; `>d..a` is a range from its `>d`: the reading whose values are the type's
  if (compared && (compared.ok || !word.includes(RANGE))) return compared;
  const range = rangeText(word, column, type);
  return compared && !range.ok ? compared : range;
}

function compareText(value: string, [symbol, op]: readonly [string, CompareOp], column: number, type: string): FilterInput {
  if (value === '') return fail(`Type a value after ${symbol}`);
  const bad = notOfType(value, type, shown);
  return bad ? fail(bad) : { ok: true, filters: [{ column, op, value }] };
}

function rangeText(word: string, column: number, type: string): FilterInput {
  const at = word.indexOf(RANGE);
  const rest = word.slice(at + RANGE.length).trim();
  const halfOpen = rest.startsWith(BELOW);
  const [low, high] = [word.slice(0, at).trim(), halfOpen ? rest.slice(BELOW.length).trim() : rest];
  if (low === '' || high === '') return fail(`A range needs both ends, as in ${ordinalExample(type)}`);
  const bad = notOfType(low, type, shown) ?? notOfType(high, type, shown);
  if (bad) return fail(bad);
  const members = enumValues(type);
  const order = members ? Math.sign(members.indexOf(low) - members.indexOf(high)) : -1;
  if (order > 0 || (halfOpen && order === 0)) return fail(`The range is empty: ${shown(low)} comes ${order > 0 ? 'after' : 'at'} ${shown(high)}`);
  return rangeFilters(column, low, high, halfOpen);
}

/**
 * A text box holds one line: an <input> drops line breaks. So a value's line feed reads `\n` and its
 * carriage return `\r`, and a backslash before `\`, `n` or `r` (or before a line break) is doubled;
 * any other backslash is itself (`C:\temp` needs no doubling). Tabs stay as they are: a box holds them.
 */
export function escapeText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\\' && /^[\\nr\n\r]$/.test(value[i + 1] ?? '')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** The inverse of escapeText: `\n`, `\r` and `\\` read as a line feed, a carriage return and a backslash. */
export function unescapeText(text: string): string {
  return text.replace(/\\([\\nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

function parseOrdered(word: string, column: number, kind: ColumnKind, type: string): FilterInput {
  const range = word.indexOf(RANGE);
  if (range >= 0 && kind.kind !== 'boolean') return parseRange(word.slice(0, range).trim(), word.slice(range + RANGE.length).trim(), column, kind, type);
  const operator = OPERATORS.find(([symbol]) => word.startsWith(symbol));
  const op: CompareOp = operator?.[1] ?? 'eq';
  const value = operator ? word.slice(operator[0].length).trim() : word;
  if (value === '') return fail(`Type a value after ${operator?.[0] ?? '='}`);
  if (kind.kind === 'boolean' && op !== 'eq' && op !== 'ne') return fail('Use true, false, =true, !=false, null or not null');
  const bad = invalid(value, kind, type);
  return bad ? fail(bad) : { ok: true, filters: [{ column, op, value }] };
}

/** `lo..hi` (both ends included: `ge` and `le`) or `lo..<hi` (`range`, the high end left out). */
function parseRange(low: string, rest: string, column: number, kind: ColumnKind, type: string): FilterInput {
  const halfOpen = rest.startsWith(BELOW);
  const high = halfOpen ? rest.slice(BELOW.length).trim() : rest;
  if (low === '' || high === '') return fail(`A range needs both ends, as in 1..10 or 1..<10`);
  // a `range` compares numbers as DOUBLE (filterSql.ts), so its ends are read as DOUBLEs too
  const ends: ColumnKind = halfOpen && isNumeric(kind) ? { kind: 'float' } : kind;
  // nan and inf are a float column's values, not ends a range of integers or decimals can have
  const notOfColumn = kind.kind !== 'float' ? [low, high].find((end) => FLOAT_WORD.test(end)) : undefined;
  if (notOfColumn !== undefined) return fail(`${shown(notOfColumn)} is not a number`);
  const endsType = ends === kind ? type : 'DOUBLE';
  const bad = invalid(low, ends, endsType) ?? invalid(high, ends, endsType);
  if (bad) return fail(bad);
  const order = compare(low, high, ends) ?? -1;
  if (order > 0) return fail(`The range is empty: ${shown(low)} comes after ${shown(high)}`);
  if (halfOpen && order === 0) return fail(`The range is empty: it starts and stops at ${shown(low)}`);
  return rangeFilters(column, low, high, halfOpen);
}

const DIGITS_INTEGER = /^[+-]?\d+$/;
const DIGITS_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** The words DuckDB casts to a DOUBLE's NaN and infinities (`'nan'::DOUBLE`, `'-inf'::DOUBLE`), as the grid shows them. */
const FLOAT_WORD = /^(?:[+-]?(?:inf|infinity)|nan)$/i;
/** A date alone; on a timestamp column `<=` and `>` take it as the whole day (filterSql.ts). */
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The ends of DuckDB's dates and timestamps, as the grid shows them. */
const INFINITE = /^-?infinity$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;
/** As DuckDB reads them: `T` and `Z` in capitals (a lowercase one casts to NULL, and the filter would match nothing). */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Why `value` is not a value of the column's type, or undefined when it is. */
function invalid(value: string, kind: ColumnKind, type: string): string | undefined {
  switch (kind.kind) {
    case 'integer': {
      if (!DIGITS_INTEGER.test(value)) return `${shown(value)} is not a whole number`;
      const n = BigInt(value);
      return n < kind.min || n > kind.max ? `${shown(value)} is outside ${type} (${kind.min} to ${kind.max})` : undefined;
    }
    case 'decimal': {
      const digits = decimalDigits(value);
      if (!digits) return `${shown(value)} is not a number`;
      const { whole, fraction } = digits;
      if (whole > kind.precision - kind.scale) return `${shown(value)} has more digits before the point than ${type} holds (${kind.precision - kind.scale})`;
      // DuckDB would round it to the column's scale and compare with another value than the one typed
      return fraction > kind.scale ? `${shown(value)} has more decimals than ${type} holds (${kind.scale})` : undefined;
    }
    case 'float':
      if (FLOAT_WORD.test(value)) return undefined;
      // a number all the same where it is beyond the type (`1e309`): said so
      return DIGITS_FLOAT.test(value) ? beyondFloat(value, type, shown) : `${shown(value)} is not a number`;
    case 'date':
      if (INFINITE.test(value)) return undefined;
      return DATE.test(value) ? noSuchDay(value) : `${shown(value)} is not a date (YYYY-MM-DD)`;
    case 'timestamp': {
      if (INFINITE.test(value)) return undefined;
      const m = TIMESTAMP.exec(value);
      // DuckDB reads an offset only after the seconds (`12:00+02` casts to NULL)
      const offset = m?.[3] === undefined || (kind.withTimeZone && m[2]!.length >= 'hh:mm:ss'.length);
      const ok = m !== null && (m[2] === undefined || validTime(m[2])) && offset;
      // the shape is right but the day is not on the calendar: say that, not the shape again
      return ok ? noSuchDay(m[1]!) : `${shown(value)} is not a timestamp (YYYY-MM-DD hh:mm:ss${kind.withTimeZone ? '+hh:mm' : ''})`;
    }
    case 'time':
      return validTime(value) || END_OF_DAY.test(value) ? undefined : `${shown(value)} is not a time (hh:mm:ss)`;
    case 'boolean':
      return /^(?:true|false)$/i.test(value) ? undefined : `${shown(value)} is not true or false`;
    case 'text':
    case 'other':
      return undefined;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a date of the right shape (YYYY-MM-DD) is not a day of the calendar, or undefined when it is one. */
function noSuchDay(date: string): string | undefined {
  const [year, month, day] = (DATE.exec(date) ?? []).slice(1).map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined) return `${shown(date)} is not a date: there is no month ${month}`;
  if (day < 1 || day > days) return `${shown(date)} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

function validTime(value: string): boolean {
  const m = TIME.exec(value);
  return m !== null && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3] ?? 0) <= 59;
}

/** Orders two valid values of the column, or undefined when that cannot be told without DuckDB (time zones). */
function compare(a: string, b: string, kind: ColumnKind): number | undefined {
  switch (kind.kind) {
    case 'integer':
      return Math.sign(Number(BigInt(a) - BigInt(b)));
    case 'decimal':
      return Math.sign(Number(scaled(a, kind.scale) - scaled(b, kind.scale)));
    case 'float': {
      // DuckDB orders NaN above +inf (and equal to itself)
      const [x, y] = [floatOf(a), floatOf(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
      return x === y ? 0 : Math.sign(x - y);
    }
    case 'date':
    case 'time':
      // fixed-width, zero-padded: text order is time order
      return a < b ? -1 : a > b ? 1 : 0;
    case 'timestamp': {
      if (kind.withTimeZone) return undefined;
      const x = a.replace(/t/i, ' ');
      const y = b.replace(/t/i, ' ');
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return undefined;
  }
}

/** A valid float's text as a number: `inf`, `-inf` and `nan` as DuckDB reads them. */
function floatOf(value: string): number {
  if (/nan/i.test(value)) return NaN;
  if (/inf/i.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
  return Number(value);
}

/** A decimal's text as an integer count of 10^-scale, exactly. */
function scaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '', fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const n = BigInt(`${whole || '0'}${fraction.padEnd(scale, '0')}`);
  return negative ? -n : n;
}

/** The protocol's own limits (value length, number of filters) decide; its reasons are put in words. */
function withinLimits(filters: PageFilter[]): FilterInput {
  const refused = filterRefusal(filters);
  return refused === undefined ? { ok: true, filters } : fail(refused);
}

/**
 * Why main would refuse these filters (pageFilterSchema: a value of more than 1,000 characters, too
 * many filters), in the words a box says it, or undefined when they can be sent. For filters set
 * from elsewhere too (a profile's value click): a refused command reads as a failed query.
 */
export function filterRefusal(filters: readonly PageFilter[]): string | undefined {
  const checked = pageFilterSchema.safeParse(filters);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  if (issue?.code === 'too_big' && issue.origin === 'string') return `Too long: at most ${grouped(Number(issue.maximum))} characters`;
  if (issue?.code === 'too_small' && issue.origin === 'string') return 'Type something to search for after ~';
  return issue?.message ?? 'Not a filter';
}

/**
 * The text a column's box shows for its filters: the inverse of parseFilterInput, so a filter set
 * elsewhere (a click on a frequent value, a reload) reads back the same. Undefined for filters no
 * single box can say (more than one condition that is not a range).
 */
export function formatFilterInput(filters: readonly PageFilter[], duckdbType: string): string | undefined {
  const kind = columnKind(duckdbType);
  // ENUM and INTERVAL compare as the ordered types do; their other values read as text's
  const compares = isOrdered(kind) || ordersAsText(duckdbType);
  const [first, second, ...rest] = filters;
  if (!first) return '';
  if (rest.length > 0) return undefined;
  if (second) {
    const range = first.op === 'ge' && second.op === 'le' && first.column === second.column && compares;
    return range ? `${first.value}${RANGE}${second.value}` : undefined;
  }
  switch (first.op) {
    case 'isNull':
      return 'null';
    case 'notNull':
      return 'not null';
    case 'contains':
      if (isOrdered(kind) || kind.kind === 'boolean') return undefined;
      return needsContainsMark(first.value, duckdbType) ? `${CONTAINS}${escapeText(first.value)}` : escapeText(first.value);
    case 'eq':
    case 'ne':
      // only a text box's value is read with escapes (parseText); an ordered type's value has none to write
      return `${SYMBOL[first.op]}${isOrdered(kind) || kind.kind === 'boolean' ? first.value : escapeText(first.value)}`;
    case 'range':
      // a chart's brush: the range it covers, its high end left out; `chart` is not text, typing it back makes it the person's own filter
      return compares ? `${first.lo}${RANGE}${BELOW}${first.hi}` : undefined;
    case 'in':
      // several categories brushed on a chart: no box grammar holds a list
      return undefined;
    default:
      // an ENUM's `>d` after `<` is spaced, or `<>d` would read as text and `<=x` as another operator
      return compares ? `${SYMBOL[first.op]}${/^[<>=]/.test(first.value) ? ' ' : ''}${first.value}` : undefined;
  }
}

/** Text that would read as something else than "contains" when typed bare. */
function needsContainsMark(value: string, duckdbType: string): boolean {
  const word = value.trim();
  return word === '' || /^[\s=!~]/.test(value) || isNullWord(word) || isNotNullWord(word) || (ordersAsText(duckdbType) && readsAsOrder(value));
}

/**
 * The filters a person set, as the badge and the history count them: one per filtered column (its
 * box), though `a..b` is two conditions; a chart's brush on a column with a typed filter is the same one.
 */
export const filterCount = (filters: readonly PageFilter[]): number => new Set(filters.map((f) => f.column)).size;

/** `a..<b` as one half-open range, `a..b` as its two ends, both included. */
function rangeFilters(column: number, low: string, high: string, halfOpen: boolean): FilterInput {
  if (halfOpen) return { ok: true, filters: [{ column, op: 'range', lo: low, hi: high }] };
  return {
    ok: true,
    filters: [
      { column, op: 'ge', value: low },
      { column, op: 'le', value: high },
    ],
  };
}

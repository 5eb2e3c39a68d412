import type { AppError } from '../../../shared/contracts/errors';
import { tokenize } from '../../../shared/sql/sqlTokens';
import { statementSpans, type StatementSpan } from '../../../shared/sql/statementSpans';

/** Where in a query's text DuckDB says it went wrong: a half-open character range. */
export interface ErrorRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Finds the error position in `sql`: from `details.position` when the engine passes DuckDB's own
 * offset along, otherwise from the message's "LINE n: <text>" line and the caret under it. DuckDB
 * elides long lines with "..." around the error, so the quoted text is located in the real line
 * rather than trusted as a column. The range covers the token at the position (a word, or a whole
 * quoted literal), at least one character.
 *
 * A failure of one statement of several (`details.statement`, numbered by the worker) is placed
 * in that statement: DuckDB counts its lines and offsets from where the statement starts, and a
 * failure with no position underlines the whole statement. "syntax error at end of input" has no
 * position either: it is marked where the text ends.
 */
export function errorRange(error: Pick<AppError, 'message' | 'details'>, sql: string): ErrorRange | undefined {
  const span = failedStatement(error.details, sql);
  const base = span?.from ?? 0;
  const text = span ? sql.slice(span.from, span.to) : sql;
  const fromDetails = positionFromDetails(error.details);
  const at = fromDetails !== undefined && fromDetails <= text.length ? fromDetails : positionFromMessage(error.message, text);
  if (at !== undefined) {
    const token = tokenAt(text, at);
    return { from: base + token.from, to: base + token.to };
  }
  if (END_OF_INPUT.test(error.message)) {
    const end = base + text.trimEnd().length;
    return { from: end, to: end };
  }
  if (!span) return undefined;
  const lead = text.length - text.trimStart().length;
  return { from: base + lead, to: base + text.trimEnd().length };
}

const END_OF_INPUT = /syntax error at end of input/;

/** The span of the statement a failure names, if the text still splits into as many as it ran. */
function failedStatement(details: AppError['details'], sql: string): StatementSpan | undefined {
  const n = details?.['statement'];
  const of = details?.['statements'];
  if (typeof n !== 'number' || typeof of !== 'number') return undefined;
  const spans = statementSpans(sql);
  return spans.length === of ? spans[n - 1] : undefined;
}

function positionFromDetails(details: AppError['details']): number | undefined {
  const raw = details?.['position'];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** DuckDB's place in an error message: `LINE n: <the line>` and a caret under the spot (also drawn apart by status/errorPlace.ts). */
export const LINE_CONTEXT = /^LINE (\d+): (.*)\n( *)\^/m;

function positionFromMessage(message: string, sql: string): number | undefined {
  const m = LINE_CONTEXT.exec(message);
  if (!m) return undefined;
  const lineNo = Number(m[1]);
  const quoted = m[2]!;
  const caretColumn = m[3]!.length - `LINE ${m[1]}: `.length;
  const lines = sql.split('\n');
  const line = lines[lineNo - 1];
  if (line === undefined || caretColumn < 0) return undefined;
  const lineStart = lines.slice(0, lineNo - 1).reduce((n, l) => n + l.length + 1, 0);
  const lead = quoted.startsWith('...') ? 3 : 0;
  const core = quoted.slice(lead, quoted.endsWith('...') && quoted.length - 3 > lead ? -3 : undefined);
  const found = core.length > 0 ? line.indexOf(core) : 0;
  if (found === -1) return undefined;
  const column = found + caretColumn - lead;
  return column <= line.length ? lineStart + column : undefined;
}

/** The token at `at`: a quoted literal or name whole ('abc', "My col"), else a word, else one character. */
function tokenAt(sql: string, at: number): ErrorRange {
  const c = sql[at];
  if (c === "'" || c === '"') {
    // where the quote ends as the shared tokenizer reads it (doubled quotes, E'…' escapes)
    const quoted = tokenize(sql).find((t) => (t.kind === 'string' || t.kind === 'quoted') && t.from <= at && at < t.to);
    return { from: at, to: quoted?.to ?? sql.length };
  }
  let to = at;
  while (to < sql.length && /[\w$]/.test(sql[to]!)) to++;
  if (to === at) to = Math.min(sql.length, at + 1);
  return { from: Math.min(at, to), to: Math.max(to, at) };
}

/**
 * Where `range`, an error range of the text `sql` that ran, is in the editor's text `doc`. The text
 * ran from `ran` (the statement at the caret, the selection's ranges joined by newlines, or the whole
 * text) when those ranges still hold it: offsets are mapped through them, so the same text earlier in
 * the editor is not taken for it. Otherwise (it ran from the history, or the text moved since) the
 * first place the text is found; undefined when it is no longer there.
 */
export function placeInDoc(doc: string, ran: readonly ErrorRange[], sql: string, range: ErrorRange): ErrorRange | undefined {
  if (ran.length > 0 && ran.map((r) => doc.slice(r.from, r.to)).join('\n') === sql) {
    return { from: throughRanges(ran, range.from), to: throughRanges(ran, range.to) };
  }
  const base = doc.indexOf(sql);
  return base === -1 ? undefined : { from: base + range.from, to: Math.min(doc.length, base + range.to) };
}

/** The editor offset of `at`, an offset in the ranges' texts joined by newlines. */
function throughRanges(ranges: readonly ErrorRange[], at: number): number {
  let rest = at;
  for (const r of ranges) {
    if (rest <= r.to - r.from) return r.from + rest;
    rest -= r.to - r.from + 1;
  }
  return ranges.at(-1)!.to;
}

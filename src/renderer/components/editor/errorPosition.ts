import type { AppError } from '../../../shared/contracts/errors';

/** Where in a query's text DuckDB says it went wrong: a half-open character range. */
export interface ErrorRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Finds the error position in `sql`: from `details.position` when the engine passes DuckDB's own
 * offset along, otherwise from the message's "LINE n: <text>" line and the caret under it. DuckDB
 * elides long lines with "..." around the error, so the quoted text is located in the real line
 * rather than trusted as a column. The range covers the word at the position, at least one character.
 */
export function errorRange(error: Pick<AppError, 'message' | 'details'>, sql: string): ErrorRange | undefined {
  const fromDetails = positionFromDetails(error.details);
  const at = fromDetails !== undefined && fromDetails <= sql.length ? fromDetails : positionFromMessage(error.message, sql);
  return at === undefined ? undefined : wordAt(sql, at);
}

function positionFromDetails(details: AppError['details']): number | undefined {
  const raw = details?.['position'];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

const LINE_CONTEXT = /^LINE (\d+): (.*)\n( *)\^/m;

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

function wordAt(sql: string, at: number): ErrorRange {
  let to = at;
  while (to < sql.length && /[\w$]/.test(sql[to]!)) to++;
  if (to === at) to = Math.min(sql.length, at + 1);
  return { from: Math.min(at, to), to: Math.max(to, at) };
}

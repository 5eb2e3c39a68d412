import { statementSpans, type StatementSpan } from './statementSpans';

/**
 * The statement at the caret, one rule for the statement Ctrl/Cmd+Shift+Enter runs and the one the
 * instant preview shows, so the preview is always of what that key would run. As DataGrip picks
 * it: the one the caret is in (up to and including the place just before its semicolon); with the
 * caret after a semicolon, blanks or a comment on that semicolon's line, the statement that
 * semicolon ends; on a later line (a comment or blank line between statements, usually about the
 * next one) the next statement, and past the last statement the last one. Its `code` leaves out
 * the blanks and comments around it, and its semicolon. Undefined when the text holds no statement.
 */
export function statementAt(sql: string, caret: number): StatementSpan | undefined {
  const spans = statementSpans(sql);
  const next = spans.findIndex((s) => caret <= s.to);
  const inside = spans[next];
  if (inside && caret >= inside.code.from) return inside;
  const before = spans[(next === -1 ? spans.length : next) - 1];
  // `before.to` is its semicolon: the caret is after it, on its line or further down
  if (before && (!inside || !sql.slice(before.to, caret).includes('\n'))) return before;
  return inside;
}

import type { TextSpan } from '../../shared/instant/preview';
import { statementAt } from '../../shared/sql/statementAt';
import { identifierName, keyword, type Token } from '../../shared/sql/sqlTokens';

/**
 * Where, in the editor's text, the statement under the cursor and its CTEs are. The split and the
 * choice of the statement are the editor's too (src/shared/sql): the preview shows the statement
 * Ctrl/Cmd+Shift+Enter would run. DuckDB's parser then decides whether that stretch is one
 * statement and what its CTEs are (previewRunner.worker.ts checks the two agree, and previews
 * nothing it cannot pin down).
 */

export interface LocatedStatement {
  readonly span: TextSpan;
  /** The statement's tokens, offsets in the whole text. */
  readonly tokens: readonly Token[];
}

/**
 * The statement at `cursor` (statementAt.ts: the one the cursor is in; after a `;` on that `;`'s
 * line, the one it ends; on a blank or comment line between statements, the next; past the last,
 * the last), without the blanks and comments around it; undefined when the text holds no statement.
 */
export function locateStatement(text: string, cursor: number): LocatedStatement | undefined {
  const at = statementAt(text, cursor);
  return at && { span: at.code, tokens: at.tokens };
}

/** One CTE of a WITH clause, as written. */
export interface LocatedCte {
  /** Its name, as DuckDB compares names. */
  readonly name: string;
  /** From its name to its body's closing parenthesis, inclusive. */
  readonly span: TextSpan;
  /** Inside its body's parentheses. */
  readonly body: TextSpan;
  /** The body's own tokens. */
  readonly bodyTokens: readonly Token[];
}

export interface LocatedWith {
  /** Where the WITH keyword starts. */
  readonly from: number;
  readonly ctes: readonly LocatedCte[];
}

/**
 * The WITH clause that opens `tokens` (a statement, or a CTE's body), read as
 * `WITH [RECURSIVE] name [(cols)] [USING KEY (…)] AS [NOT] [MATERIALIZED] ( body ) [, …]`.
 * Undefined when the tokens do not start so; the caller compares the names with the parser's.
 */
export function locateWith(tokens: readonly Token[]): LocatedWith | undefined {
  let i = 0;
  // A statement may be wrapped in parentheses: (WITH … SELECT …) UNION …
  while (tokens[i]?.text === '(') i++;
  const open = tokens[i];
  if (keyword(open) !== 'WITH') return undefined;
  i++;
  if (keyword(tokens[i]) === 'RECURSIVE') i++;
  const ctes: LocatedCte[] = [];
  for (;;) {
    const nameToken = tokens[i];
    const name = nameToken && identifierName(nameToken);
    if (!nameToken || name === undefined) return undefined;
    i++;
    // Column aliases and USING KEY (…): skip balanced tokens up to AS.
    while (i < tokens.length && !(keyword(tokens[i]) === 'AS' && depthOk(tokens, nameToken, i))) i++;
    if (keyword(tokens[i]) !== 'AS') return undefined;
    i++;
    if (keyword(tokens[i]) === 'NOT') i++;
    if (keyword(tokens[i]) === 'MATERIALIZED') i++;
    if (tokens[i]?.text !== '(') return undefined;
    const openParen = i;
    const close = matchingParen(tokens, openParen);
    if (close === undefined) return undefined;
    const closeToken = tokens[close]!;
    const openToken = tokens[openParen]!;
    ctes.push({
      name,
      span: { from: nameToken.from, to: closeToken.to },
      body: { from: openToken.to, to: closeToken.from },
      bodyTokens: tokens.slice(openParen + 1, close),
    });
    i = close + 1;
    if (tokens[i]?.text !== ',') break;
    i++;
  }
  return { from: open!.from, ctes };
}

/** True when token `at` is at the same parenthesis depth as `start` (so an AS inside `(cols)` is not taken). */
function depthOk(tokens: readonly Token[], start: Token, at: number): boolean {
  let depth = 0;
  for (let j = tokens.indexOf(start) + 1; j < at; j++) {
    if (tokens[j]!.text === '(') depth++;
    else if (tokens[j]!.text === ')') depth--;
  }
  return depth === 0;
}

function matchingParen(tokens: readonly Token[], open: number): number | undefined {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return j;
  }
  return undefined;
}

/** The first keyword of a statement (for saying why it does not preview). */
export const firstKeyword = (tokens: readonly Token[]): string | undefined => keyword(tokens.find((t) => t.text !== '('));

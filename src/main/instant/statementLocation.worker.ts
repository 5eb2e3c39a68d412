import type { TextSpan } from '../../shared/instant/preview';
import { identifierName, keyword, tokenize, type Token } from './sqlTokens.worker';

/**
 * Where, in the editor's text, the statement under the cursor and its CTEs are. The split is
 * located here, at `;` outside strings, quoted names and comments; DuckDB's parser then decides
 * whether that stretch is one statement and what its CTEs are (previewRunner.worker.ts checks the
 * two agree, and previews nothing it cannot pin down).
 */

export interface LocatedStatement {
  readonly span: TextSpan;
  /** The statement's tokens, offsets in the whole text. */
  readonly tokens: readonly Token[];
}

/**
 * The statement holding `cursor`: the stretch between two `;` (a cursor right after a `;` is still
 * in the statement it ends). On a blank stretch (after the last `;`, or between statements) it is
 * the statement before; undefined when the text holds no statement at all.
 */
export function locateStatement(text: string, cursor: number): LocatedStatement | undefined {
  const segments: { end: number; tokens: Token[] }[] = [];
  let current: Token[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'punct' && t.text === ';') {
      segments.push({ end: t.to, tokens: current });
      current = [];
    } else current.push(t);
  }
  segments.push({ end: text.length, tokens: current });
  let at = segments.findIndex((s) => cursor <= s.end);
  if (at === -1) at = segments.length - 1;
  for (let i = at; i >= 0; i--) {
    const tokens = segments[i]!.tokens;
    if (tokens.length > 0) return { span: { from: tokens[0]!.from, to: tokens.at(-1)!.to }, tokens };
  }
  for (let i = at + 1; i < segments.length; i++) {
    const tokens = segments[i]!.tokens;
    if (tokens.length > 0) return { span: { from: tokens[0]!.from, to: tokens.at(-1)!.to }, tokens };
  }
  return undefined;
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

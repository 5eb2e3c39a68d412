import { tokenize, tokens, type Token } from './sqlTokens';

/** A half-open character range of a script's text. */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** Where one statement of a script is in its text: a half-open character range. */
export interface StatementSpan extends TextRange {
  /** The statement itself, without the blanks and comments around it: from its first token to the end of its last. */
  readonly code: TextRange;
  /** Its tokens (sqlTokens.ts), offsets in the whole text. */
  readonly tokens: readonly Token[];
}

/** What a script with no statement in it (blanks, comments, semicolons) is told when run. */
export const NO_STATEMENT = 'There is no SQL statement to run.';

/**
 * Whether `sql` holds a statement: anything but blanks, comments and semicolons (a text
 * statementSpans splits into none holds none). It stops at the first token that is not a `;`, so it
 * can be asked on every keystroke of a long script (a whole split of 5,000 lines takes ~200 ms).
 */
export function holdsStatement(sql: string): boolean {
  for (const t of tokens(sql)) if (!(t.kind === 'punct' && t.text === ';')) return true;
  return false;
}

/**
 * The statements of a script as DuckDB counts them: the text between semicolons, not counting
 * semicolons inside quotes ('…', "…", $tag$…$tag$, E'…' with backslash escapes) or comments
 * (--, nested /* … *\/), and skipping pieces with nothing but blanks and comments in them
 * (`select 1;; select 2` is two). Each span starts right after the semicolon before it, as the
 * text DuckDB's "LINE n" of that statement counts from does, and ends before its own semicolon.
 * One split for the editor's Run and the instant preview, so both mean the same statements.
 */
export function statementSpans(sql: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let from = 0;
  let tokens: Token[] = [];
  const end = (to: number): void => {
    if (tokens.length > 0) spans.push({ from, to, code: { from: tokens[0]!.from, to: tokens.at(-1)!.to }, tokens });
    from = to + 1;
    tokens = [];
  };
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') end(t.from);
    else tokens.push(t);
  }
  end(sql.length);
  return spans;
}

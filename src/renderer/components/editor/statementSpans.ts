/** Where one statement of a script is in its text: a half-open character range. */
export interface StatementSpan {
  readonly from: number;
  readonly to: number;
  /** The statement itself, without the blanks and comments around it: from its first token to the end of its last. */
  readonly code: { readonly from: number; readonly to: number };
}

/**
 * The statements of a script as DuckDB counts them: the text between semicolons, not counting
 * semicolons inside quotes ('…', "…", $tag$…$tag$, E'…' with backslash escapes) or comments
 * (--, nested /* … *\/), and skipping pieces with nothing but blanks and comments in them
 * (`select 1;; select 2` is two). Each span starts right after the semicolon before it, as the
 * text DuckDB's "LINE n" of that statement counts from does, and ends before its own semicolon.
 */
export function statementSpans(sql: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let from = 0;
  let content = false;
  let codeFrom = 0;
  let codeTo = 0;
  const end = (to: number): void => {
    if (content) spans.push({ from, to, code: { from: codeFrom, to: codeTo } });
    from = to + 1;
    content = false;
  };
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === ';') {
      end(i);
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = blockCommentEnd(sql, i);
    } else if (/\s/.test(c)) {
      i++;
    } else {
      if (!content) codeFrom = i;
      content = true;
      i = c === "'" || c === '"' || c === '$' ? quotedEnd(sql, i) : i + 1;
      codeTo = i;
    }
  }
  end(sql.length);
  return spans;
}

/** Past the end of the quoted text starting at `at`: '…' and "…" (a doubled quote stays inside), E'…', $tag$…$tag$. */
export function quotedEnd(sql: string, at: number): number {
  const q = sql[at]!;
  if (q === '$') {
    const tag = /[\w$]/.test(sql[at - 1] ?? '') ? undefined : /^\$[A-Za-z_]*\$/.exec(sql.slice(at))?.[0];
    if (!tag) return at + 1; // a parameter ($1) or part of a name (a$b)
    const close = sql.indexOf(tag, at + tag.length);
    return close === -1 ? sql.length : close + tag.length;
  }
  const escapes = q === "'" && /[eE]/.test(sql[at - 1] ?? '') && !/[\w$]/.test(sql[at - 2] ?? '');
  for (let i = at + 1; i < sql.length; i++) {
    if (escapes && sql[i] === '\\') i++;
    else if (sql[i] === q) {
      if (sql[i + 1] !== q) return i + 1;
      i++;
    }
  }
  return sql.length;
}

function blockCommentEnd(sql: string, at: number): number {
  let depth = 0;
  for (let i = at; i < sql.length; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}

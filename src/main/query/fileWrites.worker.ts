import { keyword, type Token } from '../../shared/sql/sqlTokens';

/**
 * Where a statement writes a file, as written: a path; an expression DuckDB evaluates to one (string
 * literals are one: DuckDB reads their escapes, and joins pieces split by a newline); or a target it
 * cannot name before the statement runs (a parameter: `TO $1`).
 */
export type WriteTarget =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'expression'; readonly sql: string }
  | { readonly kind: 'unknown'; readonly written: string };

const isPunct = (t: Token | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;

/** The index after the parenthesized group opening at `open` (the statement's end when it never closes). */
function afterGroup(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/** The first token at `from` or after, at the top level, that `matches`; the statement's end when none does. */
function nextTopLevel(tokens: readonly Token[], from: number, matches: (t: Token) => boolean): number {
  let i = from;
  while (i < tokens.length && !matches(tokens[i]!)) i = isPunct(tokens[i], '(') ? afterGroup(tokens, i) : i + 1;
  return i;
}

/** The target written from `at` up to its options' `(` (or the statement's end). */
function targetAt(sql: string, tokens: readonly Token[], at: number): WriteTarget | undefined {
  const first = tokens[at];
  if (!first) return undefined;
  if (isPunct(first, '(')) return { kind: 'expression', sql: sql.slice(first.from, tokens[afterGroup(tokens, at) - 1]!.to) };
  // the options follow in parentheses, perhaps after WITH
  const end = nextTopLevel(tokens, at, (t) => isPunct(t, '(') || keyword(t) === 'WITH');
  const parts = tokens.slice(at, end);
  if (parts.length === 0) return undefined;
  const written = sql.slice(first.from, parts.at(-1)!.to);
  if (parts.every((t) => t.kind === 'string')) return { kind: 'expression', sql: written };
  if (parts.length === 1 && first.kind === 'quoted') return { kind: 'path', path: first.text.slice(1, -1).replaceAll('""', '"') };
  // a bare path (`out.csv`) is its tokens touching one another; a parameter ($1, ?, $name) or anything else is not a name
  const touching = parts.every((t, i) => i === 0 || t.from === parts[i - 1]!.to);
  return touching && first.kind === 'word' ? { kind: 'path', path: written } : { kind: 'unknown', written };
}

/** A partitioned COPY's FILENAME_PATTERN that climbs out of the target's folder or names another: a path DuckDB cannot be held to. */
function climbingPatterns(sql: string, tokens: readonly Token[], from: number): WriteTarget[] {
  const found: WriteTarget[] = [];
  for (let i = from; i < tokens.length; i++) {
    if (keyword(tokens[i]) !== 'FILENAME_PATTERN') continue;
    const value = tokens.slice(i + 1, i + 3).find((t) => t.kind === 'string');
    if (!value || /[\\/]|\.\./.test(value.text)) found.push({ kind: 'unknown', written: sql.slice(tokens[i]!.from, (value ?? tokens[i]!).to) });
  }
  return found;
}

/** The words a setting follows (SET [GLOBAL|SESSION|LOCAL] name, PRAGMA name): a column of that name is no setting. */
const SETS: ReadonlySet<string> = new Set(['SET', 'PRAGMA', 'GLOBAL', 'SESSION', 'LOCAL']);

/**
 * Settings that name a file or folder DuckDB writes: each query's profile and each query's text are
 * written over the file named (`log_query_path` over workspace.duckdb's first bytes left DuckDB
 * unable to start again), spill, secret and extension files go into the folder named.
 */
const FILE_SETTINGS: ReadonlySet<string> = new Set(['PROFILING_OUTPUT', 'PROFILE_OUTPUT', 'LOG_QUERY_PATH', 'TEMP_DIRECTORY', 'SECRET_DIRECTORY', 'EXTENSION_DIRECTORY']);

/** The words in a script that may name a file DuckDB writes: dataDirGuard.worker.ts reads statements for targets only when one is there. */
export const MAY_WRITE_FILES = /\b(copy|export|profil(ing|e)_output|log_query_path|temp_directory|secret_directory|extension_directory|storage_path)\b/i;

/**
 * The files a statement tells DuckDB to write, read off its tokens (sqlTokens.ts): `COPY <table or
 * (query)> TO <target>`, inside a PREPARE or an EXPLAIN ANALYZE too, and `EXPORT DATABASE [name]
 * <target>`; a FILENAME_PATTERN that leaves the target's folder is one DuckDB cannot be held to;
 * and the file `profiling_output` names, which each query's profile is written over in place.
 * `COPY … FROM` reads, and `COPY FROM DATABASE a TO b` copies between attached databases: neither
 * writes a file of its own. The statement is DuckDB's to parse; this only finds where a target is
 * written, for dataDirGuard.worker.ts to ask what it names.
 */
export function fileWrites(sql: string, tokens: readonly Token[]): WriteTarget[] {
  const targets: WriteTarget[] = [];
  for (let i = 0; i < tokens.length; i = isPunct(tokens[i], '(') ? afterGroup(tokens, i) : i + 1) {
    const word = keyword(tokens[i]);
    if (word === 'COPY' && keyword(tokens[i + 1]) !== 'FROM') {
      // whatever the source is written as (a query, a name with blanks or comments in it, a column
      // list), its end is the first TO or FROM at the top level
      const to = nextTopLevel(tokens, i + 1, (t) => keyword(t) === 'TO' || keyword(t) === 'FROM');
      if (keyword(tokens[to]) !== 'TO') continue;
      const target = targetAt(sql, tokens, to + 1);
      if (target) targets.push(target, ...climbingPatterns(sql, tokens, to + 1));
    } else if (word !== undefined && FILE_SETTINGS.has(word) && SETS.has(keyword(tokens[i - 1]) ?? '')) {
      // SET profiling_output = 'f' (or TO, or PRAGMA profiling_output('f')): DuckDB writes over that file, or into that folder
      let j = i + 1;
      while (isPunct(tokens[j], '(') || tokens[j]?.text === '=' || keyword(tokens[j]) === 'TO') j++;
      const end = nextTopLevel(tokens, j, (t) => isPunct(t, ')'));
      const target = targetAt(sql, tokens.slice(0, end), j);
      if (target) targets.push(target);
    } else if (word === 'EXPORT' && keyword(tokens[i + 1]) === 'DATABASE') {
      // EXPORT DATABASE [name] target [(options)]: the target is the strings, quoted name or word before the options
      const end = nextTopLevel(tokens, i + 2, (t) => isPunct(t, '('));
      let start = end - 1;
      // back over strings split by newlines, or a bare path's touching tokens
      const joined = (a: Token, b: Token) => (a.kind === 'string' && b.kind === 'string') || (a.to === b.from && a.kind !== 'string' && b.kind !== 'string');
      while (start > i + 2 && joined(tokens[start - 1]!, tokens[start]!)) start--;
      const target = start > i + 1 ? targetAt(sql, tokens.slice(0, end), start) : undefined;
      if (target) targets.push(target);
    }
  }
  // CALL enable_logging(storage = 'file', storage_path = 'f'): the log goes there, inside a call's arguments
  for (let i = 0; i < tokens.length; i++) {
    if (keyword(tokens[i]) !== 'STORAGE_PATH') continue;
    let j = i + 1;
    while (tokens[j]?.text === ':' || tokens[j]?.text === '=' || tokens[j]?.text === ':=') j++;
    const end = nextTopLevel(tokens, j, (t) => isPunct(t, ',') || isPunct(t, ')'));
    const target = targetAt(sql, tokens.slice(0, end), j);
    if (target) targets.push(target);
  }
  return targets;
}

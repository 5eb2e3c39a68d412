import { keyword, type Token } from '../../shared/sql/sqlTokens';

/** Where a statement writes a file, as written: a path, or an expression DuckDB evaluates to one (a string literal is one: DuckDB reads its escapes). */
export type WriteTarget = { readonly kind: 'path'; readonly path: string } | { readonly kind: 'expression'; readonly sql: string };

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

/** A name or path written bare (`out.csv`, `db.main.t`): the tokens from `at` that touch one another. */
function bareRun(tokens: readonly Token[], at: number): number {
  let i = at + 1;
  while (i < tokens.length && tokens[i]!.from === tokens[i - 1]!.to && tokens[i]!.kind !== 'punct') i++;
  return i;
}

/** The target starting at `at`: a parenthesized expression, a string, a quoted name, or a bare path. */
function targetAt(sql: string, tokens: readonly Token[], at: number): WriteTarget | undefined {
  const t = tokens[at];
  if (!t || isPunct(t, ')') || isPunct(t, ',')) return undefined;
  if (isPunct(t, '(')) return { kind: 'expression', sql: sql.slice(t.from, tokens[afterGroup(tokens, at) - 1]!.to) };
  if (t.kind === 'string') return { kind: 'expression', sql: t.text };
  if (t.kind === 'quoted') return { kind: 'path', path: t.text.slice(1, -1).replaceAll('""', '"') };
  return { kind: 'path', path: sql.slice(t.from, tokens[bareRun(tokens, at) - 1]!.to) };
}

/**
 * The files a statement tells DuckDB to write, read off its tokens (sqlTokens.ts): `COPY <table or
 * (query)> TO <target>`, inside a PREPARE or an EXPLAIN ANALYZE too, and `EXPORT DATABASE [name]
 * <target>`. `COPY … FROM` reads, and `COPY FROM DATABASE a TO b` copies between attached databases:
 * neither writes a file of its own. The statement is DuckDB's to parse; this only finds where a
 * target is written, for dataDirGuard.worker.ts to ask what it names.
 */
export function fileWrites(sql: string, tokens: readonly Token[]): WriteTarget[] {
  const targets: WriteTarget[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    if (depth !== 0) continue;
    const word = keyword(t);
    if (word === 'COPY' && keyword(tokens[i + 1]) !== 'FROM') {
      // the source: a parenthesized query, or a table's name with perhaps its column list
      let j = isPunct(tokens[i + 1], '(') ? afterGroup(tokens, i + 1) : bareRun(tokens, i + 1);
      if (isPunct(tokens[j], '(')) j = afterGroup(tokens, j);
      if (keyword(tokens[j]) !== 'TO') continue;
      const target = targetAt(sql, tokens, j + 1);
      if (target) targets.push(target);
    } else if (word === 'EXPORT' && keyword(tokens[i + 1]) === 'DATABASE') {
      // EXPORT DATABASE [name] target [(options)]: the target is the last thing before the options
      let j = i + 2;
      let last: number | undefined;
      while (j < tokens.length && !isPunct(tokens[j], '(')) {
        last = j;
        j = tokens[j]!.kind === 'string' || tokens[j]!.kind === 'quoted' ? j + 1 : bareRun(tokens, j);
      }
      const target = last === undefined ? undefined : targetAt(sql, tokens, last);
      if (target) targets.push(target);
    }
  }
  return targets;
}

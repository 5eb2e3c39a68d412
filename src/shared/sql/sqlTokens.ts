/**
 * A small SQL tokenizer that only knows what hides a `;`, `(` or `,` from the parser: strings
 * ('…', E'…', $tag$…$tag$), quoted identifiers ("…") and comments (-- …, nested /* … *\/). It
 * decides no statement or CTE itself — DuckDB's parser does (docs/instant.md) — it only finds, in
 * the editor's text, where boundaries are: the statement split both the editor's Run and the instant
 * preview use (statementSpans.ts), the preview's CTEs, the history guard's names, the brackets the
 * editor's completion reads a query by (sqlGroups.ts).
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'punct' | 'other';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written (a quoted identifier with its quotes). */
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Blanks as DuckDB's parser reads them: ASCII's, and the Unicode spaces it turns into blanks before
 * parsing (a pasted no-break space is one); other Unicode spaces are letters of a name to it.
 */
const isUnicodeSpace = (c: string) => {
  const code = c.charCodeAt(0);
  return code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
};
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || (c >= '\u00a0' && isUnicodeSpace(c));
const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordPart = (c: string) => /[A-Za-z0-9_$]/.test(c) || (c >= '\u0080' && !isUnicodeSpace(c));

/** Every token of `text`; an unterminated string or comment runs to the end of the text. */
export const tokenize = (text: string): Token[] => [...tokens(text)];

/** The tokens of `text` one at a time, for a reader that may stop early (holdsStatement). */
export function* tokens(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '-' && next === '-') {
      // DuckDB ends a line comment at a carriage return too (a lone \r): what follows it is SQL
      let end = i + 2;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      i = end;
      continue;
    }
    if (c === '/' && next === '*') {
      i = blockCommentEnd(text, i);
      continue;
    }
    const from = i;
    if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      i = quotedEnd(text, c === "'" ? i : i + 1, "'", c !== "'");
      yield { kind: 'string', text: text.slice(from, i), from, to: i };
      continue;
    }
    if (c === '"') {
      i = quotedEnd(text, i, '"', false);
      yield { kind: 'quoted', text: text.slice(from, i), from, to: i };
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        yield { kind: 'string', text: text.slice(from, i), from, to: i };
        continue;
      }
    }
    if (isWordStart(c)) {
      while (i < n && isWordPart(text[i]!)) i++;
      yield { kind: 'word', text: text.slice(from, i), from, to: i };
      continue;
    }
    i++;
    yield { kind: c === ';' || c === '(' || c === ')' || c === ',' ? 'punct' : 'other', text: c, from, to: i };
  }
}

/** Where a quoted run ends (after its closing quote); a doubled quote is part of it, and a backslash escapes in E'…'. */
function quotedEnd(text: string, open: number, quote: string, backslashes: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslashes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Block comments nest in DuckDB (as in PostgreSQL). */
function blockCommentEnd(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** A word token's keyword, upper-cased; undefined for anything else. */
export const keyword = (t: Token | undefined): string | undefined => (t?.kind === 'word' ? t.text.toUpperCase() : undefined);

/** An identifier token's name as written: a quoted one's quotes and `""` undone (one still being typed has no closing quote). */
export function nameAsWritten(t: Token): string | undefined {
  if (t.kind === 'word') return t.text;
  if (t.kind !== 'quoted') return undefined;
  const closed = /^"((?:[^"]|"")*)"$/.exec(t.text);
  return (closed ? closed[1]! : t.text.slice(1)).replaceAll('""', '"');
}

/** An identifier token's name as DuckDB compares it: quotes removed; bare words case-folded. */
export const identifierName = (t: Token): string | undefined => nameAsWritten(t)?.toLowerCase();

import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';

/**
 * Rewrites a DuckDB column type's text so that chosen leaf types (HUGEINT inside a STRUCT, a LIST,
 * a MAP, …) become VARCHAR, giving a type to CAST the column to. DuckDB casts STRUCT, UNION, MAP,
 * LIST and ARRAY element-wise (STRUCT and UNION by name), so the cast keeps the shape and turns only
 * those leaves into their exact text.
 *
 * It reads the text the node-api's DuckDBType#toString writes (result columns) and DuckDB's own
 * (`typeof`, DESCRIBE): field names quoted or bare, `DECIMAL(38,10)`, `T[]`, `T[3]`, `ENUM('a')`,
 * `TIMESTAMP WITH TIME ZONE`. The output is rebuilt from tokens, never copied: every field name is
 * quoted with `quoteIdent`, every string with `literal`, and a bare word must be letters, digits or `_`,
 * so no type text, however odd, can carry SQL into the cast.
 */

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'punct'; readonly text: '(' | ')' | ',' | '[' | ']' };

/** A type: a leaf (any type that is not built of others), or one built of others. */
export type TypeNode =
  | { readonly kind: 'leaf'; readonly name: readonly Token[]; readonly args: readonly Token[] | undefined }
  | { readonly kind: 'struct' | 'union'; readonly fields: ReadonlyArray<{ readonly name: string; readonly type: TypeNode }> }
  | { readonly kind: 'map'; readonly key: TypeNode; readonly value: TypeNode }
  | { readonly kind: 'list'; readonly element: TypeNode }
  | { readonly kind: 'array'; readonly element: TypeNode; readonly size: string };

/** Type text this module does not understand; the caller decides what to do without a rewrite. */
export class TypeTextError extends Error {}

const PUNCT = new Set(['(', ')', ',', '[', ']']);
/** A bare word ends at a space, a bracket, a comma or a quote. */
const BARE = /[^\s()[\],"']+/uy;
/** What a bare word may be when written back into SQL unquoted. */
const SAFE_WORD = /^[\p{L}\p{N}_]+$/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      i++;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: 'punct', text: ch as '(' });
      i++;
    } else if (ch === '"' || ch === "'") {
      // a doubled quote stands for one; the first lone one closes
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new TypeTextError(`Unterminated ${ch} in type ${text}`);
        if (text[j] === ch) {
          if (text[j + 1] !== ch) break;
          j++;
        }
        value += text[j];
        j++;
      }
      tokens.push({ kind: ch === '"' ? 'quoted' : 'string', text: value });
      i = j + 1;
    } else {
      BARE.lastIndex = i;
      const word = BARE.exec(text)![0];
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  whole(): TypeNode {
    const node = this.type();
    if (this.at !== this.tokens.length) this.fail('text after the type');
    return node;
  }

  private fail(what: string): never {
    throw new TypeTextError(`Cannot read type ${this.text}: ${what}`);
  }
  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === p;
  }
  private expect(p: string): void {
    if (!this.isPunct(p)) this.fail(`expected ${p}`);
    this.at++;
  }
  private name(): string {
    const t = this.peek();
    if (t?.kind !== 'word' && t?.kind !== 'quoted') this.fail('expected a name');
    this.at++;
    return t.text;
  }

  /** A base type, then any number of `[]` (LIST) and `[n]` (ARRAY), innermost first. */
  private type(): TypeNode {
    let node = this.base();
    while (this.isPunct('[')) {
      this.at++;
      const t = this.peek();
      if (t?.kind === 'word' && /^\d+$/.test(t.text)) {
        this.at++;
        node = { kind: 'array', element: node, size: t.text };
      } else {
        node = { kind: 'list', element: node };
      }
      this.expect(']');
    }
    return node;
  }

  private base(): TypeNode {
    const first = this.peek();
    if (first?.kind !== 'word' && first?.kind !== 'quoted') this.fail('expected a type');
    const keyword = first.kind === 'word' ? first.text.toUpperCase() : '';
    const next = this.tokens[this.at + 1];
    const opens = next?.kind === 'punct' && next.text === '(';
    if (opens && (keyword === 'STRUCT' || keyword === 'UNION')) {
      this.at += 2;
      const fields: Array<{ name: string; type: TypeNode }> = [];
      for (;;) {
        fields.push({ name: this.name(), type: this.type() });
        if (!this.isPunct(',')) break;
        this.at++;
      }
      this.expect(')');
      return { kind: keyword === 'STRUCT' ? 'struct' : 'union', fields };
    }
    if (opens && keyword === 'MAP') {
      this.at += 2;
      const key = this.type();
      this.expect(',');
      const value = this.type();
      this.expect(')');
      return { kind: 'map', key, value };
    }
    // a leaf: one or more words (TIMESTAMP WITH TIME ZONE), then maybe arguments (DECIMAL(38,10))
    const name: Token[] = [first];
    this.at++;
    while (this.peek()?.kind === 'word') name.push(this.tokens[this.at++]!);
    if (!this.isPunct('(')) return { kind: 'leaf', name, args: undefined };
    const start = ++this.at;
    for (let depth = 1; depth > 0; this.at++) {
      const t = this.peek();
      if (t === undefined) this.fail('unbalanced (');
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
    }
    return { kind: 'leaf', name, args: this.tokens.slice(start, this.at - 1) };
  }
}

/** Reads a DuckDB type's text; throws TypeTextError on text it does not understand. */
export const parseType = (text: string): TypeNode => new Parser(tokenize(text), text).whole();

function tokenSql(t: Token): string {
  switch (t.kind) {
    case 'quoted':
      return quoteIdent(t.text);
    case 'string':
      return literal(t.text);
    case 'punct':
      return t.text;
    case 'word':
      if (!SAFE_WORD.test(t.text)) throw new TypeTextError(`Unexpected word in a type: ${t.text}`);
      return t.text;
  }
}

/** A leaf as SQL, and as the plain name the caller's test reads (`HUGEINT`, `DECIMAL(38,10)`). */
function leafSql(name: readonly Token[], args: readonly Token[] | undefined): { sql: string; plain: string } {
  const argSql = args === undefined ? '' : `(${args.map(tokenSql).join('')})`;
  return { sql: name.map(tokenSql).join(' ') + argSql, plain: name.map((t) => t.text).join(' ') + argSql };
}

/** The node as SQL, with each leaf `asText` picks replaced by VARCHAR; `changed` says whether any was. */
function render(node: TypeNode, asText: (leaf: string) => boolean): { sql: string; changed: boolean } {
  switch (node.kind) {
    case 'leaf': {
      const { sql, plain } = leafSql(node.name, node.args);
      return asText(plain) ? { sql: 'VARCHAR', changed: true } : { sql, changed: false };
    }
    case 'struct':
    case 'union': {
      const fields = node.fields.map((f) => ({ name: f.name, ...render(f.type, asText) }));
      const sql = `${node.kind.toUpperCase()}(${fields.map((f) => `${quoteIdent(f.name)} ${f.sql}`).join(', ')})`;
      return { sql, changed: fields.some((f) => f.changed) };
    }
    case 'map': {
      const key = render(node.key, asText);
      const value = render(node.value, asText);
      return { sql: `MAP(${key.sql}, ${value.sql})`, changed: key.changed || value.changed };
    }
    case 'list':
    case 'array': {
      const element = render(node.element, asText);
      return { sql: `${element.sql}[${node.kind === 'array' ? node.size : ''}]`, changed: element.changed };
    }
  }
}

/**
 * The type to cast a column of type `text` to so that every leaf `asText` picks, at any depth, is
 * written as its text; undefined when there is none (the column is written as it is).
 * Throws TypeTextError on type text it cannot read.
 */
export function typeWithLeavesAsText(text: string, asText: (leaf: string) => boolean): string | undefined {
  const { sql, changed } = render(parseType(text), asText);
  return changed ? sql : undefined;
}

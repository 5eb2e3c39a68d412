/**
 * A statement's words and brackets, for completion to find what a query defines (CTEs, subquery
 * aliases, their columns). Not lang-sql's tree: its tokenizer reads names as ASCII only (`émoji`
 * parses as an error and `moji`), and a name here is any script's letters or emoji.
 */

/** A word or quoted name (`text` the name itself, quotes and `""` undone), or a piece of syntax. */
export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** A bracketed run of tokens (`(select …)`, `(a, b)`); `to` is Infinity for one left open (being typed). */
export interface Group {
  readonly kind: 'group';
  readonly items: Item[];
  readonly from: number;
  to: number;
}

export type Item = Token | Group;

// The same letters as the completion's word (catalogCompletion.ts): any script, digits, emoji.
const NAME = /[\p{L}_\p{Extended_Pictographic}\p{Regional_Indicator}](?:[\p{L}_\p{Extended_Pictographic}\p{Regional_Indicator}\p{M}\p{N}$\p{Emoji_Modifier}]|\u200d)*/uy;
const SPACE = /\s+/y;
const LINE_COMMENT = /--[^\n]*/y;
const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/y;
const STRING = /[eEbBxX]?'(?:[^']|'')*(?:'|$)/y;
const DOLLAR_STRING = /\$([\p{L}_]*)\$[\s\S]*?(?:\$\1\$|$)/uy;
const QUOTED = /"((?:[^"]|"")*)(?:"|$)/y;
const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+/y;
const OPERATOR = /::|[<>!=|&+\-*/%^~@#?]+/y;

const at = (re: RegExp, text: string, pos: number): RegExpExecArray | null => {
  re.lastIndex = pos;
  return re.exec(text);
};

/** The tokens of `text` (comments and spaces dropped), offsets counted from `offset`. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const push = (kind: Token['kind'], length: number, name?: string) => {
    tokens.push({ kind, text: name ?? text.slice(pos, pos + length), from: offset + pos, to: offset + pos + length });
    pos += length;
  };
  while (pos < text.length) {
    let m: RegExpExecArray | null;
    if ((m = at(SPACE, text, pos) ?? at(LINE_COMMENT, text, pos) ?? at(BLOCK_COMMENT, text, pos))) pos += m[0].length;
    else if ((m = at(STRING, text, pos) ?? at(DOLLAR_STRING, text, pos))) push('string', m[0].length);
    else if ((m = at(QUOTED, text, pos))) push('quoted', m[0].length, m[1]!.replaceAll('""', '"'));
    else if ((m = at(NAME, text, pos))) push('word', m[0].length);
    else if ((m = at(NUMBER, text, pos))) push('number', m[0].length);
    else if ((m = at(OPERATOR, text, pos))) push('punct', m[0].length);
    else push('punct', text.codePointAt(pos)! > 0xffff ? 2 : 1);
  }
  return tokens;
}

/** The tokens nested by their brackets: `(`…`)` become groups, the brackets themselves dropped. */
export function nest(tokens: readonly Token[]): Group {
  const root: Group = { kind: 'group', items: [], from: -Infinity, to: Infinity };
  const open: Group[] = [root];
  for (const t of tokens) {
    const inner = open.at(-1)!;
    if (t.text === '(') {
      const group: Group = { kind: 'group', items: [], from: t.from, to: Infinity };
      inner.items.push(group);
      open.push(group);
    } else if (t.text === ')') {
      if (open.length > 1) open.pop()!.to = t.to;
    } else inner.items.push(t);
  }
  return root;
}

/** The word's lower-cased text when `item` is a bare word (keywords included), else undefined. */
export const wordOf = (item: Item | undefined): string | undefined => (item?.kind === 'word' ? item.text.toLowerCase() : undefined);

/** The text of a piece of syntax (`,`, `.`, `*`), else undefined. */
export const punctOf = (item: Item | undefined): string | undefined => (item?.kind === 'punct' ? item.text : undefined);

/** The name a bare word or quoted name stands for (quotes undone), else undefined. */
export const nameOf = (item: Item | undefined): string | undefined => (item?.kind === 'word' || item?.kind === 'quoted' ? item.text : undefined);

/**
 * A statement's tokens nested by their brackets, for completion to find what a query defines (CTEs,
 * subquery aliases, their columns). Not lang-sql's tree: its tokenizer reads names as ASCII only
 * (`émoji` parses as an error and `moji`); the shared tokenizer reads them, comments and strings as
 * DuckDB does.
 */
import { nameAsWritten, tokenize, type Token } from '../../../shared/sql/sqlTokens';

export type { Token };

/** A bracketed run of tokens (`(select …)`, `(a, b)`); `to` is Infinity for one left open (being typed). */
export interface Group {
  readonly kind: 'group';
  readonly items: Item[];
  readonly from: number;
  to: number;
}

export type Item = Token | Group;

/** The tokens of `text` (comments and spaces dropped), offsets counted from `offset` (where `text` starts in the document). */
export const tokensAt = (text: string, offset = 0): Token[] => tokenize(text).map((t) => ({ ...t, from: t.from + offset, to: t.to + offset }));

/** The tokens nested by their brackets: `(`…`)` become groups, the brackets themselves dropped. */
export function nest(tokens: readonly Token[]): Group {
  const root: Group = { kind: 'group', items: [], from: -Infinity, to: Infinity };
  const open: Group[] = [root];
  for (const t of tokens) {
    const inner = open.at(-1)!;
    if (t.kind === 'punct' && t.text === '(') {
      const group: Group = { kind: 'group', items: [], from: t.from, to: Infinity };
      inner.items.push(group);
      open.push(group);
    } else if (t.kind === 'punct' && t.text === ')') {
      if (open.length > 1) open.pop()!.to = t.to;
    } else inner.items.push(t);
  }
  return root;
}

/** The word's lower-cased text when `item` is a bare word (keywords included), else undefined. */
export const wordOf = (item: Item | undefined): string | undefined => (item?.kind === 'word' ? item.text.toLowerCase() : undefined);

/** The text of a piece of syntax (`,`, `.`, `*`, one character each), else undefined. */
export const punctOf = (item: Item | undefined): string | undefined => (item?.kind === 'punct' || item?.kind === 'other' ? item.text : undefined);

/** Whether `item` is a digit of a number (the tokenizer leaves numbers as their characters). */
export const isDigit = (item: Item | undefined): boolean => item?.kind === 'other' && item.text >= '0' && item.text <= '9';

/** The name a bare word or quoted name stands for (quotes undone), else undefined. */
export const nameOf = (item: Item | undefined): string | undefined => (item?.kind === 'word' || item?.kind === 'quoted' ? nameAsWritten(item) : undefined);

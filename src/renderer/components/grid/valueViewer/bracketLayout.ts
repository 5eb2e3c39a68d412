/**
 * Pretty-printing of bracketed text as it is, never parsed into values: a JSON document keeps
 * 12345678901234567890 and 2.50 exactly (JSON.parse would round the one and drop the zero of the
 * other), and DuckDB's text of a STRUCT, LIST or MAP (`{'a': [1, 2]}`, `{k=v}`) is no JSON at all.
 * Only brackets, commas and quoted strings are read; every other character is copied.
 */

/** `json`: only `"` quotes and whitespace outside strings is insignificant; `duckdb`: DuckDB's nested text, `'` or `"` quotes, spaces kept (an unquoted string may hold them). */
export type Dialect = 'json' | 'duckdb';

/** A group written on one line when it fits this many characters, indentation included. */
export const LINE_WIDTH = 72;
/** Groups nested deeper are written on one line: indenting 1,000 levels would draw megabytes of spaces. */
export const MAX_DEPTH = 16;

type Part = string | Group;
interface Group {
  readonly open: string;
  readonly close: string;
  /** The group's items between its commas, each text and nested groups. */
  readonly items: Part[][];
}

const CLOSE: Record<string, string> = { '{': '}', '[': ']' };

/**
 * Runs of text, quoted strings (a backslash escapes the next character) and the characters that
 * shape a group, one regex match each: a character at a time took 0.7 s over a 1 MB document. A
 * string left open matches nothing, which ends the parse.
 */
const TOKENS: Record<Dialect, RegExp> = {
  json: /\s+|"[^"\\]*(?:\\[\s\S][^"\\]*)*"|[{}[\],:]|[^\s"{}[\],:]+/y,
  duckdb: /'[^'\\]*(?:\\[\s\S][^'\\]*)*'|"[^"\\]*(?:\\[\s\S][^"\\]*)*"|[{}[\],]|[^'"{}[\],]+/y,
};

/** The bracketed text as one group; undefined when it is not one (text around it, unbalanced, a string left open). */
export function parseGroup(text: string, dialect: Dialect): Group | undefined {
  const tokens = TOKENS[dialect];
  tokens.lastIndex = 0;
  const stack: Group[] = [];
  let root: Group | undefined;
  let read = 0;
  for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
    const token = match[0];
    read = tokens.lastIndex;
    const c = token[0]!;
    const item = stack.at(-1)?.items.at(-1);
    if (root || !item) {
      // before the group and after it: whitespace only
      if (/^\s+$/.test(token)) continue;
      if (root || CLOSE[c] === undefined) return undefined;
    }
    if (token.length === 1 && CLOSE[c] !== undefined) {
      stack.push({ open: c, close: CLOSE[c], items: [[]] });
    } else if (token === '}' || token === ']') {
      if (stack.at(-1)?.close !== token) return undefined;
      const group = stack.pop()!;
      // a nested group joins its parent's item when it closes, after the text before it
      if (stack.length === 0) root = group;
      else stack.at(-1)!.items.at(-1)!.push(group);
    } else if (token === ',') {
      stack.at(-1)!.items.push([]);
    } else if (dialect === 'json' && /^\s/.test(c)) {
      continue; // whitespace between JSON's tokens means nothing; items are spaced as DuckDB spaces them
    } else {
      item!.push(dialect === 'json' && token === ':' ? ': ' : token);
    }
  }
  return read === text.length ? root : undefined;
}

const isEmpty = (g: Group): boolean => g.items.length === 1 && g.items[0]!.length === 0;

function flat(g: Group): string {
  return isEmpty(g) ? g.open + g.close : g.open + g.items.map((item) => itemText(item, flat)).join(', ') + g.close;
}

/** An item's parts joined, the spaces around it (after its comma, before the next) left out. */
function itemText(parts: readonly Part[], group: (g: Group) => string): string {
  const text = parts.map((p, i) => {
    if (typeof p !== 'string') return group(p);
    const head = i === 0 ? p.trimStart() : p;
    return i === parts.length - 1 ? head.trimEnd() : head;
  });
  return text.join('');
}

/**
 * Whether the group written on one line takes at most `budget` characters, counted without writing
 * it: writing every group flat to measure it made laying out a 200 KB document take 0.2 s.
 */
function fits(g: Group, budget: number): boolean {
  let left = budget - 2;
  for (let i = 0; i < g.items.length && left >= 0; i++) {
    const parts = g.items[i]!;
    if (i > 0) left -= 2;
    for (let j = 0; j < parts.length && left >= 0; j++) {
      const p = parts[j]!;
      if (typeof p !== 'string') left = fits(p, left) ? left - flat(p).length : -1;
      else left -= (j === 0 ? p.trimStart() : p).length - (j === parts.length - 1 ? p.length - p.trimEnd().length : 0);
    }
  }
  return left >= 0;
}

function layout(g: Group, indent: string, depth: number): string {
  if (isEmpty(g) || depth >= MAX_DEPTH || fits(g, LINE_WIDTH - indent.length)) return flat(g);
  const inner = `${indent}  `;
  const items = g.items.map((item) => inner + itemText(item, (child) => layout(child, inner, depth + 1)));
  return `${g.open}\n${items.join(',\n')}\n${indent}${g.close}`;
}

/**
 * The text laid out one item a line, indented two spaces a level; a group that fits LINE_WIDTH
 * stays on one line (`[1, 2, 3]`). Undefined when the text is not one bracketed group.
 */
export function layoutBrackets(text: string, dialect: Dialect): string | undefined {
  const root = parseGroup(text, dialect);
  return root && layout(root, '', 0);
}

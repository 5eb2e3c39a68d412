import { NOT_A_NAME } from '../../../shared/sql/sqlIdentifier';
import { isDigit, nameOf, punctOf, wordOf, type Group, type Item } from './sqlGroups';

/** A column a relation of the query has: its type when it can be told (a column read as it is). */
export interface RelationColumn {
  readonly name: string;
  readonly type?: string | undefined;
}

/** The columns of a catalog table by how a query names it (`cars`, `two.cars`), undefined when the catalog has no such table. */
export type CatalogColumns = (path: readonly string[]) => readonly RelationColumn[] | undefined;

/** What a FROM item reads: a table or CTE by name, a subquery, or something whose columns cannot be told (`read_csv(…)`). */
type Source = { kind: 'path'; path: string[] } | { kind: 'query'; body: Group } | { kind: 'unknown' };
interface FromItem {
  readonly name: string | undefined;
  readonly source: Source;
  readonly columnAliases: string[] | undefined;
}

/** The groups enclosing `pos`, innermost first, down to the statement itself: the scopes a name at `pos` is looked up in. */
export function scopesAt(root: Group, pos: number): Group[] {
  const chain = [root];
  for (let level: Group | undefined = root; level; ) {
    level = level.items.find((i): i is Group => i.kind === 'group' && i.from < pos && pos < i.to);
    if (level) chain.unshift(level);
  }
  return chain;
}

const JOINING = new Set(['from', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'natural', 'positional', 'asof', 'anti', 'semi']);
const QUERY_START = new Set(['select', 'with', 'from', 'values', 'pivot', 'unpivot', 'summarize', 'describe', 'table']);
const SELECT_END = new Set(['from', 'where', 'group', 'having', 'order', 'limit', 'offset', 'qualify', 'window', 'union', 'intersect', 'except', 'into', 'fetch', 'using']);
const nameKey = (name: string) => name.toLowerCase();
const isName = (item: Item | undefined) => nameOf(item) !== undefined && !NOT_A_NAME.has(wordOf(item) ?? '');
const names = (group: Group): string[] => group.items.map(nameOf).filter((n): n is string => n !== undefined);

/** Each level's FROM items and CTEs once: a long chain of CTEs asks for them per column it reads. */
const fromCache = new WeakMap<Group, FromItem[]>();
const cteCache = new WeakMap<Group, Map<string, Cte>>();

/** A level's FROM items (`cars c`, `(select …) s(a, b)`, `read_csv('x') r`). */
function fromItems(level: Group): FromItem[] {
  let items = fromCache.get(level);
  if (!items) fromCache.set(level, (items = scanFrom(level).items));
  return items;
}

/** A level's FROM items up to `pos`, and whether `pos` is where one starts. */
function scanFrom(level: Group, pos = Infinity): { items: FromItem[]; namingTableAt: boolean } {
  const runs: Item[][] = [];
  let run: Item[] | undefined;
  let last: string | undefined;
  for (const item of level.items) {
    if (item.from >= pos) break;
    const word = wordOf(item);
    if (word !== undefined && JOINING.has(word)) runs.push((run = []));
    else if (word === 'lateral') continue;
    else if (word !== undefined && word !== 'as' && NOT_A_NAME.has(word)) run = undefined;
    else if (run && punctOf(item) === ',') runs.push((run = []));
    else run?.push(item);
    last = wordOf(item) ?? punctOf(item);
  }
  // after `left`, `natural`… a person types `join`: only `from`, `join` and a FROM list's comma name a table next
  const namingTableAt = run !== undefined && run.length === 0 && (last === 'from' || last === 'join' || last === ',');
  return { items: runs.filter((r) => r.length > 0).map(fromItem), namingTableAt };
}

function fromItem(run: Item[]): FromItem {
  let i = 0;
  let source: Source;
  const first = run[0]!;
  if (first.kind === 'group') {
    source = QUERY_START.has(wordOf(first.items[0]) ?? '') ? { kind: 'query', body: first } : { kind: 'unknown' };
    i = 1;
  } else {
    const path: string[] = [];
    while (nameOf(run[i]) !== undefined) {
      path.push(nameOf(run[i++])!);
      if (punctOf(run[i]) !== '.') break;
      i++;
    }
    // a function call (`read_csv('x')`) has columns only DuckDB can tell
    if (run[i]?.kind === 'group') {
      source = { kind: 'unknown' };
      i++;
    } else source = path.length > 0 ? { kind: 'path', path } : { kind: 'unknown' };
  }
  if (wordOf(run[i]) === 'as') i++;
  const alias = isName(run[i]) ? nameOf(run[i++]) : undefined;
  const list = alias !== undefined && run[i]?.kind === 'group' ? names(run[i] as Group) : undefined;
  const name = alias ?? (source.kind === 'path' ? source.path.at(-1) : undefined);
  return { name, source, columnAliases: list };
}

interface Cte {
  readonly name: string;
  readonly body: Group;
  readonly columnAliases: string[] | undefined;
}

/** The CTEs a level defines: `with t(a, b) as (…), u as materialized (…)`, by their name's key. */
function ctes(level: Group): Map<string, Cte> {
  let found = cteCache.get(level);
  if (found) return found;
  cteCache.set(level, (found = new Map<string, Cte>()));
  const items = level.items;
  for (let i = 1; i < items.length; i++) {
    const before = wordOf(items[i - 1]) ?? punctOf(items[i - 1]) ?? '';
    if (!['with', 'recursive', ','].includes(before) || nameOf(items[i]) === undefined) continue;
    let j = i + 1;
    const list = items[j]?.kind === 'group' ? names(items[j++] as Group) : undefined;
    if (wordOf(items[j++]) !== 'as') continue;
    while (wordOf(items[j]) === 'not' || wordOf(items[j]) === 'materialized') j++;
    const body = items[j];
    if (body?.kind === 'group') found.set(nameKey(nameOf(items[i])!), { name: nameOf(items[i])!, body, columnAliases: list });
  }
  return found;
}

/** Works out what names mean at one place in a statement, reading each subquery at most once per question. */
class Resolver {
  private readonly visiting = new Set<Group>();
  // each query's columns once: a chain of CTEs each reading the last would otherwise be read anew per column, exponentially
  private readonly outputs = new Map<Group, readonly RelationColumn[] | undefined>();
  /** `typing`: the groups the cursor is in; a query being typed is not read for its own columns (a CTE is not its own relation). */
  constructor(
    private readonly catalog: CatalogColumns,
    typing: readonly Group[] = [],
  ) {
    for (const group of typing) this.visiting.add(group);
  }

  /** The columns of the FROM item or CTE `name` seen from `scopes` (innermost first); null when none is called that. */
  named(name: string, scopes: readonly Group[]): readonly RelationColumn[] | undefined | null {
    for (let s = 0; s < scopes.length; s++) {
      const item = fromItems(scopes[s]!).find((f) => f.name !== undefined && nameKey(f.name) === nameKey(name));
      const columns = item && this.itemColumns(item, scopes.slice(s));
      // a table read by a name the catalog does not know as a table (`from two.|`, a database file) is lang-sql's to complete
      if (item && (columns !== undefined || item.source.kind !== 'path' || item.name !== item.source.path.at(-1))) return columns;
      const cte = ctes(scopes[s]!).get(nameKey(name));
      if (cte) return this.cteColumns(cte, scopes.slice(s));
    }
    return null;
  }

  private cteColumns(cte: Cte, scopes: readonly Group[]): readonly RelationColumn[] | undefined {
    return withAliases(this.output(cte.body, scopes), cte.columnAliases);
  }

  itemColumns(item: FromItem, scopes: readonly Group[]): readonly RelationColumn[] | undefined {
    const { source } = item;
    let columns: readonly RelationColumn[] | undefined;
    if (source.kind === 'query') columns = this.output(source.body, scopes);
    else if (source.kind === 'path') {
      const cte = source.path.length === 1 ? scopes.map(ctes).find((c) => c.has(nameKey(source.path[0]!)))?.get(nameKey(source.path[0]!)) : undefined;
      columns = cte && !this.visiting.has(cte.body) ? this.cteColumns(cte, scopes) : this.catalog(source.path);
    }
    return withAliases(columns, item.columnAliases);
  }

  /** The columns a query (`select …`, `from x`) gives, as its select list names them. */
  private output(body: Group, outer: readonly Group[]): readonly RelationColumn[] | undefined {
    if (this.outputs.has(body)) return this.outputs.get(body);
    if (this.visiting.has(body)) return undefined;
    this.visiting.add(body);
    try {
      const columns = this.selectList(body, outer);
      this.outputs.set(body, columns);
      return columns;
    } finally {
      this.visiting.delete(body);
    }
  }

  private selectList(body: Group, outer: readonly Group[]): readonly RelationColumn[] | undefined {
    const scopes = [body, ...outer];
    const items = body.items;
    const select = items.findIndex((i) => wordOf(i) === 'select');
    const from = fromItems(body);
    if (select === -1) return items.some((i) => wordOf(i) === 'from') ? this.star(from, scopes) : undefined;
    let i = select + 1;
    while (['distinct', 'all'].includes(wordOf(items[i]) ?? '')) i++;
    if (wordOf(items[i]) === 'on' && items[i + 1]?.kind === 'group') i += 2;
    const columns: RelationColumn[] = [];
    for (let item: Item[] = []; ; i++) {
      const next = items[i];
      if (next === undefined || SELECT_END.has(wordOf(next) ?? '') || punctOf(next) === ',') {
        columns.push(...this.selectItem(item, from, scopes));
        if (punctOf(next) !== ',') break;
        item = [];
      } else item.push(next);
    }
    const seen = new Set<string>();
    return columns.filter((c) => !seen.has(nameKey(c.name)) && seen.add(nameKey(c.name)));
  }

  private star(from: readonly FromItem[], scopes: readonly Group[]): RelationColumn[] {
    return from.flatMap((f) => this.itemColumns(f, scopes) ?? []);
  }

  /** What one item of a select list names: `*`, `x.*`, `a`, `x.a`, `expr as b`, `expr b`; nothing for an expression DuckDB names itself. */
  private selectItem(item: readonly Item[], from: readonly FromItem[], scopes: readonly Group[]): RelationColumn[] {
    if (punctOf(item[0]) === '*') {
      const excluded = wordOf(item[1]) === 'exclude' && item[2]?.kind === 'group' ? new Set(names(item[2]).map(nameKey)) : new Set<string>();
      return this.star(from, scopes).filter((c) => !excluded.has(nameKey(c.name)));
    }
    if (item.length === 3 && punctOf(item[1]) === '.' && punctOf(item[2]) === '*') {
      const f = from.find((x) => x.name !== undefined && nameKey(x.name) === nameKey(nameOf(item[0]) ?? ''));
      return f ? [...(this.itemColumns(f, scopes) ?? [])] : [];
    }
    const explicit = wordOf(item.at(-2)) === 'as';
    const implicit = item.length >= 2 && isName(item.at(-1)) && endsExpression(item.at(-2));
    const expr = explicit ? item.slice(0, -2) : implicit ? item.slice(0, -1) : item;
    const ref = columnRef(expr);
    const type = ref ? this.typeOf(ref, from, scopes) : undefined;
    if (explicit || implicit) return nameOf(item.at(-1)) === undefined ? [] : [{ name: nameOf(item.at(-1))!, type }];
    return ref ? [{ name: ref.name, type }] : [];
  }

  private typeOf(ref: { qualifier: string | undefined; name: string }, from: readonly FromItem[], scopes: readonly Group[]): string | undefined {
    const candidates = ref.qualifier === undefined ? from : from.filter((f) => f.name !== undefined && nameKey(f.name) === nameKey(ref.qualifier!));
    for (const f of candidates) {
      const column = this.itemColumns(f, scopes)?.find((c) => nameKey(c.name) === nameKey(ref.name));
      if (column) return column.type;
    }
    return undefined;
  }
}

/** `a` or `x.a`: a select item that is a column as it is (its name and type are the column's). */
function columnRef(expr: readonly Item[]): { qualifier: string | undefined; name: string } | undefined {
  if (expr.length === 3 && isName(expr[0]) && punctOf(expr[1]) === '.' && nameOf(expr[2]) !== undefined) return { qualifier: nameOf(expr[0]), name: nameOf(expr[2])! };
  return expr.length === 1 && isName(expr[0]) ? { qualifier: undefined, name: nameOf(expr[0])! } : undefined;
}

/** Whether `item` can end an expression, so that a name after it is an alias (`count(*) n`, `case … end n`), not an operand (`a and b`). */
function endsExpression(item: Item | undefined): boolean {
  // a number's last digit ends one (`1 n`); other syntax (`+`, `,`) does not
  if (item === undefined || (punctOf(item) !== undefined && !isDigit(item))) return false;
  const word = wordOf(item);
  return word === undefined || !NOT_A_NAME.has(word) || ['end', 'null', 'true', 'false'].includes(word);
}

/** `(…) s(a, b)`: the list renames the first columns, in order. */
function withAliases(columns: readonly RelationColumn[] | undefined, aliases: readonly string[] | undefined): readonly RelationColumn[] | undefined {
  if (!aliases) return columns;
  return [...aliases.map((name, i) => ({ name, type: columns?.[i]?.type })), ...(columns ?? []).slice(aliases.length)];
}

/**
 * The columns of what `qualifier` names at `pos` (a CTE, a subquery's alias, a table's alias or a
 * table the FROM reads): null when the statement defines no such name (it may be a catalog name
 * lang-sql knows, `two.`), undefined when it does but its columns cannot be told.
 */
export function qualifierColumns(root: Group, pos: number, qualifier: string, catalog: CatalogColumns): readonly RelationColumn[] | undefined | null {
  return new Resolver(catalog).named(qualifier, scopesAt(root, pos));
}

/** A relation a FROM reads, as the query names it (`two.cars`, a subquery's alias), and its columns. */
export interface ScopeRelation {
  readonly label: string;
  readonly columns: readonly RelationColumn[];
}

/**
 * The relations a bare column name at `pos` may come from: the FROM items of the query at `pos`,
 * then of each query around it (a correlated subquery reads the outer query's). One whose columns
 * cannot be told, or that holds `pos` (a subquery being typed), gives none.
 */
export function relationsInScope(root: Group, pos: number, catalog: CatalogColumns): ScopeRelation[] {
  const scopes = scopesAt(root, pos);
  const resolver = new Resolver(catalog, scopes.slice(0, -1));
  return scopes.flatMap((scope, s) =>
    fromItems(scope).flatMap((item) => {
      const columns = resolver.itemColumns(item, scopes.slice(s));
      const label = item.source.kind === 'path' ? item.source.path.join('.') : (item.name ?? 'subquery');
      return columns && columns.length > 0 ? [{ label, columns }] : [];
    }),
  );
}

/** Whether `pos` is where a FROM or JOIN names a table (`from |`, `join |`, `from a, |`), and the CTE names seen from there. */
export function tablePosition(root: Group, pos: number): { cteNames: string[] } | undefined {
  const scopes = scopesAt(root, pos);
  if (!scanFrom(scopes[0]!, pos).namingTableAt) return undefined;
  return { cteNames: scopes.flatMap((s) => [...ctes(s).values()].map((c) => c.name)) };
}

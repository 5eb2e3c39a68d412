import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { HISTORY_SCHEMA, HISTORY_VIEWS } from '../../../shared/history/historySchema';
import { quoteIdent, sqlIdentifier } from '../../../shared/sql/sqlIdentifier';
import type { DatasetView } from '../../../shared/views/appView';
import { afterDot, quotedNameStart, WORD_SPAN, wordStart } from './completionWord';
import { qualifierColumns, relationsInScope, tablePosition, type CatalogColumns, type RelationColumn, type ScopeRelation } from './queryRelations';
import { nameOf, nest, punctOf, tokensAt, type Group, type Token } from './sqlGroups';
import { isReady } from '../../../shared/domain/datasetLifecycle';

/** How a query names each table of the catalog (`cars`, `two.cars` or `two.main.cars`, `two.staging.cars`, `sextant.queries`), case-insensitively, with its columns. */
const catalogs = new WeakMap<readonly DatasetView[], CatalogColumns>();
export function catalogColumns(datasets: readonly DatasetView[]): CatalogColumns {
  const known = catalogs.get(datasets);
  if (known) return known;
  const tables = new Map<string, readonly RelationColumn[]>();
  const add = (path: readonly string[], columns: readonly RelationColumn[]) => tables.set(path.join('\u0000').toLowerCase(), columns);
  for (const d of datasets) {
    if (!isReady(d.status) || !d.name) continue;
    if (!d.tables) add([d.name], d.columns);
    for (const t of d.tables?.filter((x) => x.unreadable === undefined) ?? []) {
      if (t.schema === undefined) add([d.name, 'main', t.name], t.columns);
      add(t.schema === undefined ? [d.name, t.name] : [d.name, t.schema, t.name], t.columns);
    }
  }
  for (const [view, columns] of Object.entries(HISTORY_VIEWS)) add([HISTORY_SCHEMA, view], columns);
  const lookup: CatalogColumns = (path) => tables.get(path.join('\u0000').toLowerCase());
  catalogs.set(datasets, lookup);
  return lookup;
}

/**
 * The statement at the cursor nested by brackets, from lang-sql's statement bounds; the last one
 * asked is kept (every source asks per keystroke). A quoted name being typed ends at the cursor:
 * left open (`t."Na| from cars t`), it would run to the text's end and swallow the FROM.
 */
let last: { state: EditorState; from: number; cut: number | undefined; root: Group } | undefined;
function statementAt(context: CompletionContext): Group {
  const { state, pos } = context;
  const cut = quotedNameStart(context) === undefined ? undefined : pos;
  let from = 0;
  let to = state.doc.length;
  for (let node = syntaxTree(state).topNode.firstChild; node; node = node.nextSibling) {
    if (node.name !== 'Statement' || state.sliceDoc(node.to - 1, node.to) !== ';') continue;
    // a statement ended by `;` before the cursor is done: the cursor's starts after it and ends at the next `;`
    if (node.to <= pos) from = node.to;
    else {
      to = node.to;
      break;
    }
  }
  if (last?.state === state && last.from === from && last.cut === cut) return last.root;
  const root = nest(cut === undefined ? tokensAt(state.sliceDoc(from, to), from) : [...tokensAt(state.sliceDoc(from, cut), from), ...tokenAfterQuote(state, cut, to)]);
  last = { state, from, cut, root };
  return root;
}

/** The tokens after a quoted name being typed at `pos`: past the rest of it and its closing quote when it has one (`"Na|me"`), up to the statement's `;`. */
function tokenAfterQuote(state: EditorState, pos: number, to: number): Token[] {
  const rest = /^(?:[^"\s]|"")*"/.exec(state.sliceDoc(pos, to));
  const after = pos + (rest?.[0].length ?? 0);
  const text = state.sliceDoc(after, to);
  const end = text.indexOf(';');
  return tokensAt(end === -1 ? text : text.slice(0, end + 1), after);
}

/** The qualifier before `x.|`, `x.na|` or `x."Na|` (`x` when it is one name), if the name being typed follows one; `quoted` when that name is. */
function qualifierAt(context: CompletionContext): { name: string; from: number; quoted: boolean } | undefined {
  const quote = quotedNameStart(context);
  const from = quote ?? wordStart(context);
  if (context.state.sliceDoc(from - 1, from) !== '.') return undefined;
  const tokens = tokensAt(context.state.sliceDoc(Math.max(0, from - 300), from));
  const [before, name, dot] = [tokens.at(-3), tokens.at(-2), tokens.at(-1)];
  if (punctOf(dot) !== '.' || nameOf(name) === undefined || punctOf(before) === '.') return undefined;
  return { name: nameOf(name)!, from, quoted: quote !== undefined };
}

/** What the query defines under the qualifier being typed: its columns, and where and how (`quoted`) the name being typed starts. */
interface Defined {
  readonly from: number;
  readonly quoted: boolean;
  readonly columns: readonly RelationColumn[];
}
/** The columns of the relation the query itself defines under the qualifier being typed; null when it defines none (a catalog name: lang-sql's). */
let lastDefined: { state: EditorState; pos: number; catalog: CatalogColumns; answer: Defined | null } | undefined;
function definedColumns(context: CompletionContext, catalog: CatalogColumns): Defined | null {
  const { state, pos } = context;
  // two sources ask the same per keystroke (this one's and lang-sql's, to keep quiet)
  if (lastDefined?.state === state && lastDefined.pos === pos && lastDefined.catalog === catalog) return lastDefined.answer;
  const qualifier = qualifierAt(context);
  const columns = qualifier ? qualifierColumns(statementAt(context), pos, qualifier.name, catalog) : null;
  const answer = qualifier && columns !== null ? { from: qualifier.from, quoted: qualifier.quoted, columns: columns ?? [] } : null;
  lastDefined = { state, pos, catalog, answer };
  return answer;
}

/**
 * After `x.`, where x is something the query defines (a CTE, a subquery's alias, a table's alias at
 * any depth): x's own columns, at once. A CTE's or subquery's are its select list's names and
 * aliases (`*` its source's columns); none when they cannot be told, rather than wrong ones.
 */
export function queryColumnCompletion(datasets: readonly DatasetView[]): CompletionSource {
  const catalog = catalogColumns(datasets);
  return (context): CompletionResult | null => {
    const defined = definedColumns(context, catalog);
    if (!defined) return null;
    const options = defined.columns.map((c): Completion => ({ ...nameOption(c.name, defined.quoted), type: 'property', ...(c.type === undefined ? {} : { detail: c.type }) }));
    return defined.quoted ? quotedResult(context, defined.from, options) : { from: defined.from, options, validFor: WORD_SPAN };
  };
}

/**
 * How a column is offered: bare, or quoted (`apply`) when its name must be to read as itself.
 * Typed from its opening quote (`"Na|`), it is offered quoted so that the quote matches and is replaced.
 */
export const nameOption = (name: string, quoted: boolean): Pick<Completion, 'label' | 'apply'> =>
  quoted ? { label: quoteIdent(name) } : sqlIdentifier(name) === name ? { label: name } : { label: name, apply: sqlIdentifier(name) };

/** A result replacing a quoted name being typed from its opening quote, and the closing quote closeBrackets typed for it. */
export const quotedResult = (context: CompletionContext, from: number, options: Completion[]): CompletionResult =>
  context.state.sliceDoc(context.pos, context.pos + 1) === '"' ? { from, to: context.pos + 1, options } : { from, options };

/** The relations the FROM of the query at the cursor reads (and of the queries around it): what a bare column name may come from. */
export function relationsAt(context: CompletionContext, datasets: readonly DatasetView[]): ScopeRelation[] {
  return relationsInScope(statementAt(context), context.pos, catalogColumns(datasets));
}

/** lang-sql's schema completion, silent after a qualifier the query defines (it would offer a same-named dataset's columns, or none). */
export function unlessQueryDefined(datasets: readonly DatasetView[], source: CompletionSource): CompletionSource {
  const catalog = catalogColumns(datasets);
  return (context) => (definedColumns(context, catalog) ? null : source(context));
}

/** Where a FROM or JOIN names a table (`from |`): CTEs the query defines, then datasets (boosted), then functions and keywords. */
export const namingTable = (context: CompletionContext): { cteNames: string[] } | undefined =>
  afterDot(context) ? undefined : tablePosition(statementAt(context), wordStart(context));

/** Ranks `source`'s tables and datasets first where a table is named: they, not DuckDB's 900 functions, are what a FROM reads most. */
export function tablesFirst(source: CompletionSource): CompletionSource {
  return async (context) => {
    const result = await source(context);
    if (!result || !namingTable(context)) return result;
    return { ...result, options: result.options.map((o) => (o.type === 'constant' ? o : { ...o, boost: 5 })) };
  };
}

/** The CTEs the query defines, where a FROM or JOIN names a table (lang-sql knows only the catalog). */
export const cteNameCompletion: CompletionSource = (context) => {
  const at = namingTable(context);
  if (!at || at.cteNames.length === 0) return null;
  const options = at.cteNames.map((name): Completion => ({ label: name, type: 'type', detail: 'with … as', boost: 6, ...(sqlIdentifier(name) === name ? {} : { apply: sqlIdentifier(name) }) }));
  return { from: wordStart(context), options, validFor: WORD_SPAN };
};

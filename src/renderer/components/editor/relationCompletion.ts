import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { HISTORY_SCHEMA, HISTORY_VIEWS } from '../../../shared/history/historySchema';
import { sqlIdentifier } from '../../../shared/sql/sqlIdentifier';
import type { DatasetView } from '../../../shared/views/appView';
import { afterDot, WORD_SPAN, wordStart } from './completionWord';
import { qualifierColumns, tablePosition, type CatalogColumns, type RelationColumn } from './queryRelations';
import { nameOf, nest, punctOf, tokenize, type Group } from './sqlTokens';

/** How a query names each table of the catalog (`cars`, `two.cars`, `two.staging.cars`, `sextant.queries`), case-insensitively, with its columns. */
const catalogs = new WeakMap<readonly DatasetView[], CatalogColumns>();
export function catalogColumns(datasets: readonly DatasetView[]): CatalogColumns {
  const known = catalogs.get(datasets);
  if (known) return known;
  const tables = new Map<string, readonly RelationColumn[]>();
  const add = (path: readonly string[], columns: readonly RelationColumn[]) => tables.set(path.join('\u0000').toLowerCase(), columns);
  for (const d of datasets) {
    if (d.status !== 'ready' || !d.name) continue;
    if (!d.tables) add([d.name], d.columns);
    for (const t of d.tables?.filter((x) => x.unreadable === undefined) ?? []) add(t.schema === undefined ? [d.name, t.name] : [d.name, t.schema, t.name], t.columns);
  }
  for (const [view, columns] of Object.entries(HISTORY_VIEWS)) add([HISTORY_SCHEMA, view], columns);
  const lookup: CatalogColumns = (path) => tables.get(path.join('\u0000').toLowerCase());
  catalogs.set(datasets, lookup);
  return lookup;
}

/** The statement at `pos` nested by brackets, from lang-sql's statement bounds; the last one asked is kept (every source asks per keystroke). */
let last: { state: EditorState; from: number; root: Group } | undefined;
function statementAt(state: EditorState, pos: number): Group {
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
  if (last?.state === state && last.from === from) return last.root;
  const root = nest(tokenize(state.sliceDoc(from, to), from));
  last = { state, from, root };
  return root;
}

/** The qualifier before `x.|` or `x.na|` (`x` when it is one name), if the word being typed follows one. */
function qualifierAt(context: CompletionContext): { name: string; from: number } | undefined {
  const from = wordStart(context);
  if (context.state.sliceDoc(from - 1, from) !== '.') return undefined;
  const tokens = tokenize(context.state.sliceDoc(Math.max(0, from - 300), from));
  const [before, name, dot] = [tokens.at(-3), tokens.at(-2), tokens.at(-1)];
  if (punctOf(dot) !== '.' || nameOf(name) === undefined || punctOf(before) === '.') return undefined;
  return { name: nameOf(name)!, from };
}

/** The columns of the relation the query itself defines under the qualifier being typed; null when it defines none (a catalog name: lang-sql's). */
let lastDefined: { state: EditorState; pos: number; catalog: CatalogColumns; answer: { from: number; columns: readonly RelationColumn[] } | null } | undefined;
function definedColumns(context: CompletionContext, catalog: CatalogColumns): { from: number; columns: readonly RelationColumn[] } | null {
  const { state, pos } = context;
  // two sources ask the same per keystroke (this one's and lang-sql's, to keep quiet)
  if (lastDefined?.state === state && lastDefined.pos === pos && lastDefined.catalog === catalog) return lastDefined.answer;
  const qualifier = qualifierAt(context);
  const columns = qualifier ? qualifierColumns(statementAt(state, pos), pos, qualifier.name, catalog) : null;
  const answer = qualifier && columns !== null ? { from: qualifier.from, columns: columns ?? [] } : null;
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
    const options = defined.columns.map(
      (c): Completion => ({ label: c.name, type: 'property', ...(c.type === undefined ? {} : { detail: c.type }), ...(sqlIdentifier(c.name) === c.name ? {} : { apply: sqlIdentifier(c.name) }) }),
    );
    return { from: defined.from, options, validFor: WORD_SPAN };
  };
}

/** lang-sql's schema completion, silent after a qualifier the query defines (it would offer a same-named dataset's columns, or none). */
export function unlessQueryDefined(datasets: readonly DatasetView[], source: CompletionSource): CompletionSource {
  const catalog = catalogColumns(datasets);
  return (context) => (definedColumns(context, catalog) ? null : source(context));
}

/** Where a FROM or JOIN names a table (`from |`): CTEs the query defines, then datasets (boosted), then functions and keywords. */
export const namingTable = (context: CompletionContext): { cteNames: string[] } | undefined =>
  afterDot(context) ? undefined : tablePosition(statementAt(context.state, context.pos), wordStart(context));

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

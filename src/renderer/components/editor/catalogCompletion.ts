import type { Completion, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { keywordCompletionSource, schemaCompletionSource, type SQLNamespace } from '@codemirror/lang-sql';
import { LanguageSupport } from '@codemirror/language';
import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import type { Column, DatasetTable } from '../../../shared/contracts/events';
import { tableLabel } from '../../../shared/domain/datasetRelation';
import { HISTORY_SCHEMA } from '../../../shared/history/historySchema';
import type { DatasetView } from '../../../shared/views/appView';
import { countOf } from '../format';
import { isView, tablesSummary } from '../catalog/tableKinds';
import { DuckDB } from './duckdbDialect';
import { historyNamespace } from './historyCompletion';
import { spacedAfterQuotedName } from './afterQuotedName';
import { sqlIdentifier } from '../../../shared/sql/sqlIdentifier';
import { afterDot, outsideStringsAndComments, quotedNameStart, wholeWord, WORD, WORD_SPAN } from './completionWord';
import { cteNameCompletion, nameOption, namingTable, queryColumnCompletion, quotedResult, relationsAt, tablesFirst, unlessQueryDefined } from './relationCompletion';
import { isReady } from '../../../shared/domain/datasetLifecycle';

/** `apply` when the name must be quoted to read as itself (lang-sql inserts a label bare). */
const applyName = (name: string): Pick<Completion, 'apply'> => (sqlIdentifier(name) === name ? {} : { apply: sqlIdentifier(name) });

const tableNamespace = (name: string, columns: readonly Column[], detail: string): SQLNamespace => ({
  self: { label: name, type: 'type', detail, ...applyName(name) },
  children: columns.map((c) => ({ label: c.name, type: 'property', detail: c.type, ...applyName(c.name) })),
});

/** Marks a completion that names a path without being offered itself (main, whose tables are offered by name beside it). */
const UNLISTED = Symbol('unlisted');
const unlisted = (o: Completion): boolean => UNLISTED in o;

/**
 * A database file's tables and views that read: those of its main schema by name (`two.cars`),
 * and under main (`two.main.cars`, valid SQL, not listed after `two.`: it would only repeat them),
 * the others under their schema (`two.staging.events`).
 */
function databaseChildren(tables: readonly DatasetTable[]): Record<string, SQLNamespace> {
  const children: Record<string, SQLNamespace> = {};
  const main: Record<string, SQLNamespace> = {};
  const schemas: Record<string, { tables: DatasetTable[]; children: Record<string, SQLNamespace> }> = {};
  for (const t of readable(tables)) {
    const table = tableNamespace(t.name, t.columns, `${isView(t) ? 'view' : 'table'} · ${countOf(t.columns.length, 'column')}`);
    if (t.schema === undefined) children[t.name] = main[t.name] = table;
    else {
      const inSchema = (schemas[t.schema] ??= { tables: [], children: {} });
      inSchema.tables.push(t);
      inSchema.children[t.name] = table;
    }
  }
  for (const [schema, inSchema] of Object.entries(schemas)) {
    children[schema] = { self: { label: schema, type: 'namespace', detail: `schema · ${tablesSummary(inSchema.tables)}`, ...applyName(schema) }, children: inSchema.children };
  }
  // a table called main keeps the name (`two.main.` then is its columns)
  if (Object.keys(main).length > 0 && !('main' in children)) children.main = { self: { label: 'main', type: 'namespace', [UNLISTED]: true } as Completion, children: main };
  return children;
}

/** What a query can read of a database file: a view DuckDB cannot bind has no columns to offer, and its name would only fail. */
const readable = (tables: readonly DatasetTable[]): DatasetTable[] => tables.filter((t) => t.unreadable === undefined);

/**
 * Tables and their columns for lang-sql's schema completion (`cars.` offers cars' columns). A DuckDB
 * database file is a schema: `two.` offers its tables, `two.cars.` that table's columns.
 */
export function catalogNamespace(datasets: readonly DatasetView[]): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const d of datasets) {
    if (!isReady(d.status) || !d.name) continue;
    const tables = d.tables;
    ns[d.name] = tables
      ? {
          self: { label: d.name, type: 'namespace', detail: `${d.format ?? ''} · ${tablesSummary(tables)}`, ...applyName(d.name) },
          children: databaseChildren(tables),
        }
      : tableNamespace(d.name, d.columns, `${d.format ?? ''} · ${countOf(d.columns.length, 'column')}`);
  }
  ns[HISTORY_SCHEMA] = historyNamespace();
  return ns;
}

/**
 * lang-sql's schema completion, less the alias being typed (it reads `gro` in `from cars gro` as an
 * alias of cars and offers it back, first, in place of the `group` meant) and what is unlisted.
 */
function withoutTypedAlias(source: CompletionSource): CompletionSource {
  return async (context) => {
    const result = await source(context);
    if (!result) return result;
    const typed = context.state.sliceDoc(result.from, context.pos);
    return { ...result, options: result.options.filter((o) => !unlisted(o) && (o.type !== 'constant' || o.label !== typed)) };
  };
}

/**
 * What holds columns a query may name bare: each file dataset, and each table of a database file
 * (its columns are the tables', the database has none), with how a query names it. The test is
 * loose (a word, not a parsed FROM): it only puts those columns first.
 */
function columnSources(datasets: readonly DatasetView[]): { label: string; named: RegExp; columns: readonly Column[] }[] {
  const word = (name: string) => new RegExp(`(^|[^\\p{L}\\p{N}_])${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_])`, 'u');
  return datasets.flatMap((d) => {
    if (!isReady(d.status) || !d.name) return [];
    if (!d.tables) return [{ label: d.name, named: word(d.name), columns: d.columns }];
    return readable(d.tables).map((t) => ({ label: `${d.name}.${tableLabel(t)}`, named: word(t.name), columns: t.columns }));
  });
}

/** More than the most CodeMirror's matching takes off a label's score (a gap, not at the start, case folded: about 2,100 and its length). */
const OUTSIDE_FROM = 10_000;

/**
 * Column names without a `table.` prefix, which lang-sql only offers for one default table. First
 * the columns of what the query's FROM reads (its CTEs, subqueries and datasets, as after `x.`),
 * then those of datasets it names elsewhere, then the rest (below keywords too, once the FROM reads
 * some: the query cannot read them). Not after `x.` (lang-sql's or the
 * query's own relations answer there), nor where a FROM names a table.
 */
export function columnCompletion(datasets: readonly DatasetView[]): CompletionSource {
  return (context): CompletionResult | null => {
    const quoted = quotedNameStart(context);
    const word = quoted === undefined ? context.matchBefore(WORD) : null;
    if (quoted === undefined && !word && !context.explicit) return null;
    const from = quoted ?? word?.from ?? context.pos;
    if (context.state.sliceDoc(from - 1, from) === '.' || namingTable(context)) return null;
    const text = context.state.doc.toString().toLowerCase();
    const options: Completion[] = [];
    const seen = new Set<string>();
    const offer = (name: string, detail: string, boost: number) => options.push({ ...nameOption(name, quoted !== undefined), type: 'property', detail, boost });
    // a column the FROM reads is offered once, from there: not again as some dataset's
    const read = new Set<string>();
    for (const { label, columns } of relationsAt(context, datasets)) {
      for (const c of columns) {
        if (seen.has(`${c.name}\u0000${label}`)) continue;
        seen.add(`${c.name}\u0000${label}`);
        read.add(c.name);
        offer(c.name, c.type === undefined ? label : `${c.type} · ${label}`, 3);
      }
    }
    // Once the FROM reads columns, others' rank below all of them, however well they match: a boost
    // beside the FROM's (3) only broke ties, and CodeMirror scores `a` exact 100 above `a b` for `a`.
    const outside = read.size > 0 ? OUTSIDE_FROM : 0;
    for (const { label, named: namedBy, columns } of columnSources(datasets)) {
      const named = namedBy.test(text);
      for (const c of columns) {
        const key = `${c.name}\u0000${named}`;
        if (read.has(c.name) || seen.has(key)) continue;
        seen.add(key);
        offer(c.name, `${c.type} · ${label}`, (named ? 2 : -1) - outside);
      }
    }
    return quoted === undefined ? { from, options, validFor: WORD_SPAN } : quotedResult(context, from, options);
  };
}

/** A new catalog for the editor's completions (SqlEditor sends it when the catalog changes). */
export const setCatalog = StateEffect.define<readonly DatasetView[]>();

/** The catalog an editor state completes from: the one it was made with, then each sent by `setCatalog`. */
const catalogField = StateField.define<readonly DatasetView[]>({
  create: () => [],
  update: (datasets, tr) => tr.effects.reduce((now, e) => (e.is(setCatalog) ? e.value : now), datasets),
});

/** The catalog an editor state completes from. */
export const catalogOf = (state: EditorState): readonly DatasetView[] => state.field(catalogField);

/**
 * A source over the catalog of the state it is asked in, made once per catalog (as the sources were
 * before they read it from state): lang-sql's schema source and the column sources index every column.
 */
function fromCatalog(make: (datasets: readonly DatasetView[]) => CompletionSource): CompletionSource {
  const made = new WeakMap<readonly DatasetView[], CompletionSource>();
  return (context) => {
    const datasets = catalogOf(context.state);
    let source = made.get(datasets);
    if (!source) made.set(datasets, (source = make(datasets)));
    return source(context);
  };
}

const keywords = keywordCompletionSource(DuckDB, false);
const guarded = (source: CompletionSource) => DuckDB.language.data.of({ autocomplete: spacedAfterQuotedName(outsideStringsAndComments(notNamingAlias(wholeWord(source)))) });

/**
 * The sources, made once. A catalog change reaches them as state (`setCatalog`), never as new
 * sources: CodeMirror takes new sources for a new completion, so a dataset registered while a list
 * was open closed it (for good, when Ctrl+Space had opened it where typing would not).
 * One source per entry: CodeMirror reads an array there as a list of completions, not of sources.
 */
const sources: Extension = [
  new LanguageSupport(DuckDB.language),
  // after `x.` only x's tables or columns fit, never a keyword
  guarded((context) => (afterDot(context) ? null : keywords(context))),
  guarded(fromCatalog((datasets) => tablesFirst(unlessQueryDefined(datasets, withoutTypedAlias(schemaCompletionSource({ dialect: DuckDB, schema: catalogNamespace(datasets) })))))),
  guarded(fromCatalog(columnCompletion)),
  guarded(fromCatalog(queryColumnCompletion)),
  guarded(cteNameCompletion),
];

/**
 * DuckDB SQL with the catalog's completions: keywords, datasets and their tables and columns, the
 * sextant schema, and what the query defines (CTEs, subqueries' columns). Every source answers for
 * the whole word typed in any script, and none inside a string or a comment.
 */
export function catalogCompletion(datasets: readonly DatasetView[]): Extension {
  return [catalogField.init(() => datasets), sources];
}

/** `… as tot|`: a new name being typed, where nothing of the catalog or the language fits. */
const NAMING_ALIAS = /\bas\s+(?:"[^"]*|[\p{L}\p{N}_$]*)$/iu;
/** `create table t as sel|`, `create macro m(a) as a|`: what follows is a query or an expression, not a name. */
const CREATING = /\bcreate\b(?:(?!\bselect\b)[^;])*$/i;

/** Whether `before` (the text up to an `as`) is inside a cast's parentheses, however deep (`cast(coalesce(a, b) as`). */
function inCast(before: string): boolean {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === ')') depth++;
    else if (before[i] === '(' && depth-- === 0) return /\b(?:try_)?cast\s*$/i.test(before.slice(0, i));
  }
  return false;
}

/** Whether the text before the cursor ends in an alias being named (not a cast's type, not what a CREATE … AS makes). */
export function namingAlias(before: string): boolean {
  const alias = NAMING_ALIAS.exec(before);
  if (alias === null) return false;
  const head = before.slice(0, alias.index);
  return !inCast(head) && !CREATING.test(head);
}

/**
 * No completion while a person names an alias (`select count(*) as total`): offered there, DuckDB's
 * 900 functions always fuzzy-match something and a list pops over what they type and the window's
 * controls. Ctrl+Space still asks.
 */
function notNamingAlias(source: CompletionSource): CompletionSource {
  return (context) => (!context.explicit && namingAlias(context.state.sliceDoc(Math.max(0, context.pos - 200), context.pos)) ? null : source(context));
}

import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { HISTORY_SCHEMA } from '../../../shared/history/historySchema';
import type { DatasetView } from '../../../shared/views/appView';
import { countOf } from '../format';
import { historyNamespace } from './historyCompletion';
import { sqlIdentifier } from './sqlIdentifier';

/** `apply` when the name must be quoted to read as itself (lang-sql inserts a label bare). */
const applyName = (name: string): Pick<Completion, 'apply'> => (sqlIdentifier(name) === name ? {} : { apply: sqlIdentifier(name) });

/** Tables and their columns for lang-sql's schema completion (`cars.` offers cars' columns). */
export function catalogNamespace(datasets: readonly DatasetView[]): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const d of datasets) {
    if (d.status !== 'ready' || !d.name) continue;
    ns[d.name] = {
      self: { label: d.name, type: 'type', detail: `${d.format ?? ''} · ${countOf(d.columns.length, 'column')}`, ...applyName(d.name) },
      children: d.columns.map((c) => ({ label: c.name, type: 'property', detail: c.type, ...applyName(c.name) })),
    };
  }
  ns[HISTORY_SCHEMA] = historyNamespace();
  return ns;
}

/**
 * Column names without a `table.` prefix, which lang-sql only offers for one default table. Columns
 * of datasets the query already names come first.
 */
export function columnCompletion(datasets: () => readonly DatasetView[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][\w$]*/);
    if (!word && !context.explicit) return null;
    const before = word ? context.state.sliceDoc(word.from - 1, word.from) : '';
    if (before === '.' || before === '"') return null; // lang-sql handles `t.col`; a quoted name is typed whole
    const text = context.state.doc.toString().toLowerCase();
    const options: Completion[] = [];
    const seen = new Set<string>();
    for (const d of datasets()) {
      if (d.status !== 'ready' || !d.name) continue;
      const named = new RegExp(`\\b${d.name}\\b`).test(text);
      for (const c of d.columns) {
        const key = `${c.name}\u0000${named}`;
        if (seen.has(key)) continue;
        seen.add(key);
        options.push({ label: c.name, type: 'property', detail: `${c.type} · ${d.name}`, boost: named ? 2 : -1, ...applyName(c.name) });
      }
    }
    return { from: word?.from ?? context.pos, options, validFor: /^[\w$]*$/ };
  };
}

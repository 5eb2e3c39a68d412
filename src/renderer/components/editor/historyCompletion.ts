import type { SQLNamespace } from '@codemirror/lang-sql';
import { HISTORY_SCHEMA, HISTORY_VIEWS } from '../../../shared/history/historySchema';
import { countOf } from '../format';

/** The `sextant` schema for lang-sql's completion: `sextant.` offers its views, `sextant.queries.` their columns. */
export function historyNamespace(): SQLNamespace {
  const views: Record<string, SQLNamespace> = {};
  for (const [view, columns] of Object.entries(HISTORY_VIEWS)) {
    views[view] = {
      self: { label: view, type: 'type', detail: `your history · ${countOf(columns.length, 'column')}` },
      children: columns.map((c) => ({ label: c.name, type: 'property', detail: c.type })),
    };
  }
  return { self: { label: HISTORY_SCHEMA, type: 'namespace', detail: 'your history (read-only)' }, children: views };
}

import type { TimelineEntry } from '../../../shared/views/timeline';

/**
 * The copy of a held entry among the entries of a timeline answer, once it moved (`moved` names its
 * held seq): a query that settled, an "Edited SQL" saved again. An entry's seq is where it ends, so it
 * changes as it moves; what stays is what it is about. A query's entry is found by its query; a moved
 * "Edited SQL" is the answer's oldest (only the entry being edited moves, and any later one ends after it).
 * Entries of other kinds never move: none.
 */
export function movedEntry(held: TimelineEntry, answer: readonly TimelineEntry[]): TimelineEntry | undefined {
  if (held.kind === 'query') return answer.find((e) => e.kind === 'query' && e.queryId === held.queryId);
  if (held.kind === 'draft') return answer.filter((e) => e.kind === 'draft').reduce<TimelineEntry | undefined>((old, e) => (old && old.seq < e.seq ? old : e), undefined);
  return undefined;
}

/** The selected entry after a merge: its copy in the answer if it moved, else itself. */
export function selectedAfterMerge(selected: TimelineEntry | undefined, answer: { readonly entries: readonly TimelineEntry[]; readonly moved?: readonly number[] | undefined }): TimelineEntry | undefined {
  if (!selected || !answer.moved?.includes(selected.seq)) return selected;
  return movedEntry(selected, answer.entries) ?? selected;
}

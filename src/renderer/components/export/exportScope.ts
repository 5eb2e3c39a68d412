import type { PageView } from '../../../shared/contracts/protocol';

/** What the export writes beyond its rows, said as the grid shows them: ", sorted as the grid shows them" ("it" of one row). */
export function exportScopeText(view: PageView | undefined, rowCount?: number): string {
  const sorted = (view?.orderBy?.length ?? 0) > 0;
  const filtered = (view?.filter?.length ?? 0) > 0;
  if (!sorted && !filtered) return ', in the grid’s order';
  return `, ${sorted && filtered ? 'sorted and filtered' : sorted ? 'sorted' : 'filtered'} as the grid shows ${rowCount === 1 ? 'it' : 'them'}`;
}

import type { PageFilter } from '../../../shared/contracts/pageView';
import { filterRefusal, formatFilterInput } from '../../../shared/explore/filterInput';
import type { FilterBox } from './useResultView';

/**
 * The boxes of the columns whose new filters main would refuse (a value over 1,000 characters, set
 * by a click elsewhere), each with its text and the sentence a typed filter gets: such a view is
 * not sent, as a refused command reads as a failed query ("Malformed request refused.").
 */
export function refusedFilters(changes: ReadonlyMap<number, readonly PageFilter[]>, typeOf: (column: number) => string): Map<number, FilterBox> {
  const refused = new Map<number, FilterBox>();
  for (const [column, filters] of changes) {
    const error = filterRefusal(filters);
    if (error !== undefined) refused.set(column, { text: formatFilterInput(filters, typeOf(column)) ?? '', error });
  }
  return refused;
}

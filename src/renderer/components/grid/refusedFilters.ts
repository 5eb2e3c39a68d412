import type { PageFilter } from '../../../shared/contracts/pageView';
import { filterRefusal, formatFilterInput } from '../../../shared/explore/filterInput';
import type { FilterBox } from './useResultView';

/**
 * Filters set from elsewhere (a click in a profile, a chart's brush), split by what main would take.
 * `refused`: the boxes of the columns whose new filters main would refuse (a value over 1,000
 * characters), each with its text and the sentence a typed filter gets; they are not sent, as a
 * refused command reads as a failed query ("Malformed request refused."). `accepted`: the other
 * columns' filters, sent as a typed filter in their own box would be.
 */
export function refusedFilters(
  changes: ReadonlyMap<number, readonly PageFilter[]>,
  typeOf: (column: number) => string,
): { readonly refused: Map<number, FilterBox>; readonly accepted: Map<number, readonly PageFilter[]> } {
  const refused = new Map<number, FilterBox>();
  const accepted = new Map<number, readonly PageFilter[]>();
  for (const [column, filters] of changes) {
    const error = filterRefusal(filters);
    if (error !== undefined) refused.set(column, { text: formatFilterInput(filters, typeOf(column)) ?? '', error });
    else accepted.set(column, filters);
  }
  return { refused, accepted };
}

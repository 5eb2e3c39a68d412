import { MAX_FILTERS } from '../../../shared/contracts/limits';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { filterRefusal, formatFilterInput } from '../../../shared/explore/filterInput';
import type { FilterBox } from './useResultView';

/**
 * Why a column's filters would take the view past the protocol's MAX_FILTERS conditions, with
 * `others` held by the other columns; undefined when they fit. Main refuses such a view as a whole
 * ("Malformed request refused."), so the box that would pass the limit says it instead.
 */
export function tooManyConditions(others: number, filters: readonly PageFilter[]): string | undefined {
  if (others + filters.length <= MAX_FILTERS) return undefined;
  const range = filters.length === 2 && filters[0]?.op === 'ge' && filters[1]?.op === 'le' ? ' (a range a..b is 2)' : '';
  return `At most ${MAX_FILTERS} conditions in all: the other columns hold ${others}, this one ${filters.length}${range}`;
}

/**
 * Filters set from elsewhere (a click in a profile, a chart's brush), split by what main would take.
 * `refused`: the boxes of the columns whose new filters main would refuse (a value over 1,000
 * characters, or one condition past MAX_FILTERS with `current`'s other columns and the columns
 * before it), each with its text and the sentence a typed filter gets; they are not sent, as a
 * refused command reads as a failed query ("Malformed request refused."). `accepted`: the other
 * columns' filters, sent as a typed filter in their own box would be.
 */
export function refusedFilters(
  changes: ReadonlyMap<number, readonly PageFilter[]>,
  typeOf: (column: number) => string,
  current: readonly PageFilter[] = [],
): { readonly refused: Map<number, FilterBox>; readonly accepted: Map<number, readonly PageFilter[]> } {
  const refused = new Map<number, FilterBox>();
  const accepted = new Map<number, readonly PageFilter[]>();
  let kept = current.filter((f) => !changes.has(f.column)).length;
  for (const [column, filters] of changes) {
    const error = filterRefusal(filters) ?? tooManyConditions(kept, filters);
    if (error !== undefined) refused.set(column, { text: formatFilterInput(filters, typeOf(column)) ?? '', error });
    else {
      accepted.set(column, filters);
      kept += filters.length;
    }
  }
  return { refused, accepted };
}

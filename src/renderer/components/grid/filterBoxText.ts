import type { PageFilter } from '../../../shared/contracts/pageView';
import { columnKind, type ColumnKind } from '../../../shared/explore/columnKind';
import { formatFilterInput } from '../../../shared/explore/filterInput';
import { enumValues, ordersAsText } from '../../../shared/explore/orderedText';
import { countOf } from '../format';

/** What a filter box says about its grammar (docs/explore.md, "The filter grammar"): a short example in the box, the whole of it on hover. */
export interface FilterHint {
  readonly placeholder: string;
  readonly title: string;
}

const ANY = ['null, not null — empty or not'];
const ORDERED = (a: string, b: string) => [`${a} — equal`, `>${a}  >=${a}  <${b}  <=${b}`, `${a}..${b} — both ends included`, `${a}..<${b} — up to, not including, ${b}`, `!=${a} — not equal`, ...ANY];
const TEXT = ['text — contains, any case', '=text — the whole value', '!=text — not the whole value', '~text — contains, even text like null or =x', ...ANY];
/** Text has no order a box compares by (`>50K` is a value in census data): says so, as `>a` finding nothing would not. */
const NO_ORDER = 'text has no order here: >a searches for “>a”';

/**
 * The grammar by what the column holds: a number box shows ranges, a text box "contains" and "=".
 * Placeholders stay short (no "e.g."): a narrow column cut "e.g. 2024-01-01..20" mid-example.
 */
function hintOf(k: ColumnKind): { placeholder: string; lines: string[] } {
  switch (k.kind) {
    case 'integer':
    case 'decimal':
    case 'float':
      return { placeholder: '>5, 10..20', lines: ORDERED('10', '20') };
    case 'date':
      return { placeholder: '>=2024-01-01', lines: ORDERED('2024-01-01', '2024-02-01') };
    case 'timestamp':
      return { placeholder: '>=2024-01-01', lines: [...ORDERED('2024-01-01', '2024-01-31'), 'a date alone is the whole day (2024-01-01, <=, >, a range’s end); 2024-01-01 12:00 an instant'] };
    case 'time':
      return { placeholder: '09:00..17:00', lines: ORDERED('09:00', '17:00') };
    case 'boolean':
      return { placeholder: 'true, false, null', lines: ['true, false — equal', '!=true — not equal', ...ANY] };
    default:
      return { placeholder: 'text, =exact, null', lines: [...TEXT, NO_ORDER] };
  }
}

/** ENUM and INTERVAL: text's grammar, and comparisons in DuckDB's order (orderedText.ts). */
function orderedTextHint(duckdbType: string): { placeholder: string; lines: string[] } {
  const members = enumValues(duckdbType);
  if (!members) return { placeholder: '>1 day, =1 day', lines: [...TEXT, '>1 day  <=2 hours — by length', '1 hour..2 days — both ends included', '1 hour..<2 days — up to, not including, 2 days'] };
  const [a = 'a', b = a] = [members[0], members[members.length - 1]];
  const order = members.length > 5 ? `${members.slice(0, 5).join(', ')}, …` : members.join(', ');
  return { placeholder: 'text, =exact, null', lines: [...TEXT, `>${a}  <=${b} — in the declared order: ${order}`, `${a}..${b} — both ends included`] };
}

/** The hint for a column's box. Its accessible name stays "Filter <column>": the hint is its description. */
export function filterHint(duckdbType: string): FilterHint {
  const { placeholder, lines } = ordersAsText(duckdbType) ? orderedTextHint(duckdbType) : hintOf(columnKind(duckdbType));
  return { placeholder, title: `Filter (${duckdbType}):\n${lines.join('\n')}` };
}

/** The text a box shows for a column's filters: as typed where one box can say them, else how many there are. */
export function filtersText(filters: readonly PageFilter[], duckdbType: string): string {
  const text = formatFilterInput(filters, duckdbType);
  if (text !== undefined) return text;
  const only = filters.length === 1 ? filters[0] : undefined;
  return only?.op === 'in' ? `one of ${countOf(only.values.length, 'value')}` : countOf(filters.length, 'condition');
}

/**
 * What a column's box holds for its filters: their text where one box can say them; else none, and
 * how many there are as a summary the box shows as its placeholder: as the box's value, that
 * summary read as typed text, and one key in it ("one of 2 value") replaced a chart's brushed bars
 * with a filter that matched nothing. Typing in such a box replaces the filters with what is typed.
 */
export function filterBoxOf(filters: readonly PageFilter[], duckdbType: string): { readonly text: string; readonly summary?: string } {
  const text = formatFilterInput(filters, duckdbType);
  return text !== undefined ? { text } : { text: '', summary: filtersText(filters, duckdbType) };
}

/**
 * A box's error while the column is still filtered by what it held before (nothing is sent for text
 * that does not read): the error says so, or the rows shown would pass for the new text's.
 */
export function errorWithApplied(error: string, applied: readonly PageFilter[], duckdbType: string): string {
  if (applied.length === 0) return error;
  const text = filtersText(applied, duckdbType);
  return `${error} — still showing rows for ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

import { useCallback, useRef, type FocusEvent } from 'react';
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/**
 * For a virtualized list: keeps the row that holds focus rendered while it is scrolled out of view.
 * Unmounted, its focus would fall to the page's body, and with it the list's keys (arrows, Escape,
 * Tab from where the person was). Give `rangeExtractor` to `useVirtualizer` and the handlers to the
 * element around the rows, whose items carry `data-index`.
 */
export function useFocusedRowKept(): {
  rangeExtractor: (range: Range) => number[];
  onFocus: (e: FocusEvent) => void;
  onBlur: (e: FocusEvent) => void;
} {
  const focused = useRef<number | undefined>(undefined);
  const rangeExtractor = useCallback((range: Range) => {
    const rows = defaultRangeExtractor(range);
    const row = focused.current;
    return row === undefined || row >= range.count || rows.includes(row) ? rows : [...rows, row].sort((a, b) => a - b);
  }, []);
  const onFocus = useCallback((e: FocusEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    focused.current = row ? Number(row.dataset['index']) : undefined;
  }, []);
  const onBlur = useCallback((e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focused.current = undefined;
  }, []);
  return { rangeExtractor, onFocus, onBlur };
}

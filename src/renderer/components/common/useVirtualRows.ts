import { useCallback, useRef, type FocusEvent, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';

/**
 * A virtualized list of focusable rows, as the history and the Timeline are (TanStack Virtual, rows
 * measured as they render): only the rows on screen are in the DOM, and the row that holds focus
 * stays rendered (below). Give `rows.measureElement` to each item, which carries `data-index`, and
 * `onFocus`/`onBlur` to the element around them.
 */
export function useVirtualRows(options: {
  count: number;
  key: (index: number) => string | number;
  scroller: RefObject<HTMLElement | null>;
  estimatedRowPx: number;
  initialHeight: number;
}) {
  const kept = useFocusedRowKept();
  const rows = useVirtualizer({
    count: options.count,
    getScrollElement: () => options.scroller.current,
    estimateSize: () => options.estimatedRowPx,
    getItemKey: options.key,
    initialRect: { width: 300, height: options.initialHeight },
    overscan: 4,
    rangeExtractor: kept.rangeExtractor,
  });
  return { rows, onFocus: kept.onFocus, onBlur: kept.onBlur };
}

/**
 * Keeps the row that holds focus rendered while it is scrolled out of view. Unmounted, its focus
 * would fall to the page's body, and with it the list's keys (arrows, Escape, Tab from where the
 * person was).
 */
function useFocusedRowKept(): {
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

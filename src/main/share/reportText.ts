import { countText } from '../../shared/text/counts';
import type { HistoryEntry } from '../../shared/views/appView';

/** "12 ms", "1.2 s". */
export const durationText = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

/** How a query ended, in a line: rows and duration, or why it did not complete. */
export function outcomeText(h: HistoryEntry): string {
  switch (h.phase) {
    case 'Completed':
      return `${countText(h.rowCount ?? 0, 'row')} in ${durationText(h.durationMs ?? 0)}`;
    case 'Failed':
      return `failed: ${h.error?.code ?? 'ERROR'}: ${h.error?.message ?? ''}`;
    case 'Cancelled':
      return `cancelled${h.cancelReason ? ` (${h.cancelReason})` : ''}`;
    case 'Pending':
    case 'Executing':
      return 'still running when exported';
  }
}

/** One line of text, whatever it held: comments and table cells cannot carry line breaks. */
export const oneLine = (text: string): string => text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');

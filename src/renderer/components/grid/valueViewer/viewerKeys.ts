type Key = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

const plain = (e: Key): boolean => !e.ctrlKey && !e.metaKey && !e.altKey;

/**
 * A key on the grid's active cell that opens the value viewer: Shift+Enter, as DBeaver opens its
 * value viewer, or Space, as TablePlus (and macOS's Quick Look) do. Shift+Space stays "select the
 * row" (ARIA grid); Enter alone is left for editing a cell one day.
 */
export const opensViewer = (e: Key): boolean => plain(e) && ((e.key === 'Enter' && e.shiftKey) || (e.key === ' ' && !e.shiftKey));

export type ViewerKey = 'close' | 'next' | 'previous';

/**
 * A key inside the open viewer: Escape closes it (focus back on the cell); Alt+↓ and Alt+↑ step to
 * the next and previous row, since the plain arrows move in the value's text.
 */
export function viewerKey(e: Key): ViewerKey | undefined {
  if (e.key === 'Escape' && plain(e) && !e.shiftKey) return 'close';
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) return e.key === 'ArrowDown' ? 'next' : e.key === 'ArrowUp' ? 'previous' : undefined;
  return undefined;
}

import type { Column } from '../../../shared/contracts/events';
import { copyText } from '../common/clipboard';
import { countOf, formatCount } from '../format';
import type { PageCache } from './pageCache';
import type { Area } from './selection';
import { clipboardText } from './tsv';

/** Copying more than this many rows is refused: the clipboard is no export format. */
export const COPY_LIMIT_ROWS = 50_000;

/**
 * Copies an area of the result as TSV, one cell as its text (rows not on screen are fetched for it) and says what
 * happened, in a sentence for the app's polite announcer.
 */
export async function copyArea(cache: PageCache, columns: readonly Column[], area: Area, withHeader: boolean): Promise<string> {
  const count = area.bottom - area.top + 1;
  if (count > COPY_LIMIT_ROWS) return `Copy is limited to ${formatCount(COPY_LIMIT_ROWS)} rows; select fewer rows.`;
  const read = await cache.read(area.top, area.bottom + 1, columns.length);
  if (!read.ok) return `Could not copy: ${read.error.message} (error id ${read.error.id})`;
  const picked = read.value.map((r) => r.slice(area.left, area.right + 1));
  const header = withHeader ? columns.slice(area.left, area.right + 1).map((c) => c.name) : undefined;
  const copied = await copyText(clipboardText(picked, header));
  const width = area.right - area.left + 1;
  // one cell is copied as its own text, not as TSV (clipboardText)
  return copied ? (count * width === 1 ? 'Copied 1 cell' : `Copied ${countOf(count, 'row')} × ${countOf(width, 'column')} as TSV`) : 'The clipboard refused the copy.';
}

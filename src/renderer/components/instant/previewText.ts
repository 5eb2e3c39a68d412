import { countOf } from '../format';
import type { PreviewState } from './previewState';

/** The pane's short summary: how many rows show and of how many columns; "first 100 rows" when the preview was cut. */
export function previewStatus(state: PreviewState): string {
  const rows = state.rows;
  if (!rows) return '';
  const n = rows.values[0]?.length ?? 0;
  const shown = rows.more ? `first ${countOf(n, 'row')}` : countOf(n, 'row');
  return `${shown} · ${countOf(rows.columns.length, 'column')}${state.problem?.kind === 'invalid' || state.problem?.kind === 'failed' ? ' · last good preview' : ''}`;
}

/**
 * DuckDB's message without its "LINE n: …" excerpt: that excerpt quotes the SQL main ran for the
 * preview (its line numbers are not the editor's), and the underline in the editor shows the place.
 */
export const previewMessage = (message: string): string => message.replace(/\n*LINE \d+:[\s\S]*$/, '').trimEnd() || message;

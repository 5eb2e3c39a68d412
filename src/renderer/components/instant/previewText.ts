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
 * The note beside rows a preview left out because their text passed its budget (a few rows of many
 * long values): "first 100 rows" alone would read as if the statement had no more.
 */
export const previewBudgetNote = (state: PreviewState): string =>
  state.rows?.overBudget ? 'later rows left out: their values hold more text than a preview carries; Run the query to see them' : '';

/**
 * What the pane says without rows. Nothing beside an error or a refusal, whose own line says it all
 * (a refusal's reason already says to Run the query).
 */
export function previewEmptyText(state: PreviewState): string {
  if (state.problem) return '';
  if (state.empty) return 'Put the cursor in a statement to preview it.';
  // while a preview runs the pane's head says "Previewing…"
  return state.pending ? '' : 'Type a query: its first rows show here.';
}

/**
 * DuckDB's message without its "LINE n: …" excerpt: that excerpt quotes the SQL main ran for the
 * preview (its line numbers are not the editor's), and the underline in the editor shows the place.
 */
export const previewMessage = (message: string): string => message.replace(/\n*LINE \d+:[\s\S]*$/, '').trimEnd() || message;

/** What a person does with a finished result, kept on its history entry: exports, its view, its chart, its pivot. */
import { isPlainView } from '../domain/resultView';
import type { SessionViewEvent } from './appView';
import type { DraftSession, ViewDraft } from './viewDraft';

/** Each finished export is listed, oldest first ("Exported 3,000,000 rows as Parquet"). */
export function resultExported(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'ResultExported'>): void {
  const h = draft.writableEntry(s, e.payload.queryId);
  if (!h) return;
  const { format, target, rows, bytes } = e.payload;
  h.exports = [...(h.exports ?? []), { format, target, rows, bytes, exportedAt: e.occurredAt }];
}

/** A result shown as it came holds no view at all. */
export function resultViewSet(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'ResultViewSet'>): void {
  const h = draft.writableEntry(s, e.payload.queryId);
  if (!h) return;
  const { orderBy, filter } = e.payload;
  if (isPlainView({ orderBy, filter })) delete h.view;
  else h.view = { orderBy, filter };
}

export function chartSet(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'ChartSet'>): void {
  const h = draft.writableEntry(s, e.payload.queryId);
  if (!h) return;
  if (e.payload.spec) h.chart = e.payload.spec;
  else delete h.chart;
}

export function pivotSet(draft: ViewDraft, s: DraftSession, e: SessionViewEvent<'PivotSet'>): void {
  const h = draft.writableEntry(s, e.payload.queryId);
  if (!h) return;
  if (e.payload.spec) h.pivot = e.payload.spec;
  else delete h.pivot;
}

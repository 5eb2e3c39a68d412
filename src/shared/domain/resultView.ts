import type { SessionCommand } from '../contracts/commands';
import type { Rejection } from '../contracts/errors';
import type { SessionEvent } from '../contracts/events';
import type { PageFilter, PageView } from '../contracts/pageView';
import { reject } from './decider';

type SetResultView = Extract<SessionCommand, { type: 'SetResultView' }>;
type SortKey = SetResultView['orderBy'][number];

/** A view's sort keys and filters, both always present: what ResultViewSet records and a HistoryEntry carries. */
export interface ResultView {
  readonly orderBy: readonly SortKey[];
  readonly filter: readonly PageFilter[];
}

/** A result as it came: no sort, no filter. */
export const isPlainView = (v: ResultView): boolean => v.orderBy.length === 0 && v.filter.length === 0;

/** The protocol's page view of a result view (what fetchPage and an export take): only the parts it uses. */
export function pageViewOf(view: ResultView): PageView {
  return { ...(view.orderBy.length ? { orderBy: [...view.orderBy] } : {}), ...(view.filter.length ? { filter: [...view.filter] } : {}) };
}

/** A column's filters that keep the rows holding `value` (NULL too): a profile's "filter to this value". */
export const valueFilter = (column: number, value: string | null): PageFilter[] => (value === null ? [{ column, op: 'isNull' }] : [{ column, op: 'eq', value }]);

/** Identifies a view by its content (`descending: false` is the same key as no flag). */
export function viewKey(v: ResultView): string {
  const order = v.orderBy.map((k) => `${k.column}${k.descending ? 'd' : 'a'}`);
  return JSON.stringify([order, v.filter]);
}

/**
 * The session decider's rule for SetResultView: only a completed query of this session has a kept
 * result to sort and filter, and only by columns it has. Setting the view it already has records nothing.
 */
export function decideResultView(command: SetResultView, result: { readonly columnCount: number; readonly view: string } | undefined): readonly SessionEvent[] | Rejection {
  if (!result) {
    return reject('RESULT_NOT_FOUND', 'Only a completed query of this session can be sorted or filtered.', { queryId: command.queryId });
  }
  const used = [...command.orderBy.map((k) => k.column), ...command.filter.map((f) => f.column)];
  const bad = used.find((c) => c >= result.columnCount);
  if (bad !== undefined) {
    return reject('INVALID_COMMAND', `The result has no column ${bad + 1}; it has ${result.columnCount}.`, { queryId: command.queryId, column: bad });
  }
  const view = { orderBy: command.orderBy, filter: command.filter };
  return viewKey(view) === result.view ? [] : [{ type: 'ResultViewSet', payload: { queryId: command.queryId, orderBy: [...view.orderBy], filter: [...view.filter] } }];
}

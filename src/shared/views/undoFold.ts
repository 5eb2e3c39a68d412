import type { SessionEvent } from '../contracts/events';
import { isPlainView, type ResultView } from '../domain/resultView';
import { sessionUndoEntry, type SessionUndoRecorders } from '../domain/sessionUndoable';
import { UNDO_DEPTH, type UndoableEventType } from '../domain/undoable';
import type { ChartSpec } from '../chart/chartSpec';
import type { PivotSpec } from '../pivot/pivotSpec';
import type { SessionView, ViewEvent } from './appView';
import { closeSession, reopenSession } from './sessionFold';
import type { DraftSession, ViewDraft } from './viewDraft';

/**
 * What the view keeps to take each undoable action back and to name it in a tooltip, per event type
 * of the undoable table (domain/undoable.ts). The compiler checks the two list the same types.
 */
export interface UndoDetails {
  SessionRenamed: { readonly before: string; readonly after: string };
  SessionClosed: object;
  SessionReopened: object;
  /** The result's view before and after (absent: shown as it came). */
  ResultViewSet: { readonly queryId: string; readonly before?: ResultView; readonly after?: ResultView };
  /** The result's chart and pivot before and after (absent: none shown). */
  ChartSet: { readonly queryId: string; readonly before?: ChartSpec; readonly after?: ChartSpec };
  PivotSet: { readonly queryId: string; readonly before?: PivotSpec; readonly after?: PivotSpec };
  DatasetRemoved: object;
}
type SameKeys = [keyof UndoDetails] extends [UndoableEventType] ? ([UndoableEventType] extends [keyof UndoDetails] ? true : never) : never;
const _sameKeys: SameKeys = true;

/**
 * One undoable action in the view: `seq` is its aggregateSeq (what Undo and Redo name), `actionSeq`
 * the global seq it was first recorded at, `at` the global seq it was last applied (undo stack) or
 * undone (redo stack): what the targeting rule (undoTarget.ts) orders by.
 */
export type UndoEntry = { [K in UndoableEventType]: { readonly type: K; readonly seq: number; readonly actionSeq: number; readonly at: number } & UndoDetails[K] }[UndoableEventType];

/** An aggregate's undo and redo stacks in the view, newest last; absent until its first undoable action. */
export interface UndoStacks {
  readonly undo: readonly UndoEntry[];
  readonly redo: readonly UndoEntry[];
}

export type UndoEvent = Extract<SessionEvent, { type: 'ActionUndone' | 'ActionRedone' }>;
export type WritableStacks = { undo: UndoEntry[]; redo: UndoEntry[] };

/** Where a view's entry sits: its aggregateSeq, and the global seq it was recorded at (UndoEntry). */
type EntryAt = Pick<UndoEntry, 'seq' | 'actionSeq' | 'at'>;
const lastEntry = (s: SessionView, queryId: string) => s.history.findLast((h) => h.queryId === queryId);

/** What the view records per undoable session action (domain/sessionUndoable.ts), read from the session just before the event. */
const viewUndo: SessionUndoRecorders<SessionView, EntryAt, UndoEntry> = {
  SessionRenamed: (s, e, at) => ({ type: 'SessionRenamed', ...at, before: s.title, after: e.payload.title }),
  SessionClosed: (_s, _e, at) => ({ type: 'SessionClosed', ...at }),
  SessionReopened: (_s, _e, at) => ({ type: 'SessionReopened', ...at }),
  ResultViewSet: (s, e, at) => {
    const entry = lastEntry(s, e.payload.queryId);
    if (!entry) return undefined;
    const { orderBy, filter } = e.payload;
    const after = isPlainView({ orderBy, filter }) ? undefined : { orderBy, filter };
    return { type: 'ResultViewSet', ...at, queryId: e.payload.queryId, ...(entry.view ? { before: entry.view } : {}), ...(after ? { after } : {}) };
  },
  ChartSet: (s, e, at) => {
    const entry = lastEntry(s, e.payload.queryId);
    const after = e.payload.spec ?? undefined;
    return entry && { type: 'ChartSet', ...at, queryId: e.payload.queryId, ...(entry.chart ? { before: entry.chart } : {}), ...(after ? { after } : {}) };
  },
  PivotSet: (s, e, at) => {
    const entry = lastEntry(s, e.payload.queryId);
    const after = e.payload.spec ?? undefined;
    return entry && { type: 'PivotSet', ...at, queryId: e.payload.queryId, ...(entry.pivot ? { before: entry.pivot } : {}), ...(after ? { after } : {}) };
  },
};

/** Pushes a new action (dropping the oldest past UNDO_DEPTH, as the deciders do) and clears redo. */
export function pushNew(stacks: WritableStacks, entry: UndoEntry): void {
  if (stacks.undo.length >= UNDO_DEPTH) stacks.undo.splice(0, stacks.undo.length - UNDO_DEPTH + 1);
  stacks.undo.push(entry);
  stacks.redo.length = 0;
}

/** Moves the top entry named by `e` between the stacks; undefined (nothing moves) when it is not the top. */
export function moveTop(stacks: WritableStacks, e: UndoEvent & { readonly globalSeq: number }): UndoEntry | undefined {
  const [from, to] = e.type === 'ActionUndone' ? [stacks.undo, stacks.redo] : [stacks.redo, stacks.undo];
  const top = from.at(-1);
  if (!top || top.seq !== e.payload.seq) return undefined;
  from.pop();
  to.push({ ...top, at: e.globalSeq });
  return top;
}

/** Records a session's undoable action on its undo stacks, as it was just before `e`. */
export function recordUndoable(draft: ViewDraft, s: DraftSession, e: ViewEvent & Exclude<SessionEvent, UndoEvent>): void {
  const entry = sessionUndoEntry(viewUndo, s, e, { seq: e.aggregateSeq, actionSeq: e.globalSeq, at: e.globalSeq });
  if (entry) pushNew(draft.ownUndo(s), entry);
}

/** Takes back or applies again the top action of a session's stacks, when `e` names it. */
export function undoOrRedo(draft: ViewDraft, s: DraftSession, e: ViewEvent & UndoEvent): void {
  if (!s.undo) return;
  const entry = moveTop(draft.ownUndo(s), e);
  if (entry) applyToSession(draft, s, entry, e.type === 'ActionUndone', e.globalSeq);
}

/**
 * Writes `entry` taken back (`back`) or applied again into a session the fold owns. `entry` reaches
 * the history entry of a result through the draft, which copies it on first write.
 */
function applyToSession(draft: ViewDraft, s: DraftSession, entry: UndoEntry, back: boolean, globalSeq: number): void {
  switch (entry.type) {
    case 'SessionRenamed':
      s.title = back ? entry.before : entry.after;
      return;
    case 'SessionClosed':
    case 'SessionReopened':
      // A close taken back, or a reopen done again, is a reopen: the tab is shown again.
      if (back === (entry.type === 'SessionClosed')) reopenSession(s, globalSeq);
      else closeSession(s, globalSeq);
      return;
    case 'ResultViewSet': {
      const h = draft.writableEntry(s, entry.queryId);
      if (!h) return;
      const view = back ? entry.before : entry.after;
      if (view) h.view = view;
      else delete h.view;
      return;
    }
    case 'ChartSet': {
      const h = draft.writableEntry(s, entry.queryId);
      if (!h) return;
      const chart = back ? entry.before : entry.after;
      if (chart) h.chart = chart;
      else delete h.chart;
      return;
    }
    case 'PivotSet': {
      const h = draft.writableEntry(s, entry.queryId);
      if (!h) return;
      const pivot = back ? entry.before : entry.after;
      if (pivot) h.pivot = pivot;
      else delete h.pivot;
      return;
    }
    case 'DatasetRemoved':
      return;
  }
}

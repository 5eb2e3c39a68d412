import type { AggregateType } from '../contracts/events';
import type { ResultView } from '../domain/resultView';
import { chartWords } from '../chart/chartLabel';
import type { AppView, HistoryEntry, SessionView } from './appView';
import type { UndoEntry } from './undoFold';
import { isolateBidi } from '../text/isolate';
import { sqlHeadline } from '../text/sqlHeadline';
import { lastResult } from './appViewSelectors';

/** What an Undo or Redo command names: the action, by its aggregate and seq. */
export interface UndoAction {
  readonly aggregateType: AggregateType;
  readonly aggregateId: string;
  /** The aggregateSeq of the action, which the decider checks is still the top of that stack. */
  readonly seq: number;
}

/** What the Undo or Redo button acts on: the action its command names, and what its tooltip says. */
export interface UndoTarget {
  readonly action: UndoAction;
  /** "Undo sort by dep_delay", "Redo rename to “Delays”". */
  readonly label: string;
  /** It acts on a result its session does not show now: nothing in sight changes, so the window says it was done. */
  readonly unseen?: true;
}

interface Candidate {
  readonly aggregateType: AggregateType;
  readonly aggregateId: string;
  readonly entry: UndoEntry;
  readonly session?: SessionView;
  readonly datasetName?: string;
}

/**
 * What Undo takes back (docs/undo.md): of the tops of the stacks a person sees from `sessionId`'s tab
 * (that session's actions, the close of any session, the removal of any dataset), the one applied
 * last. So closing a tab and pressing Ctrl+Z brings it back, as in a desktop app.
 */
export function nextUndo(view: AppView, sessionId: string | undefined): UndoTarget | undefined {
  const best = latest(candidates(view, sessionId, 'undo'));
  return best && target(best, 'Undo');
}

/**
 * What Redo applies again: the action undone last among the same stacks, unless a new action was
 * recorded there since (a new action clears redo, across those stacks as within each).
 */
export function nextRedo(view: AppView, sessionId: string | undefined): UndoTarget | undefined {
  const best = latest(candidates(view, sessionId, 'redo'));
  if (!best) return undefined;
  if (candidates(view, sessionId, 'undo').some((c) => c.entry.actionSeq > best.entry.at)) return undefined;
  return target(best, 'Redo');
}

function candidates(view: AppView, sessionId: string | undefined, stack: 'undo' | 'redo'): Candidate[] {
  const out: Candidate[] = [];
  for (const s of Object.values(view.sessions)) {
    const entry = s.undo?.[stack].at(-1);
    if (entry && (s.id === sessionId || entry.type === 'SessionClosed')) out.push({ aggregateType: 'QuerySession', aggregateId: s.id, entry, session: s });
  }
  // A removal to undo is on a removed dataset; one to redo on a present one.
  const datasets = stack === 'undo' ? view.removedDatasets ?? {} : view.datasets;
  const taken = new Set(Object.values(view.datasets).map((d) => d.name));
  for (const d of Object.values(datasets)) {
    const entry = d.undo?.[stack].at(-1);
    // A removed dataset whose name a newer dataset took cannot come back under it: not offered.
    if (entry && !(stack === 'undo' && d.name !== undefined && taken.has(d.name))) {
      // a failed dataset has no name: its source says which one
      out.push({ aggregateType: 'Dataset', aggregateId: d.id, entry, datasetName: d.name ?? d.source });
    }
  }
  return out;
}

function latest(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || c.entry.at > best.entry.at) best = c;
  return best;
}

function target(c: Candidate, verb: 'Undo' | 'Redo'): UndoTarget {
  const unseen = 'queryId' in c.entry && onEarlierResult(c, c.entry.queryId) !== '';
  return { action: { aggregateType: c.aggregateType, aggregateId: c.aggregateId, seq: c.entry.seq }, label: `${verb} ${describe(c)}`, ...(unseen ? { unseen: true as const } : {}) };
}

/** What the action did, in the words of the tooltip. */
function describe(c: Candidate): string {
  const e = c.entry;
  // user text isolated: a right-to-left title or a bidi control in one cannot reorder the tooltip's words
  const title = c.session ? `“${isolateBidi(c.session.title)}”` : 'the session';
  switch (e.type) {
    case 'SessionRenamed':
      return `rename to “${isolateBidi(e.after)}”`;
    case 'SessionClosed':
      return `close of ${title}`;
    case 'SessionReopened':
      return `reopen of ${title}`;
    case 'ResultViewSet':
      return describeView(e.before, e.after, c.session?.history.findLast((h) => h.queryId === e.queryId)) + onEarlierResult(c, e.queryId);
    case 'ChartSet':
      return (e.after ? `chart: ${chartWords(e.after)}` : 'close chart') + onEarlierResult(c, e.queryId);
    case 'PivotSet':
      return (e.after ? (e.after.rows.length > 0 ? `pivot by ${e.after.rows.map(isolateBidi).join(', ')}` : 'pivot of totals') : 'close pivot') + onEarlierResult(c, e.queryId);
    case 'DatasetRemoved':
      return `remove dataset ${isolateBidi(c.datasetName ?? '')}`.trimEnd();
  }
}

/**
 * Said after an action on a result that is not the one its session shows now: undoing it changes
 * nothing in sight, so the tooltip says whose it is ("… on an earlier result, “select …”").
 */
function onEarlierResult(c: Candidate, queryId: string): string {
  if (!c.session || lastResult(c.session)?.queryId === queryId) return '';
  const sql = c.session.history.findLast((h) => h.queryId === queryId)?.sql;
  return sql === undefined ? ' on an earlier result' : ` on an earlier result, “${isolateBidi(sqlHeadline(sql, 40))}”`;
}

function describeView(before: ResultView | undefined, after: ResultView | undefined, entry: HistoryEntry | undefined): string {
  const name = (column: number) => isolateBidi(entry?.columns?.[column]?.name ?? `column ${column + 1}`);
  const sort = (v: ResultView | undefined) => JSON.stringify(v?.orderBy ?? []);
  if (sort(before) !== sort(after)) {
    // every key, as the history names them: a second key added with Shift is the change undone
    const keys = after?.orderBy ?? [];
    if (keys.length > 0) return `sort by ${keys.map((k) => `${name(k.column)}${k.descending ? ' descending' : ''}`).join(', then ')}`;
    // "Clear sort and filters" clears both at once: said as one, not as the sort alone
    return (before?.filter.length ?? 0) > 0 && (after?.filter.length ?? 0) === 0 ? 'clear sort and filters' : 'clear sort';
  }
  const added = after?.filter.at(-1);
  if ((after?.filter.length ?? 0) >= (before?.filter.length ?? 0) && added) return `filter on ${name(added.column)}`;
  return (after?.filter.length ?? 0) === 0 ? 'clear filters' : 'filter change';
}

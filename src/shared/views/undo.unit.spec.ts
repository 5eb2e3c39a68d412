import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandTarget, isSessionCommand, type Command } from '../contracts/commands';
import type { DomainEvent } from '../contracts/events';
import { datasetDecider } from '../domain/dataset';
import { fold, isRejection } from '../domain/decider';
import { querySessionDecider } from '../domain/querySession';
import { activeSession, emptyView, foldAppView, lastResult, type AppView, type ViewEvent } from './appView';
import { nextRedo, nextUndo } from './undoTarget';

const columns = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'dep_delay', type: 'INTEGER' },
  { name: 'distance', type: 'INTEGER' },
];

/** The deciders and the view fold over an in-memory log: what the command handler and projections do, minus I/O. */
class MiniApp {
  readonly events: ViewEvent[] = [];
  view: AppView = emptyView();
  private readonly states = new Map<string, unknown>();
  private queries = 0;

  dispatch(command: Command): boolean {
    const { aggregateType, aggregateId } = commandTarget(command);
    const decider = (isSessionCommand(command) ? querySessionDecider : datasetDecider) as unknown as {
      initialState: unknown;
      decide(c: Command, s: unknown): readonly DomainEvent[] | { code: string };
      evolve(s: unknown, e: DomainEvent): unknown;
    };
    const key = `${aggregateType}/${aggregateId}`;
    let state = this.states.get(key) ?? decider.initialState;
    const decided = decider.decide(command, state);
    if (isRejection(decided as never)) return false;
    const batch: ViewEvent[] = [];
    for (const event of decided as readonly DomainEvent[]) {
      state = decider.evolve(state, event);
      const aggregateSeq = this.events.filter((e) => e.aggregateId === aggregateId).length + batch.length + 1;
      batch.push({ ...event, globalSeq: this.events.length + batch.length + 1, aggregateType, aggregateId, aggregateSeq, occurredAt: '2026-01-01T00:00:00.000Z' } as ViewEvent);
    }
    this.states.set(key, state);
    this.events.push(...batch);
    this.view = foldAppView(this.view, batch);
    return true;
  }

  run(sessionId: string, sql = 'select 1'): void {
    const queryId = `q${++this.queries}`;
    if (this.dispatch({ type: 'StartQuery', sessionId, queryId, sql })) {
      this.dispatch({ type: 'CompleteQuery', sessionId, queryId, rowCount: 3, columns, durationMs: 1 });
    }
  }
}

function started(): MiniApp {
  const app = new MiniApp();
  for (const id of ['s1', 's2']) {
    app.dispatch({ type: 'OpenSession', sessionId: id, title: `Session ${id}` });
    app.run(id);
  }
  for (const [id, name] of [['d1', 'one'], ['d2', 'two']] as const) {
    app.dispatch({ type: 'RequestDataset', datasetId: id, source: `/data/${name}.csv` });
    app.dispatch({ type: 'RegisterDataset', datasetId: id, name, source: `/data/${name}.csv`, format: 'csv', columns });
  }
  return app;
}

/** What a person sees of a view: titles, closed flags, results with their sort and filter, datasets. */
function visible(view: AppView) {
  return {
    sessions: Object.fromEntries(
      Object.values(view.sessions).map((s) => [s.id, { title: s.title, closed: s.closed, draft: s.draft, history: s.history.map((h) => ({ queryId: h.queryId, phase: h.phase, view: h.view })) }]),
    ),
    datasets: Object.fromEntries(Object.values(view.datasets).map((d) => [d.id, { name: d.name, status: d.status, source: d.source, columns: d.columns }])),
  };
}

/** The log with the actions still undone at its end left out, and the undo and redo events themselves. */
function withoutUndone(events: readonly ViewEvent[]): ViewEvent[] {
  const undone = new Set<string>();
  for (const e of events) {
    if (e.type === 'ActionUndone') undone.add(`${e.aggregateId}/${e.payload.seq}`);
    if (e.type === 'ActionRedone') undone.delete(`${e.aggregateId}/${e.payload.seq}`);
  }
  return events.filter((e) => e.type !== 'ActionUndone' && e.type !== 'ActionRedone' && !undone.has(`${e.aggregateId}/${e.aggregateSeq}`));
}

const session = fc.constantFrom('s1', 's2');
const action = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), s: session, title: fc.constantFrom('A', 'B', 'C') }),
  fc.record({ kind: fc.constant('close' as const), s: session }),
  fc.record({ kind: fc.constant('reopen' as const), s: session }),
  fc.record({ kind: fc.constant('activate' as const), s: session }),
  fc.record({ kind: fc.constant('sort' as const), s: session, keys: fc.array(fc.record({ column: fc.integer({ min: 0, max: 2 }), descending: fc.boolean() }), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('filter' as const), s: session, column: fc.option(fc.integer({ min: 0, max: 2 })) }),
  fc.record({ kind: fc.constant('run' as const), s: session }),
  fc.record({ kind: fc.constant('draft' as const), s: session, sql: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('remove' as const), d: fc.constantFrom('d1', 'd2') }),
);
const step = fc.oneof({ weight: 3, arbitrary: action }, { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) }, { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) });
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function play(app: MiniApp, s: Step): void {
  const shown = activeSession(app.view)?.id;
  switch (s.kind) {
    case 'undo':
    case 'redo': {
      const target = (s.kind === 'undo' ? nextUndo : nextRedo)(app.view, shown);
      if (!target) return;
      const cmd = target.action.aggregateType === 'QuerySession'
        ? { type: s.kind === 'undo' ? ('UndoSessionAction' as const) : ('RedoSessionAction' as const), sessionId: target.action.aggregateId, seq: target.action.seq }
        : { type: s.kind === 'undo' ? ('UndoDatasetAction' as const) : ('RedoDatasetAction' as const), datasetId: target.action.aggregateId, seq: target.action.seq };
      // What the buttons offer, the deciders accept.
      expect(app.dispatch(cmd), `${target.label} was refused`).toBe(true);
      return;
    }
    case 'rename':
      app.dispatch({ type: 'RenameSession', sessionId: s.s, title: s.title });
      return;
    case 'close':
      app.dispatch({ type: 'CloseSession', sessionId: s.s });
      return;
    case 'reopen':
      app.dispatch({ type: 'ReopenSession', sessionId: s.s });
      return;
    case 'activate':
      app.dispatch({ type: 'ActivateSession', sessionId: s.s });
      return;
    case 'draft':
      app.dispatch({ type: 'SaveDraft', sessionId: s.s, sql: s.sql });
      return;
    case 'run':
      app.run(s.s);
      return;
    case 'sort':
    case 'filter': {
      const result = app.view.sessions[s.s] && lastResult(app.view.sessions[s.s]!);
      if (!result) return;
      const current = result.view ?? { orderBy: [], filter: [] };
      const next = s.kind === 'sort'
        ? { orderBy: s.keys.map((k) => (k.descending ? k : { column: k.column })), filter: [...current.filter] }
        : { orderBy: [...current.orderBy], filter: s.column === null ? [] : [{ column: s.column, op: 'notNull' as const }] };
      app.dispatch({ type: 'SetResultView', sessionId: s.s, queryId: result.queryId, ...next });
      return;
    }
    case 'remove':
      app.dispatch({ type: 'RemoveDataset', datasetId: s.d });
      return;
  }
}

describe('undo and redo in the view', () => {
  it('for random actions, undos and redos, the view equals the view of the same actions with the undone ones left out', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const app = started();
        for (const s of steps) play(app, s);
        const kept = withoutUndone(app.events);
        expect(visible(app.view)).toEqual(visible(foldAppView(emptyView(), kept)));
        // The deciders agree on what they check commands against. (Not a result's view key: a query
        // run while a close was undone is in the session, but a kept log with that close redone
        // before it would have refused it, so the deciders' results need not match there.)
        for (const id of ['s1', 's2']) {
          const full = fold(querySessionDecider, app.events.filter((e) => e.aggregateId === id) as never[]);
          const left = fold(querySessionDecider, kept.filter((e) => e.aggregateId === id) as never[]);
          expect(full.status === 'Unopened' ? full : { status: full.status, title: full.title }).toEqual(left.status === 'Unopened' ? left : { status: left.status, title: left.title });
        }
        for (const id of ['d1', 'd2']) {
          expect(fold(datasetDecider, app.events.filter((e) => e.aggregateId === id) as never[]).status).toBe(fold(datasetDecider, kept.filter((e) => e.aggregateId === id) as never[]).status);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sorting, then undo and redo: the grid view goes back and forth, the tooltip names the column', () => {
    const app = started();
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [{ column: 1, descending: true }], filter: [] });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo sort by dep_delay descending');
    play(app, { kind: 'undo' });
    expect(app.view.sessions.s2?.history[0]?.view).toBeUndefined();
    expect(nextRedo(app.view, 's2')?.label).toBe('Redo sort by dep_delay descending');
    play(app, { kind: 'redo' });
    expect(app.view.sessions.s2?.history[0]?.view).toEqual({ orderBy: [{ column: 1, descending: true }], filter: [] });
  });

  it('an action on a result the session no longer shows: the tooltip says it is an earlier result, and which', () => {
    const app = started();
    app.dispatch({ type: 'SetPivot', sessionId: 's2', queryId: 'q2', spec: { rows: ['origin'], columns: [], values: 'dep_delay', aggregate: 'Average' } });
    app.dispatch({ type: 'SetPivot', sessionId: 's2', queryId: 'q2', spec: null });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo close pivot');
    app.run('s2', 'select origin, dep_delay\nfrom flights where distance > 1000');
    expect(nextUndo(app.view, 's2')).toMatchObject({ label: 'Undo close pivot on an earlier result, “select 1”', unseen: true });
    play(app, { kind: 'undo' });
    expect(nextRedo(app.view, 's2')?.label).toBe('Redo close pivot on an earlier result, “select 1”');
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q3', orderBy: [{ column: 0 }], filter: [] });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo sort by origin');
    expect(nextUndo(app.view, 's2')?.unseen).toBeUndefined();
  });

  it('a second sort key: the tooltip names both keys in order, as the history does, not the first again', () => {
    const app = started();
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [{ column: 1, descending: true }], filter: [] });
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [{ column: 1, descending: true }, { column: 0 }], filter: [] });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo sort by dep_delay descending, then origin');
    play(app, { kind: 'undo' });
    expect(nextRedo(app.view, 's2')?.label).toBe('Redo sort by dep_delay descending, then origin');
  });

  it('"Clear sort and filters" with both set: the tooltip names both, not the sort alone', () => {
    const app = started();
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [{ column: 1, descending: true }], filter: [{ column: 1, op: 'gt', value: '5' }] });
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [], filter: [] });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo clear sort and filters');
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [{ column: 1 }], filter: [] });
    app.dispatch({ type: 'SetResultView', sessionId: 's2', queryId: 'q2', orderBy: [], filter: [] });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo clear sort');
  });

  it('undo after closing a tab reopens it, whatever tab is shown then', () => {
    const app = started();
    app.dispatch({ type: 'RenameSession', sessionId: 's1', title: 'Delays' });
    app.dispatch({ type: 'CloseSession', sessionId: 's2' });
    expect(activeSession(app.view)?.id).toBe('s1');
    expect(nextUndo(app.view, 's1')?.label).toBe('Undo close of “Session s2”');
    play(app, { kind: 'undo' });
    expect(app.view.sessions.s2?.closed).toBe(false);
    expect(activeSession(app.view)?.id).toBe('s2');
    // s1's rename is not s2's to undo; nothing of s2's is left.
    expect(nextUndo(app.view, 's2')).toBeUndefined();
    expect(nextUndo(app.view, 's1')?.label).toBe('Undo rename to “Delays”');
  });

  it('undo of a dataset removal brings it back with its registration and place in the list', () => {
    const app = started();
    const before = app.view.datasets.d1;
    app.dispatch({ type: 'RemoveDataset', datasetId: 'd1' });
    expect(app.view.datasets.d1).toBeUndefined();
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo remove dataset one');
    play(app, { kind: 'undo' });
    const { undo: _undo, ...back } = app.view.datasets.d1!;
    expect(back).toEqual(before);
    expect(nextRedo(app.view, 's2')?.label).toBe('Redo remove dataset one');
  });

  it('names a failed dataset’s removal by its source: it never got a name', () => {
    const app = started();
    app.dispatch({ type: 'RequestDataset', datasetId: 'd3', source: '/tmp/nope.csv' });
    app.dispatch({ type: 'FailDataset', datasetId: 'd3', source: '/tmp/nope.csv', error: { id: 'e', code: 'DATASET_MISSING', message: 'No file at /tmp/nope.csv.' } });
    app.dispatch({ type: 'RemoveDataset', datasetId: 'd3' });
    expect(nextUndo(app.view, 's2')?.label).toBe('Undo remove dataset /tmp/nope.csv');
  });

  it('a new action anywhere in view clears redo; a removed dataset whose name was taken again is not offered', () => {
    const app = started();
    app.dispatch({ type: 'RenameSession', sessionId: 's2', title: 'A' });
    play(app, { kind: 'undo' });
    expect(nextRedo(app.view, 's2')).toBeDefined();
    app.dispatch({ type: 'RemoveDataset', datasetId: 'd1' });
    expect(nextRedo(app.view, 's2')).toBeUndefined();
    app.dispatch({ type: 'RequestDataset', datasetId: 'd3', source: '/data/one.csv' });
    app.dispatch({ type: 'RegisterDataset', datasetId: 'd3', name: 'one', source: '/data/one.csv', format: 'csv', columns });
    expect(nextUndo(app.view, 's2')?.action.aggregateId).not.toBe('d1');
  });

  it('a new undoable action clears the session redo stack in the view, as the decider does', () => {
    const app = started();
    app.dispatch({ type: 'RenameSession', sessionId: 's2', title: 'A' });
    play(app, { kind: 'undo' });
    expect(app.view.sessions.s2?.undo?.redo.map((e) => e.type)).toEqual(['SessionRenamed']);
    app.dispatch({ type: 'RenameSession', sessionId: 's2', title: 'B' });
    expect(app.view.sessions.s2?.undo?.redo).toEqual([]);
    expect(app.view.sessions.s2?.undo?.undo.map((e) => e.seq)).toEqual([app.view.sessions.s2!.version]);
  });

  it('folding nothing undoable adds nothing: an old log folds to the view it always did', () => {
    const app = started();
    expect(Object.values(app.view.sessions).some((s) => 'undo' in s)).toBe(false);
    expect('removedDatasets' in app.view).toBe(false);
  });
});

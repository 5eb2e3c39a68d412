import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDataset } from '../../../test/support/coreDatasets';
import { useTestCore } from '../../../test/support/useTestCore';
import { datasetList, emptyView, foldAppView, type DatasetView } from '../../shared/views/appView';
import { sessionAtAnswerSchema } from '../../shared/views/pastSession';
import { silentLogger } from '../platform/logger';
import { evenlySpaced } from './checkpointSpacing';
import { SessionCheckpoints } from './sessionCheckpoints';
import { TimeTravel } from './timeTravel';

/** What the Datasets pane shows of each dataset: its name, status and columns. */
const shown = (datasets: readonly DatasetView[]) => datasets.map((d) => `${d.name ?? d.source} ${d.status} (${d.columns.map((c) => c.name).join(', ')})`);

/** The catalog a `sessionAt` answer carries, against a real store of a real core (real DuckDB, real files). */
describe('the catalog at a point of a session (real store)', () => {
  const ctx = useTestCore('all');

  it('given A added, B added, then A removed, when the session is shown at each point, then the catalog is as it was then', async () => {
    const core = ctx.core();
    writeFileSync(join(ctx.dir(), 'a.csv'), 'x,y\n1,2\n');
    writeFileSync(join(ctx.dir(), 'b.csv'), 'k\n1\n');
    const opened = await core.dispatch({ type: 'OpenSession', title: 'S' });
    if (!opened.ok) throw new Error(opened.error.message);
    const id = opened.value.aggregateId;
    /** A point of the session's timeline: an edit, and the global seq of its event. */
    const point = async (sql: string) => {
      expect((await core.dispatch({ type: 'SaveDraft', sessionId: id, sql })).ok).toBe(true);
      return core.store.readAggregate('QuerySession', id).at(-1)!.globalSeq;
    };
    const catalogAt = async (travel: TimeTravel, seq: number) => {
      const text = await travel.sessionAtText(id, seq);
      const answer = text.ok ? sessionAtAnswerSchema.parse(JSON.parse(text.value)) : undefined;
      // The same as the live view's fold of the whole log up to there.
      const everything = core.store.readAfter(0, 10_000).filter((e) => e.globalSeq <= seq);
      expect(answer?.datasets, `at ${seq}`).toEqual(datasetList(foldAppView(emptyView(), everything).datasets));
      return answer && shown(answer.datasets);
    };
    // Asked as the catalog changes: the core's travel reads the catalog's events stored since it last read.
    const before = await point('select 0');
    expect(await catalogAt(core.time, before)).toEqual([]);
    const a = await addDataset(core, join(ctx.dir(), 'a.csv'));
    const withA = await point('select 1');
    expect(await catalogAt(core.time, withA)).toEqual(['a ready (x, y)']);
    await addDataset(core, join(ctx.dir(), 'b.csv'));
    const withB = await point('select 2');
    expect(await catalogAt(core.time, withB)).toEqual(['a ready (x, y)', 'b ready (k)']);
    expect((await core.dispatch({ type: 'RemoveDataset', datasetId: a.id })).ok).toBe(true);
    const withoutA = await point('select 3');
    expect(await catalogAt(core.time, withoutA)).toEqual(['b ready (k)']);

    const expected: [number, string[]][] = [
      [before, []],
      [withA, ['a ready (x, y)']],
      [withB, ['a ready (x, y)', 'b ready (k)']],
      [withoutA, ['b ready (k)']],
    ];
    // Then each point again: the core's own (the live view at the newest point, folded before it) and
    // one spaced by 2, asked twice: the first pass folds and leaves checkpoints, the second starts from them and sends them as stored.
    const spaced = new TimeTravel(core.store, new SessionCheckpoints(join(ctx.dir(), 'cp.sqlite')), silentLogger(), evenlySpaced(2));
    for (const [travel, pass] of [[core.time, 'core'], [spaced, 'folds'], [spaced, 'from checkpoints']] as const) {
      for (const [seq, names] of expected) expect(await catalogAt(travel, seq), `${pass}, at ${seq}`).toEqual(names);
    }
    spaced.close();
  });
});

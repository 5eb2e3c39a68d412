import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/contracts/events';
import type { ViewEvent } from '../../../shared/views/appView';
import { TimelineFold } from '../../../shared/views/timeline';
import { selectedAfterMerge } from './movedEntry';

/** Given these events of session s1 (seq 1, 2, …, a minute apart). */
function given(events: readonly SessionEvent[]): (ViewEvent & SessionEvent)[] {
  return events.map((e, i) => ({ ...e, globalSeq: i + 1, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq: i + 1, occurredAt: `2026-01-01T10:${String(i).padStart(2, '0')}:00.000Z` }) as ViewEvent & SessionEvent);
}

const columns = [{ name: 'n', type: 'INTEGER' }];

describe('the selected entry after a merge', () => {
  const events = given([
    { type: 'SessionOpened', payload: { title: 'Session 1' } },
    { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
    { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } },
    { type: 'DraftSaved', payload: { sql: 'select 3' } },
    { type: 'DraftSaved', payload: { sql: 'select 4' } },
    { type: 'QueryCompleted', payload: { queryId: 'q2', rowCount: 1, columns, durationMs: 5 } },
    { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 2, columns, durationMs: 5 } },
    { type: 'SessionRenamed', payload: { title: 'Delays' } },
    { type: 'DraftSaved', payload: { sql: 'select 5' } },
  ]);
  const fold = new TimelineFold().add(events.slice(0, 4));
  const held = fold.newest(10).entries;
  const answer = fold.add(events.slice(4)).newest(10, 4);
  const heldAs = (label: string) => held.find((e) => e.label === label)!;

  it('given a selected query that settled since, then it is its settled copy, found by its query', () => {
    expect(answer.moved).toEqual(expect.arrayContaining([2, 3]));
    expect(selectedAfterMerge(heldAs('Ran query select 1 · running'), answer)).toMatchObject({ label: 'Ran query select 1 · 2 rows', seq: 7 });
    expect(selectedAfterMerge(heldAs('Ran query select 2 · running'), answer)).toMatchObject({ label: 'Ran query select 2 · 1 row', seq: 6 });
  });

  it('given a selected "Edited SQL" saved again since, then it is its copy, not the later "Edited SQL"', () => {
    expect(selectedAfterMerge(heldAs('Edited SQL'), answer)).toMatchObject({ kind: 'draft', seq: 5 });
  });

  it('given a selected entry that did not move, or none, then it stays as it is', () => {
    const opened = heldAs('Opened');
    expect(selectedAfterMerge(opened, answer)).toBe(opened);
    expect(selectedAfterMerge(undefined, answer)).toBeUndefined();
  });
});

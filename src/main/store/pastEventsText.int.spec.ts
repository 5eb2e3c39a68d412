import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, EventMetadata } from '../../shared/contracts/events';
import type { ViewEvent } from '../../shared/views/appView';
import type { PastEvent } from '../../shared/views/pastSession';
import { writeOldSession } from '../../../test/support/rawStore';
import { tempDir } from '../../../test/support/testCore';
import { EventStore, type NewEvent } from './eventStore';
import { UpcasterRegistry } from './upcasters';

const metadata: EventMetadata = { commandId: 'c1', correlationId: 'k1', issuedBy: 'user' };
/** What a travel's tuples must hold: the events the fold would read, in PastEvent's order. */
const asTuples = (events: readonly ViewEvent[]): PastEvent[] => events.map((e) => [e.globalSeq, e.aggregateSeq, e.type, e.payload, e.occurredAt]);

/** The events after a checkpoint as the JSON text SQLite writes for a travel (EventStore.pastEventsText). */
describe('the text of the events a travel sends on', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir('sextant-past-');
    store = new EventStore(`${dir.path}/events.sqlite`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const append = (id: string, version: number, events: { event: DomainEvent; occurredAt: string }[]) =>
    store.append(
      'QuerySession',
      id,
      version,
      events.map(({ event, occurredAt }): NewEvent => ({ event, topic: `session/${id}`, metadata, occurredAt })),
    );

  it('given payloads and times of any characters, when read after a seq, then the text parses to the very events the fold reads', () => {
    append('s', 0, [{ event: { type: 'SessionOpened', payload: { title: 'quotes " and \\ back\\slashes' } }, occurredAt: '2026-01-01T00:00:00.000Z' }]);
    append('other', 0, [{ event: { type: 'SessionOpened', payload: { title: 'not this one' } }, occurredAt: 't' }]);
    append('s', 1, [
      { event: { type: 'DraftSaved', payload: { sql: "select 'é€😀', '\u2028', e'\\n' -- \"x\"" } }, occurredAt: 'a "time" \\ odd' },
      { event: { type: 'SessionRenamed', payload: { title: '</script>{}[],' } }, occurredAt: '2026-01-01T00:00:02.000Z' },
      { event: { type: 'DraftSaved', payload: { sql: 'select 3' } }, occurredAt: '2026-01-01T00:00:03.000Z' },
    ]);
    const all = store.aggregateViewEvents('QuerySession', 's', 0, Number.MAX_SAFE_INTEGER, 100);
    const text = store.pastEventsText('QuerySession', 's', 1, all[2]!.globalSeq, 100)!;
    expect(JSON.parse(text.json)).toEqual(asTuples(all.slice(1, 3)));
    expect(text).toMatchObject({ count: 2, last: { globalSeq: all[2]!.globalSeq, occurredAt: '2026-01-01T00:00:02.000Z' } });
    // At most `limit`, in aggregate order; none after the last is an empty array.
    expect(JSON.parse(store.pastEventsText('QuerySession', 's', 0, Number.MAX_SAFE_INTEGER, 2)!.json)).toEqual(asTuples(all.slice(0, 2)));
    expect(store.pastEventsText('QuerySession', 's', 4, Number.MAX_SAFE_INTEGER, 10)).toEqual({ json: '[]', count: 0 });
  });

  it('given a payload stored at an older version of its type, then there is no text: only the decoder can lift it', () => {
    const path = `${dir.path}/old.sqlite`;
    writeOldSession(path, [
      { type: 'SessionOpened', version: 1, payload: '{"title":"old"}' },
      { type: 'QueryStarted', version: 1, payload: '{"queryId":"q1","text":"select 1"}' },
    ]);
    const renamedSql = new UpcasterRegistry([{ eventType: 'QueryStarted', fromVersion: 1, upcast: (p) => p }]);
    const old = new EventStore(path, { upcasters: renamedSql });
    expect(old.pastEventsText('QuerySession', 's', 0, Number.MAX_SAFE_INTEGER, 10)).toBeUndefined();
    // Before that event every payload is current.
    expect(old.pastEventsText('QuerySession', 's', 0, Number.MAX_SAFE_INTEGER, 1)?.count).toBe(1);
    old.close();
  });
});

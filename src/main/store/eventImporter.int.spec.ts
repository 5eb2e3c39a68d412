import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMetadata } from '../../shared/contracts/events';
import { tempDir } from '../../../test/support/testCore';
import type { ImportedEvent } from './eventImporter';
import { EventStore, MAX_EVENT_PAYLOAD_CHARS } from './eventStore';
import { refusal } from '../../../test/support/refusal';

const metadata: EventMetadata = { commandId: 'c1', correlationId: 'k1', issuedBy: 'user' };
const SESSION = '01a2441f-0000-7000-8000-000000000001';

/** One event of the imported session, as a session log holds it. */
function imported(aggregateSeq: number, event: Pick<ImportedEvent, 'type' | 'payload'>): ImportedEvent {
  return {
    ...event,
    eventId: `e-${aggregateSeq}`,
    aggregateType: 'QuerySession',
    aggregateId: SESSION,
    aggregateSeq,
    schemaVersion: 1,
    topic: `session/${SESSION}`,
    metadata,
    occurredAt: '2026-01-01T00:00:00.000Z',
  } as ImportedEvent;
}

const opened = imported(1, { type: 'SessionOpened', payload: { title: 'Imported' } } as ImportedEvent);
/** A DraftSaved whose serialized payload (`{"sql":"…"}`) is `chars` characters long. */
const draft = (aggregateSeq: number, chars: number) => imported(aggregateSeq, { type: 'DraftSaved', payload: { sql: 'x'.repeat(chars - '{"sql":""}'.length) } } as ImportedEvent);


// An import writes events as an append does: the store's one payload limit holds for both.
describe('EventStore.importEvents and the event size limit (real store file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir('sextant-import-limit-');
    path = `${dir.path}/events.sqlite`;
    store = new EventStore(path);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('refuses the whole import when one event is over MAX_EVENT_PAYLOAD_CHARS, with an error id and grouped numbers; nothing is written', () => {
    const error = refusal(() => store.importEvents([opened, draft(2, 10), draft(3, 5_000_000)]));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error.details).toMatchObject({ eventType: 'DraftSaved', size: 5_000_000, limit: MAX_EVENT_PAYLOAD_CHARS });
    expect(error.message).toBe(`A DraftSaved event of 5,000,000 characters was refused (limit ${MAX_EVENT_PAYLOAD_CHARS.toLocaleString('en-US')}); nothing was imported.`);
    // the file itself, opened again, holds nothing of it
    store.close();
    store = new EventStore(path);
    expect(store.lastSeq()).toBe(0);
  });

  it('takes an event of exactly the limit, as an append does', () => {
    const { stored } = store.importEvents([opened, draft(2, MAX_EVENT_PAYLOAD_CHARS)]);
    expect(stored.map((e) => e.type)).toEqual(['SessionOpened', 'DraftSaved']);
    expect(JSON.stringify(store.readAggregate('QuerySession', SESSION)[1]!.payload)).toHaveLength(MAX_EVENT_PAYLOAD_CHARS);
  });
});

// An event here is skipped only when it IS the file's event: its id alone does not say so.
describe('EventStore.importEvents and event ids already here (real store file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir('sextant-import-ids-');
    path = `${dir.path}/events.sqlite`;
    store = new EventStore(path);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const OTHER = '01a2441f-0000-7000-8000-000000000002';
  /** The same events (same ids) filed under another session, as a file edited to another session id would hold them. */
  const underAnother = (events: readonly ImportedEvent[]): ImportedEvent[] => events.map((e) => ({ ...e, aggregateId: OTHER, topic: `session/${OTHER}` }));
  const session = [opened, draft(2, 20), draft(3, 30)];

  it('given another session’s event ids, then the whole import is refused as IMPORT_CONFLICT with an error id, and nothing is written', () => {
    store.importEvents(session);
    const before = store.lastSeq();
    const error = refusal(() => store.importEvents(underAnother(session)));
    expect(error).toMatchObject({ code: 'IMPORT_CONFLICT', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error.message).toBe(
      `The file’s events claim ids that belong to other events here (event e-1 is SessionOpened 1 of QuerySession ${SESSION} here, SessionOpened 1 of QuerySession ${OTHER} in the file); nothing was imported.`,
    );
    expect(error.details).toMatchObject({ eventId: 'e-1', here: { aggregateId: SESSION }, file: { aggregateId: OTHER } });
    store.close();
    store = new EventStore(path);
    expect(store.lastSeq()).toBe(before);
    expect(store.readAggregate('QuerySession', OTHER)).toEqual([]);
  });

  it('given an id here for the same aggregate and seq but another payload or type, then it is refused too', () => {
    store.importEvents(session);
    expect(refusal(() => store.importEvents([opened, draft(2, 21)])).code).toBe('IMPORT_CONFLICT');
    const retyped = { ...session[1]!, type: 'SessionRenamed', payload: { title: 'x' } } as ImportedEvent;
    expect(refusal(() => store.importEvents([opened, retyped])).code).toBe('IMPORT_CONFLICT');
    expect(store.lastSeq()).toBe(3);
  });

  it('given the very same events, then they are skipped, whatever order the payload’s keys were written in', () => {
    const two = imported(2, { type: 'QueryStarted', payload: { queryId: 'q', sql: 'select 1' } } as ImportedEvent);
    store.importEvents([opened, two]);
    const reordered = { ...two, payload: { sql: 'select 1', queryId: 'q' } } as ImportedEvent;
    const again = store.importEvents([opened, reordered, imported(3, { type: 'DraftSaved', payload: { sql: 'select 1' } } as ImportedEvent)]);
    expect({ stored: again.stored.map((e) => e.aggregateSeq), skipped: again.skipped }).toEqual({ stored: [3], skipped: 2 });
  });

  it('tells a session an earlier import brought from one made in this log', () => {
    store.importEvents(session);
    expect(store.importEvents(session).earlierImports).toEqual([{ aggregateType: 'QuerySession', aggregateId: SESSION }]);
    // made here: appended, then read back as its export would write it
    const made = store.append('QuerySession', OTHER, 0, [{ event: { type: 'SessionOpened', payload: { title: 'Here' } }, topic: `session/${OTHER}`, metadata, occurredAt: '2026-01-02T00:00:00.000Z' }]);
    const back = store.importEvents(made.map(({ globalSeq: _g, ...e }) => e as ImportedEvent));
    expect(back).toMatchObject({ stored: [], skipped: 1, earlierImports: [] });
  });
});

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

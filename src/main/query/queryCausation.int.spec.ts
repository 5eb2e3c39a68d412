import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/contracts/events';
import { useTestSession } from '../../../test/support/useTestSession';

/** A query's events as stored, read back from the SQLite file: every one after QueryStarted caused by it. */
describe('a query’s events carry StartQuery’s correlation id and QueryStarted as their cause (real core, stored metadata)', () => {
  const { core, sessionId, run } = useTestSession('all');

  const storedFor = (queryId: string): EventEnvelope[] =>
    core().store.readAggregate('QuerySession', sessionId()).filter((e) => 'queryId' in e.payload && e.payload.queryId === queryId);

  it.each([
    ['QueryCompleted', 'select 42 as answer'],
    ['QueryFailed', 'selec 42'],
  ])('StartQuery → QueryStarted → ExecutionBegan → %s', async (end, sql) => {
    const { queryId } = await run(sql);
    const [started, ...caused] = storedFor(queryId);
    expect([started?.type, ...caused.map((e) => e.type)]).toEqual(['QueryStarted', 'ExecutionBegan', end]);
    expect(started!.metadata.issuedBy).toBe('user');
    // The person's command opened the chain: its correlation id is its own command id.
    expect(started!.metadata.correlationId).toBe(started!.metadata.commandId);
    for (const e of caused) {
      expect(e.metadata, e.type).toMatchObject({ correlationId: started!.metadata.correlationId, causationId: started!.eventId, issuedBy: 'system' });
      expect(e.metadata.commandId, `${e.type} has its own command`).not.toBe(started!.metadata.commandId);
    }
  });
});

import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, type SessionLogHeader } from '../../src/shared/contracts/sessionLog';
import type { EventEnvelope } from '../../src/shared/contracts/events';
import type { EventStore } from '../../src/main/store/eventStore';

/**
 * A stand-in for the session exporter (another slice writes the real one): one session's log as the
 * file format says (header, then every Dataset event of the store, then the session's events), read
 * from a store. The lead swaps the real exporter in.
 */
export function writeSessionLog(store: EventStore, sessionId: string, overrides: Partial<SessionLogHeader> = {}): string {
  const catalog: EventEnvelope[] = [];
  for (const batch of store.batchesAfter(0, { pattern: 'catalog' })) catalog.push(...batch);
  const session = store.readAggregate('QuerySession', sessionId);
  const opened = session.find((e) => e.type === 'SessionOpened' || e.type === 'SessionRenamed');
  const title = opened && 'title' in opened.payload ? opened.payload.title : 'Session';
  const header: SessionLogHeader = {
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    sessionId,
    title,
    exportedAt: new Date().toISOString(),
    eventCount: catalog.length + session.length,
    ...overrides,
  };
  return [header, ...catalog, ...session].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

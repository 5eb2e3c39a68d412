import type { EventStore } from '../../src/main/store/eventStore';
import { writeEventLog } from '../../src/main/share/eventLogWriter';

/**
 * A session's log as the exporter writes it (share/eventLogWriter.ts), into a string: the catalog
 * events of every dataset the store holds, then the session's.
 */
export async function writeSessionLog(store: EventStore, sessionId: string): Promise<string> {
  const datasetIds = new Set<string>();
  for (const batch of store.batchesAfter(0, { pattern: 'catalog' })) for (const e of batch) datasetIds.add(e.aggregateId);
  const session = store.readAggregate('QuerySession', sessionId);
  const named = session.findLast((e) => e.type === 'SessionOpened' || e.type === 'SessionRenamed');
  const title = named && 'title' in named.payload ? named.payload.title : 'Session';
  let text = '';
  await writeEventLog(store, { sessionId, title, datasetIds: [...datasetIds], exportedAt: new Date().toISOString() }, { write: (piece) => Promise.resolve(void (text += piece)) });
  return text;
}

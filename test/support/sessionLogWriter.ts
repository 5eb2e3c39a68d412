import type { EventStore } from '../../src/main/store/eventStore';
import { writeEventLog } from '../../src/main/share/eventLogWriter';
import { queryEnd, startQuery } from './coreEvents';
import { startTestCore } from './testCore';

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

/**
 * A session that added `file` and ran `sql` to its completion on a core of its own in `dataDir`,
 * closed after: its log as the exporter writes it, and its ids. The other machine of an import story.
 */
export async function exportedSessionReading(dataDir: string, file: string, sql: string): Promise<{ log: string; sessionId: string; queryId: string }> {
  const source = await startTestCore(dataDir);
  try {
    const opened = await source.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.aggregateId;
    const added = await source.dispatch({ type: 'AddDataset', source: file });
    if (!added.ok) throw new Error(added.error.message);
    await source.catalog.idle();
    const queryId = await startQuery(source, sessionId, sql);
    const end = await queryEnd(source, sessionId, queryId);
    if (end.type !== 'QueryCompleted') throw new Error(`the query ended ${end.type}`);
    return { log: await writeSessionLog(source.store, sessionId), sessionId, queryId };
  } finally {
    await source.close();
  }
}

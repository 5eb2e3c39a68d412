import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, type SessionLogHeader } from '../../shared/contracts/sessionLog';
import { sessionTopic } from '../../shared/contracts/topics';
import type { EventStore } from '../store/eventStore';
import { yieldToLoop, type FileSink } from './fileSink';

/** Session events read (and written) per chunk; main's loop runs between two chunks. */
const BATCH = 2000;

export interface EventLogSource {
  readonly sessionId: string;
  readonly title: string;
  /** The datasets the session's queries read or it attached: their catalog events go first. */
  readonly datasetIds: readonly string[];
  readonly exportedAt: string;
}

/**
 * Writes a session's event log (shared/contracts/sessionLog.ts): the header, then the catalog
 * events of the datasets it depends on, then the session's own events, each line one stored
 * envelope. The session's events are those stored when the export began (its aggregate version
 * then), so the header's count holds even while the session goes on; they are read in chunks as
 * SQLite-built JSON and never all held at once. Answers how many event lines it wrote.
 */
export async function writeEventLog(store: Pick<EventStore, 'logLines' | 'readAggregate' | 'aggregateVersion'>, source: EventLogSource, sink: Pick<FileSink, 'write'>): Promise<number> {
  const version = store.aggregateVersion('QuerySession', source.sessionId);
  const catalog = source.datasetIds.flatMap((id) => store.readAggregate('Dataset', id)).sort((a, b) => a.globalSeq - b.globalSeq);
  const header: SessionLogHeader = {
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    sessionId: source.sessionId,
    title: source.title,
    exportedAt: source.exportedAt,
    eventCount: catalog.length + version,
  };
  await sink.write(`${JSON.stringify(header)}\n`);
  if (catalog.length > 0) await sink.write(`${catalog.map((e) => JSON.stringify(e)).join('\n')}\n`);
  let written = 0;
  for (let cursor = 0; written < version; ) {
    const { lines } = store.logLines(sessionTopic(source.sessionId), cursor, BATCH);
    const last = lines.at(-1);
    if (!last) break;
    const kept = last.aggregateSeq <= version ? lines : lines.filter((l) => l.aggregateSeq <= version);
    if (kept.length > 0) await sink.write(`${kept.map((l) => l.json).join('\n')}\n`);
    written += kept.length;
    cursor = last.globalSeq;
    if (lines.length < BATCH) break;
    await yieldToLoop();
  }
  return catalog.length + written;
}

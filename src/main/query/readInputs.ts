import { toAppError } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { QueryInput } from '../../shared/contracts/fingerprint';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { AppView } from '../../shared/views/appView';
import { queryInputs } from './queryInputs';
import type { QueryWorker } from './queryWorker';
import { tableRefs } from './tableRefs';

/**
 * What a started query reads, for its completion to record (docs/share.md, "Provenance"): DuckDB's
 * parser names the tables, and `view`, main's view as the query started, says which are datasets
 * and their fingerprints then. A re-run carries the fingerprints its original recorded as `before`. Never fails:
 * a script DuckDB cannot serialize, or any trouble asking, records no inputs rather than a guess.
 */
export async function readInputs(queryWorker: Pick<QueryWorker, 'request'>, view: AppView, started: EventEnvelope, log: Logger): Promise<QueryInput[] | undefined> {
  if (started.type !== 'QueryStarted') return undefined;
  try {
    const parsed = tableRefs(await queryWorker.request({ type: 'parseTree', sql: started.payload.sql }));
    if (!parsed) return undefined;
    const rerunOf = started.payload.rerunOf;
    const before = rerunOf === undefined ? undefined : view.sessions[started.aggregateId]?.history.find((h) => h.queryId === rerunOf)?.inputs;
    return queryInputs(parsed, view.datasets, before);
  } catch (e) {
    log.debug({ errorId: toAppError(e, newErrorId()).id, queryId: started.payload.queryId }, 'query inputs not read');
    return undefined;
  }
}

import type { AppCoreOptions } from '../../src/main/core/appCoreOptions';
import { openSessions } from '../../src/shared/views/appView';
import { queryEnd, startQuery } from './coreEvents';
import type { TestCore } from './testCore';
import { useTestCore } from './useTestCore';

/**
 * A real core (useTestCore) and the session it opens with, for specs that run queries through the
 * app: `run` is StartQuery in that session, answered once the query's end is stored.
 */
export function useTestSession(scope: 'each' | 'all' = 'all', options: Partial<AppCoreOptions> = {}) {
  const started = useTestCore(scope, options);
  /** Read once per core: a spec that opens more sessions still runs in the first. */
  const first = new WeakMap<TestCore, string>();
  const sessionId = (): string => {
    const core = started.core();
    const id = first.get(core) ?? openSessions(core.projections.current.view)[0]?.id ?? noSession();
    first.set(core, id);
    return id;
  };
  const run = async (sql: string): Promise<{ queryId: string; end: Awaited<ReturnType<typeof queryEnd>> }> => {
    const core: TestCore = started.core();
    const queryId = await startQuery(core, sessionId(), sql);
    return { queryId, end: await queryEnd(core, sessionId(), queryId) };
  };
  return { ...started, sessionId, run };
}

function noSession(): never {
  throw new Error('useTestSession: the core opened no session');
}

import { describe, expect, it } from 'vitest';
import { MAX_PAGE_CHARS } from '../../shared/contracts/limits';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { useTestCore } from '../../../test/support/useTestCore';

/**
 * A page of rows whose text is past MAX_PAGE_CHARS: refused with an error id, not sent (200 rows of
 * 3 MB cells, written as one response, were past V8's string limit and ended the web host).
 */
describe('a page too large to send (real core, real DuckDB)', () => {
  const started = useTestCore('all');

  it('given 200 rows of 400,000 characters each, then the first 200 are refused with PAYLOAD_TOO_LARGE and an id; 100 of them are served', async () => {
    const core = started.core();
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const cell = 400_000;
    expect(200 * cell).toBeGreaterThan(MAX_PAGE_CHARS);
    const queryId = await startQuery(core, sessionId, `select i, repeat('x', ${cell}) as s from range(200) t(i)`);
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type).toBe('QueryCompleted');

    const refused = await core.runner.fetchPage(queryId, 0, 200);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.error.message).toMatch(/^These rows hold 77 MB of text, more than a page can carry \(64 MB\): select fewer or shorter columns/);
    expect(refused.error.id).toMatch(/^[0-9a-f-]{36}$/);

    const served = await core.runner.fetchPage(queryId, 100, 100);
    expect(served.ok && served.value.values[1]?.map((v) => v?.length)).toEqual(Array(100).fill(cell));
    expect(served.ok && served.value.values[0]?.[0]).toBe('100');
  });
});
